import type { SourceRules } from "../../content/registry.ts";
import type { DiscardedLine } from "../clean.ts";
import type { DateCandidate } from "../dates.ts";
import type { CaptureHeader } from "../extract.ts";
import type { PageKind } from "../html/types.ts";
import type { RawDraft } from "./text.ts";

/**
 * The one interface every kind of input implements. A reader turns the raw bytes of one input
 * (a file or a fetched URL) into zero or more extracted documents, or says per item why not. It
 * is pure: no disk, no network, no clock, and it resolves nothing (no outlet, no registry): a text
 * capture, which is cleaned by its outlet's rules, comes out as its lines and header, and the
 * outlet stage (../outlets.ts) makes its document. Fetching a link a feed item points to is asked
 * for with a "follow" item, which the pipeline honours (with --fetch) and feeds back to the
 * readers. Everything after a reader — outlet, date rules, language, tags, enrichment,
 * duplicates, validation, write — is the same shared pipeline for every kind of input.
 */

/** One input as acquired: where it came from and its bytes, untouched. */
export interface RawInput {
  /** The input as the operator gave it (a path or a URL), or a derived name ("feed.xml → link"). */
  input: string;
  bytes: Uint8Array;
  /** HTTP Content-Type when fetched; otherwise undefined (readers look at the name and bytes). */
  contentType?: string;
  /** The URL the bytes came from (after redirects), when fetched. */
  url?: string;
}

/** Where a document came from: recorded in the article's provenance. */
export interface DocumentProvenance {
  input: string;
  /** sha256 of the raw bytes of the input (for a feed item: of the whole feed), hex. */
  sha256: string;
  /** The reader and extraction step, with version, e.g. "text-capture@1", "html@1/readability". */
  extractor: string;
}

/** An article as a reader found it, before the shared stages judge and complete it. */
export interface ExtractedDocument {
  /** What the report names for this document (the input, or "input#item" inside a feed). */
  input: string;
  title: string;
  /** Body as markdown (no raw HTML; absolute http(s)/mailto links only). */
  markdown: string;
  /** The body as plain-text paragraphs (summary, quotes, tags, language). */
  paragraphs: string[];
  /** The original article's URL as found (normalised later by the pipeline). */
  url?: string;
  byline?: string;
  /** Dates the input claims, most trusted first. */
  dates: DateCandidate[];
  /** A date-time the input says the article was updated (ISO 8601 with offset). */
  updated?: string;
  /** The language the input declares (page `lang`, feed language), if any. */
  language?: string;
  /** The outlet's name as the input gives it (og:site_name, the feed's title). */
  siteName?: string;
  /** The outlet, when it was needed before the document was made (a capture is cleaned by its outlet's rules). */
  source?: SourceRules;
  imageCaption?: string;
  imageCredit?: string;
  updateNote?: string;
  /** Lines removed as boilerplate, each with its reason. */
  removed: DiscardedLine[];
  warnings: string[];
  /** What kind of page this is; only "article" is published unless --allow-non-article. */
  pageKind: PageKind;
  provenance: DocumentProvenance;
}

/**
 * A text capture as read: its lines and what its own address and date lines say. Its document is
 * made once its outlet is known (../outlets.ts `captureDocument`).
 */
export interface TextCapture {
  draft: RawDraft;
  header: CaptureHeader;
}

/**
 * One outcome of reading: a document, a capture to clean by its outlet, a failure, a skip, or a
 * link to fetch and read.
 */
export type ReadItem =
  | { kind: "document"; document: ExtractedDocument }
  | { kind: "capture"; input: string; capture: TextCapture }
  | {
      kind: "failed";
      input: string;
      reason: string;
      /** The typed error behind the reason, when there is one (e.g. FeedError), for callers that branch on it. */
      error?: Error;
    }
  | { kind: "skipped"; input: string; reason: string }
  | {
      kind: "follow";
      input: string;
      url: string;
      /** Why the link must be fetched, and what to say when fetching is off. */
      reason: string;
      /** The item's feed metadata, used when the fetched page lacks it. */
      fallback?: Partial<Pick<ExtractedDocument, "title" | "byline" | "dates" | "siteName" | "language">> & {
        /**
         * The item's own summary as plain text (paragraphs separated by blank lines), when it has
         * one: without --fetch (or when the fetch fails) the item becomes a brief of its title and
         * this summary.
         */
        summary?: string;
      };
    };

/** A kind of input. */
export interface Reader {
  /** Short name, for reports: "text", "html", "feed". */
  name: string;
  /** Whether this reader is the one for the input (by content type, file name, then bytes). */
  accepts(raw: RawInput): boolean;
  /**
   * Reads the input. Never throws: bad bytes become a "failed" item with a reason. The same bytes
   * read the same on any thread (a large run reads ahead on a second one: ../helper-thread.ts).
   */
  read(raw: RawInput): ReadItem[];
}
