/**
 * Limits on what ingest accepts, and the error for an input refused before any stage sees it.
 * Every reader checks these before parsing, so one oversized or undecodable input is reported as
 * that input's failure and the run goes on with the rest.
 */

/**
 * Largest input ingest reads: 10 MB. A saved article page with inline assets is 1–3 MB and a
 * text capture tens of KB; anything bigger is the wrong file (a video, a database dump) and would
 * only cost memory and time.
 */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** How many URLs a run fetches at once by default: a few hosts at once, never one host twice. */
export const DEFAULT_CONCURRENCY = 4;

/** An input refused before parsing (too large, not decodable); the message says why and what to do. */
export class InputRejectedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InputRejectedError";
  }
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Throws an {@link InputRejectedError} when an input of `size` bytes is over {@link MAX_INPUT_BYTES}. */
export function checkInputSize(size: number): void {
  if (size > MAX_INPUT_BYTES)
    throw new InputRejectedError(
      `is ${megabytes(size)}, over the ${megabytes(MAX_INPUT_BYTES)} limit for one input (MAX_INPUT_BYTES); this is probably not an article. Check the file, or split it`,
    );
}

/**
 * Deepest element nesting of an HTML page (or feed item content) that is extracted: 512, the
 * depth at which Chromium's HTML parser stops nesting too. Real article pages stay under 100;
 * extraction time grows faster than linearly with depth (1,000 levels took 6 s, 100,000 levels
 * never finished), so a deeper page is refused before it is parsed.
 */
export const MAX_HTML_DEPTH = 512;

/**
 * Most items read from one feed: 1,000. News feeds carry 10–100 items and full archives a few
 * hundred; a feed with more is a dump or an attack, and each item costs an extraction and a write.
 * Items beyond it are reported as skipped, one entry each, so none is lost silently.
 */
export const MAX_FEED_ITEMS = 1000;

/** Elements that have no end tag, or whose end tag may be left out: they do not nest in the count. */
const NON_NESTING = new Set(
  "area base br col embed hr img input link meta param source track wbr p li dt dd tr td th thead tbody tfoot option optgroup colgroup caption rb rt rp html head body".split(
    " ",
  ),
);

/**
 * How deep the elements of `html` nest, counted on the tags (comments, script and style contents
 * skipped; elements without a required end tag not counted), stopping once past `stopAt`. Linear
 * in the length of the text, so it can run before a parser would spend quadratic time on it.
 */
export function htmlNestingDepth(html: string, stopAt = MAX_HTML_DEPTH): number {
  const tags =
    /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea)\b[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([a-z][a-z0-9-]*)\b[^>]*?(\/?)>/gi;
  let depth = 0;
  let deepest = 0;
  for (let m = tags.exec(html); m !== null; m = tags.exec(html)) {
    const name = m[3]?.toLowerCase();
    if (!name || NON_NESTING.has(name)) continue;
    if (m[2] === "/") depth = Math.max(0, depth - 1);
    else if (m[4] !== "/") {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > stopAt) return deepest;
    }
  }
  return deepest;
}
