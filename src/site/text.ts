/**
 * Characters that XML 1.0 forbids (most C0 controls, U+FFFE/U+FFFF) and lone surrogates make feeds
 * unparseable and pages odd; every string from an article passes through here before a page or
 * feed sees it.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

/** The text with lone surrogates replaced and XML-forbidden characters removed. */
export function xmlSafeText(text: string): string {
  return text.toWellFormed().replace(XML_FORBIDDEN, "");
}

/**
 * Whether an extracted quote is worth showing as a key quote: someone said it (a speaker), and it
 * reads as a statement, not a fragment ("…the buffer zone will grow", "partial mobilization"):
 * it starts as a sentence does. Ingest keeps every quoted passage; the page shows these.
 */
export function isKeyQuote(quote: { text: string; speaker?: string | undefined }): boolean {
  return Boolean(quote.speaker?.trim()) && /^["“«'‘]?[\p{Lu}\p{N}]/u.test(quote.text.trim());
}

/** `#item-3`: which item of a feed an article came from, kept on the input it names. */
const FEED_ITEM = /#item-\d+$/;

/**
 * What a page may say about where an article came from (`provenance.input`): an http(s) URL
 * without credentials or query, or a file's name. Ingest records the path it read, and an
 * operator's paths (`/home/…`, `C:\Users\…`) say who runs the digest and how their disk is laid
 * out: they never reach a page.
 */
export function publicInput(input: string): string {
  const item = input.match(FEED_ITEM)?.[0] ?? "";
  const bare = input.slice(0, input.length - item.length);
  if (/^https?:\/\//i.test(bare)) {
    try {
      const url = new URL(bare);
      return `${url.protocol}//${url.host}${url.pathname}${item}`;
    } catch {
      return item ? `(a feed)${item}` : "(a web page)";
    }
  }
  // A scheme of our own (`synthetic:11/42`, `stdin:`) is not a path; anything else is a file.
  if (/^[a-z][a-z0-9+.-]*:(?![\\/])/i.test(bare) && !/^[a-z]:[\\/]/i.test(bare)) return input;
  const name = bare.split(/[\\/]/).filter(Boolean).pop() ?? "";
  return `${name || "(a file)"}${item}`;
}
