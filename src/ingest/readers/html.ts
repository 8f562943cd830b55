import { gunzipSync } from "node:zlib";
import type { DateCandidate } from "../dates.ts";
import { decodeBytes } from "../decode.ts";
import { extractHtml } from "../html/extract.ts";
import type { HtmlExtraction } from "../html/types.ts";
import { htmlNestingDepth, MAX_HTML_DEPTH } from "../limits.ts";
import { sha256Hex } from "./text.ts";
import type { ExtractedDocument, RawInput, Reader, ReadItem } from "./types.ts";

/** Name and version of this reader; the extraction step is appended ("html@1/readability"). */
export const HTML_EXTRACTOR = "html@1";

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

/** Whether the first bytes look like an HTML document. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).trimStart().toLowerCase();
  return /^(?:\ufeff|ï»¿)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype html|<html|<head|<meta)/.test(head);
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

/**
 * The address a browser or a saving tool wrote into a saved page: `<!-- saved from url=(0043)https://… -->`
 * (Chrome, Edge, Internet Explorer) or SingleFile's `url: https://…` comment. Read from the page's
 * first 4 KB only.
 */
export function savedFromUrl(html: string): string | undefined {
  const head = html.slice(0, 4096);
  const found =
    /<!--\s*saved from url=\(\d+\)(https?:\/\/[^\s>]+?)\s*-->/i.exec(head)?.[1] ??
    /<!--[^>]*?Page saved with SingleFile[\s\S]*?\burl:\s*(https?:\/\/\S+)/i.exec(head)?.[1];
  if (!found) return undefined;
  try {
    return new URL(found).href;
  } catch {
    return undefined;
  }
}

/** Saved pages (`.html`, `.htm`, and those gzipped) and fetched HTML. */
export const htmlReader: Reader = {
  name: "html",
  accepts(raw: RawInput): boolean {
    if (raw.contentType) return /^(?:text\/html|application\/xhtml\+xml)\b/i.test(raw.contentType);
    if (/\.(?:html?|xhtml)(?:\.gz)?$/i.test(raw.input)) return true;
    return looksLikeHtml(raw.bytes);
  },
  read(raw: RawInput): ReadItem[] {
    const sha256 = sha256Hex(raw.bytes);
    let bytes: Uint8Array;
    try {
      bytes = gunzipIfNeeded(raw.bytes);
    } catch (error) {
      return [
        {
          kind: "failed",
          input: raw.input,
          reason: `${raw.input}: looks gzipped but cannot be inflated (${(error as Error).message}). Save the page again, uncompressed.`,
        },
      ];
    }
    const decoded = decodeBytes(bytes, {
      kind: "html",
      ...(raw.contentType ? { contentType: raw.contentType } : {}),
    });
    const deep = tooDeep(decoded.text);
    if (deep)
      return [
        {
          kind: "failed",
          input: raw.input,
          reason: `${raw.input}: ${deep}. Check that it is an article page, saved complete.`,
        },
      ];
    // A saved page without its URL given may carry it in a comment its browser wrote.
    const url = raw.url ?? savedFromUrl(decoded.text);
    let extraction: HtmlExtraction;
    try {
      extraction = extractHtml(decoded.text, url ? { url } : {});
    } catch (error) {
      return [
        {
          kind: "failed",
          input: raw.input,
          reason: `${raw.input}: the page cannot be extracted (${(error as Error).message}). Check that it is a complete HTML page.`,
        },
      ];
    }
    const document = documentFromExtraction(extraction, {
      input: raw.input,
      sha256,
      extractor: HTML_EXTRACTOR,
      ...(url ? { url } : {}),
    });
    if (!document)
      return [
        {
          kind: "failed",
          input: raw.input,
          reason: `${raw.input}: no article found in the page (no title or no text; extraction: ${extraction.extractor}). Check that it is an article page, saved complete.`,
        },
      ];
    // What decoding had to say (an encoding label nothing reads, stray bytes) goes with the article.
    document.warnings.push(...(decoded.warnings ?? []));
    return [{ kind: "document", document }];
  },
};
