import { createHash } from "node:crypto";
import { gunzipSync } from "node:zlib";
import type { DateCandidate } from "../dates.ts";
import type { HtmlExtraction } from "../html/types.ts";
import { htmlNestingDepth, MAX_HTML_DEPTH } from "../limits.ts";
import type { ExtractedDocument } from "./types.ts";

/**
 * What the readers share: the hash their documents' provenance records, and, for the HTML a
 * saved page or a feed item carries, inflating it, refusing it when it nests too deep, and making
 * a document of what extraction found, its markdown held to the contract.
 */

/** sha256 of raw bytes, hex: the provenance of every document read from them. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Largest a gzipped page may inflate to. Real article pages are well under 5 MB; a small file
 * that inflates beyond this is a decompression bomb, not a page.
 */
export const MAX_INFLATED_BYTES = 50 * 1024 * 1024;

const GZIP_MAGIC = [0x1f, 0x8b];

/** The bytes, inflated when they are gzip (by magic number, whatever the file is called). */
export function gunzipIfNeeded(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) return bytes;
  return gunzipSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES });
}

/** Raw HTML tags (the extractor's contract says there are none; this holds it to that). */
const RAW_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/gi;
/** Markdown link targets other than absolute http(s) and mailto. */
const UNSAFE_LINK = /\]\((?!https?:\/\/|mailto:)(?:[^()]|\([^()]*\))*\)/gi;

/**
 * Markdown held to the contract whatever the extractor does: raw HTML tags dropped, links to
 * anything but absolute http(s)/mailto reduced to their text. Returns what was removed, counted.
 */
export function enforceSafeMarkdown(markdown: string): { markdown: string; warnings: string[] } {
  const tags = markdown.match(RAW_TAG)?.length ?? 0;
  const links = markdown.match(UNSAFE_LINK)?.length ?? 0;
  const safe = markdown.replace(RAW_TAG, "").replace(UNSAFE_LINK, "]");
  const warnings = [
    ...(tags > 0 ? [`removed ${tags} raw HTML tag(s) the extractor left in the markdown`] : []),
    ...(links > 0 ? [`removed ${links} link target(s) that were not absolute http(s)/mailto`] : []),
  ];
  return { markdown: safe, warnings };
}

/**
 * The document an HTML extraction describes, or undefined when it found no article text.
 * Shared by the HTML reader and the feed reader (feed item content is HTML too).
 */
export function documentFromExtraction(
  extraction: HtmlExtraction,
  base: {
    input: string;
    sha256: string;
    extractor: string;
    url?: string;
    dates?: DateCandidate[];
    title?: string;
    byline?: string;
    siteName?: string;
    language?: string;
  },
): ExtractedDocument | undefined {
  const safe = enforceSafeMarkdown(extraction.markdown);
  const title = (base.title ?? extraction.title?.value ?? "").replace(/\s+/g, " ").trim();
  const paragraphs = extraction.paragraphs.map((p) => p.trim()).filter((p) => p !== "");
  if (title === "" || paragraphs.length === 0 || safe.markdown.trim() === "") return undefined;
  const url = extraction.canonicalUrl?.value ?? base.url;
  const byline = base.byline ?? extraction.byline?.value;
  const siteName = extraction.siteName?.value ?? base.siteName;
  const language = extraction.language?.value ?? base.language;
  // A date shown on the page reads as the text's; one from the URL path as the URL's.
  const origin = extraction.published?.origin;
  const published: DateCandidate[] = extraction.published
    ? [
        {
          value: extraction.published.value,
          source: origin === "url" ? "url" : origin === "page" ? "text" : "meta",
        },
      ]
    : [];
  return {
    input: base.input,
    title,
    markdown: safe.markdown.trim(),
    paragraphs,
    ...(url ? { url } : {}),
    ...(byline ? { byline } : {}),
    dates: [...(base.dates ?? []), ...published],
    ...(extraction.modified ? { updated: extraction.modified.value } : {}),
    ...(language ? { language } : {}),
    ...(siteName ? { siteName } : {}),
    ...(extraction.imageCaption ? { imageCaption: extraction.imageCaption } : {}),
    ...(extraction.imageCredit ? { imageCredit: extraction.imageCredit } : {}),
    removed: [],
    warnings: [...extraction.warnings, ...safe.warnings],
    pageKind: extraction.pageKind,
    provenance: {
      input: base.input,
      sha256: base.sha256,
      extractor: `${base.extractor}/${extraction.extractor}`,
    },
  };
}

/**
 * Why `html` is too deeply nested to extract (over {@link MAX_HTML_DEPTH}), or undefined. Checked
 * before extraction, whose time grows faster than linearly with depth.
 */
export function tooDeep(html: string): string | undefined {
  const depth = htmlNestingDepth(html, MAX_HTML_DEPTH);
  return depth > MAX_HTML_DEPTH
    ? `elements nest more than ${MAX_HTML_DEPTH} levels deep (MAX_HTML_DEPTH, the depth Chromium's parser stops at); refused before extraction`
    : undefined;
}
