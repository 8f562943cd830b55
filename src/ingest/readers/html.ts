import { decodeBytes } from "../decode.ts";
import { extractHtml } from "../html/extract.ts";
import type { HtmlExtraction } from "../html/types.ts";
import { documentFromExtraction, gunzipIfNeeded, sha256Hex, tooDeep } from "./shared.ts";
import type { RawInput, Reader, ReadItem } from "./types.ts";

/** Name and version of this reader; the extraction step is appended ("html@1/readability"). */
export const HTML_EXTRACTOR = "html@1";

/** Whether the first bytes look like an HTML document. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).trimStart().toLowerCase();
  return /^(?:\ufeff|ï»¿)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype html|<html|<head|<meta)/.test(head);
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
