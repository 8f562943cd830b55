/**
 * The agreement between HTML extraction (src/ingest/html/, pure: a page's text in, an article out)
 * and the ingest plumbing that calls it (readers, pipeline). Extraction never touches the disk or
 * the network; readers never parse HTML themselves.
 */

/** Where a piece of metadata came from, most trusted first. */
export type MetadataOrigin = "json-ld" | "opengraph" | "meta" | "microdata" | "page" | "url";

export interface Found<T> {
  value: T;
  origin: MetadataOrigin;
}

/** What kind of page this is: only articles are published; the rest are refused or flagged. */
export type PageKind = "article" | "listing" | "product" | "forum" | "other";

export interface HtmlExtraction {
  /** Main content as clean markdown: absolute http(s)/mailto links only, no raw HTML. */
  markdown: string;
  /** The same content as plain-text paragraphs (for summaries, quotes, tagging, evaluation). */
  paragraphs: string[];
  title: Found<string> | undefined;
  byline: Found<string> | undefined;
  /** Publication date-time as ISO 8601 with offset (strictly parsed; never rolled over). */
  published: Found<string> | undefined;
  modified: Found<string> | undefined;
  siteName: Found<string> | undefined;
  /** BCP 47 language of the page as declared or detected. */
  language: Found<string> | undefined;
  /** Canonical URL, absolute, tracking parameters not yet stripped (the pipeline normalises). */
  canonicalUrl: Found<string> | undefined;
  imageCaption: string | undefined;
  imageCredit: string | undefined;
  pageKind: PageKind;
  /** Which step of the fallback cascade produced `markdown` (e.g. "readability", "largest-block"). */
  extractor: string;
  warnings: string[];
}

export interface HtmlExtractionOptions {
  /** The page's own URL, if known: resolves relative links and is the canonical URL of last resort. */
  url?: string;
}

/** Signature of the extraction entry point, `extractHtml` in src/ingest/html/extract.ts. */
export type ExtractHtml = (html: string, options?: HtmlExtractionOptions) => HtmlExtraction;

/** Result of turning raw bytes into text (src/ingest/decode.ts). */
export interface DecodedText {
  text: string;
  /** WHATWG encoding name actually used, e.g. "utf-8", "windows-1251", "koi8-r"; for legacy code
   * pages WHATWG lacks, the label normalised ("cp855", "koi8-t"); "utf-32le"/"utf-32be". */
  encoding: string;
  /** How the encoding was chosen. */
  via: "bom" | "http" | "meta" | "xml-declaration" | "detected" | "default";
  /** What a reader should pass on to the document's warnings: a declared charset nothing can
   * decode (naming the label and where it was declared), stray non-UTF-8 bytes, repaired double
   * encoding. Absent when there is nothing to report. */
  warnings?: string[];
}

export interface DecodeHints {
  /** A Content-Type header value, when the bytes came over HTTP. */
  contentType?: string;
  /** Look for <meta charset> / XML declarations ("html" or "xml"), or neither ("text"). */
  kind: "html" | "xml" | "text";
}

/** Signature of `decodeBytes` in src/ingest/decode.ts. */
export type DecodeBytes = (bytes: Uint8Array, hints: DecodeHints) => DecodedText;
