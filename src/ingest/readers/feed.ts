import type { DateCandidate } from "../dates.ts";
import { decodeBytes } from "../decode.ts";
import { extractHtml } from "../html/extract.ts";
import type { HtmlExtraction } from "../html/types.ts";
import { feedsmith, linkedom } from "../libraries.ts";
import { MAX_FEED_ITEMS } from "../limits.ts";
import { cutShort, elementText, prefixesFor, rawItems } from "./feed-recover.ts";
import { documentFromExtraction, gunzipIfNeeded, sha256Hex, tooDeep } from "./shared.ts";
import type { RawInput, Reader, ReadItem } from "./types.ts";

/** Name and version of this reader; the extraction step is appended ("feed@1/readability"). */
export const FEED_EXTRACTOR = "feed@1";

/**
 * A feed item whose content has at least this many characters of text carries the full article;
 * shorter content is a teaser, and the article is fetched from the item's link (with --fetch).
 * 500: teasers seen in RSS are one or two sentences (under 400); a short news item is over 800.
 */
export const FULL_TEXT_MIN_CHARS = 500;

/** A feed that cannot be read at all: the file and the reason. */
export class FeedError extends Error {
  readonly input: string;
  constructor(input: string, reason: string, options?: { cause?: unknown }) {
    super(
      `${input}: not a feed that can be read (${reason}). Check that it is RSS, Atom, JSON Feed or OPML, saved complete.`,
      options,
    );
    this.name = "FeedError";
    this.input = input;
  }
}

/**
 * A feed whose XML ends before its root element does (a download interrupted, a file saved
 * half-way): the items before the cut were read; this names the file and where it stops.
 */
export class FeedCutShortError extends Error {
  readonly input: string;
  /** Complete items before the cut. */
  readonly itemsRead: number;
  constructor(input: string, itemsRead: number, insideItem: boolean) {
    const where =
      itemsRead === 0
        ? insideItem
          ? "the feed is cut short inside its first item: no item is complete"
          : "the feed is cut short before its first item"
        : `the feed is cut short after item ${itemsRead} (the file ends ${insideItem ? `inside item ${itemsRead + 1}` : "before the feed's end tag"}); ${itemsRead === 1 ? "the item before it was read" : `the ${itemsRead} items before it were read`}, any later ones are lost`;
    super(`${input}: ${where}. Fetch or save the feed again, complete, to read the rest.`);
    this.name = "FeedCutShortError";
    this.input = input;
    this.itemsRead = itemsRead;
  }
}

/**
 * A text an item gives: HTML (content:encoded, description, turbo:content, Atom type="html" or
 * "xhtml", JSON content_html) or plain text (yandex:full-text, Atom type="text", JSON
 * content_text), which is read as HTML only when it has tags.
 */
export interface FeedText {
  value: string;
  type: "html" | "text";
  /** The element it came from, e.g. "content:encoded", "yandex:full-text". */
  from: string;
}

/** One feed item, whatever the format, as plain data. */
export interface FeedItem {
  title?: string;
  link?: string;
  /**
   * Elements meant to carry the article's full text (content:encoded, Atom content, JSON
   * content_html/content_text, yandex:full-text, turbo:content); the longest is used.
   */
  contents: FeedText[];
  /** Teasers (description, Atom summary, JSON summary): the article when long enough, else the summary. */
  summaries: FeedText[];
  date?: string;
  updated?: string;
  author?: string;
  id?: string;
}

export interface FeedData {
  format: string;
  title?: string;
  language?: string;
  items: FeedItem[];
}

// Feed libraries return deep, format-specific shapes; read them as `unknown` with small helpers.
const at = (value: unknown, ...path: (string | number)[]): unknown =>
  path.reduce<unknown>(
    (v, key) =>
      v !== null && typeof v === "object" ? (v as Record<string | number, unknown>)[key] : undefined,
    value,
  );
const str = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const names = (value: unknown): string | undefined =>
  list(value)
    .map((p) => str(p) ?? str(at(p, "name")))
    .filter((n): n is string => n !== undefined)
    .join(", ") || undefined;

function atomLink(links: unknown): string | undefined {
  const all = list(links);
  const alternate = all.find((l) => (str(at(l, "rel")) ?? "alternate") === "alternate");
  return str(at(alternate ?? all[0], "href"));
}

/** The texts that are there. */
const texts = (
  candidates: { value: string | undefined; type: FeedText["type"]; from: string }[],
): FeedText[] => candidates.filter((t): t is FeedText => t.value !== undefined);

/** An Atom text construct (content, summary): text unless its type says HTML or XHTML. */
function atomText(
  value: unknown,
  from: string,
): { value: string | undefined; type: FeedText["type"]; from: string } {
  const type = str(at(value, "type"))?.toLowerCase();
  return {
    value: str(value) ?? str(at(value, "value")),
    type: type === "html" || type === "xhtml" || type?.includes("html") ? "html" : "text",
    from,
  };
}

/** Items of a parsed feed of any format, as {@link FeedItem}s. */
export function feedData(parsed: { format: string; feed: unknown }): FeedData {
  const feed = parsed.feed;
  if (parsed.format === "atom") {
    // Atom text constructs with a type attribute (<title type="text">) parse as { value, type }.
    const text = (value: unknown) => str(value) ?? str(at(value, "value"));
    return {
      format: "atom",
      title: text(at(feed, "title")),
      language: str(at(feed, "xml", "lang")),
      items: list(at(feed, "entries")).map((e) => ({
        title: text(at(e, "title")),
        link: atomLink(at(e, "links")),
        contents: texts([atomText(at(e, "content"), "content")]),
        summaries: texts([atomText(at(e, "summary"), "summary")]),
        date: str(at(e, "published")) ?? str(at(e, "updated")),
        updated: str(at(e, "updated")),
        author: names(at(e, "authors")),
        id: str(at(e, "id")),
      })),
    };
  }
  if (parsed.format === "json") {
    return {
      format: "json",
      title: str(at(feed, "title")),
      language: str(at(feed, "language")),
      items: list(at(feed, "items")).map((i) => ({
        title: str(at(i, "title")),
        link: str(at(i, "url")) ?? str(at(i, "external_url")),
        contents: texts([
          { value: str(at(i, "content_html")), type: "html", from: "content_html" },
          { value: str(at(i, "content_text")), type: "text", from: "content_text" },
        ]),
        summaries: texts([{ value: str(at(i, "summary")), type: "text", from: "summary" }]),
        date: str(at(i, "date_published")),
        updated: str(at(i, "date_modified")),
        author: names(at(i, "authors")) ?? str(at(i, "author", "name")),
        id: str(at(i, "id")),
      })),
    };
  }
  // rss and rdf share item fields
  return {
    format: parsed.format,
    title: str(at(feed, "title")),
    language: str(at(feed, "language")) ?? str(at(feed, "dc", "languages", 0)),
    items: list(at(feed, "items")).map((i) => ({
      title: str(at(i, "title")),
      link:
        str(at(i, "link")) ??
        (at(i, "guid", "isPermaLink") !== false ? str(at(i, "guid", "value")) : undefined) ??
        atomLink(at(i, "atom", "links")),
      contents: texts([{ value: str(at(i, "content", "encoded")), type: "html", from: "content:encoded" }]),
      summaries: texts([{ value: str(at(i, "description")), type: "html", from: "description" }]),
      date: str(at(i, "pubDate")) ?? str(at(i, "dc", "dates", 0)) ?? str(at(i, "dc", "date")),
      author: names(at(i, "authors")) ?? names(at(i, "dc", "creators")) ?? str(at(i, "dc", "creator")),
      id: str(at(i, "guid", "value")),
    })),
  };
}

/** Elements whose content is not text a reader sees. */
const NOT_TEXT = ["script", "style", "noscript", "template", "iframe"];

/** Text length of an HTML fragment (tags, scripts and styles dropped, whitespace collapsed). */
function textLength(html: string): number {
  return dropElements(html, NOT_TEXT)
    .replace(/<[^>]*>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, "x")
    .replace(/\s+/g, " ")
    .trim().length;
}

/** A tag, any tag: a "text" element that has one is HTML after all (yandex:full-text sometimes is). */
const ANY_TAG = /<\/?[a-z][\w:-]*(?:\s[^<>]*)?\/?>/i;
/** Tags that make paragraphs: HTML without any keeps its paragraphs in newlines. */
const BLOCK_TAG =
  /<(?:p|div|br|h[1-6]|ul|ol|li|dl|blockquote|table|tr|section|article|figure|pre|hr|header|footer)\b/i;

/**
 * Text split into paragraphs at blank lines, or at line ends when it has no blank line and its
 * lines are paragraphs (a full text: yandex:full-text puts one paragraph a line; a teaser's line
 * ends are more likely wrapping).
 */
function textParagraphs(text: string, lines: boolean): string[] {
  return text
    .split(/\n\s*\n/.test(text) || !lines ? /\n\s*\n/ : /\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p !== "");
}

/**
 * A feed text as HTML to extract from: plain text escaped (character references it already has
 * kept) and made paragraphs; HTML without paragraph tags given them at its line breaks; the
 * Turbo page's header (the headline again, the lead image) and menus dropped.
 */
export function feedTextHtml(text: FeedText): string {
  let value = text.value;
  if (text.from === "turbo:content") value = dropElements(value, ["header", "menu", "button"]);
  const html = text.type === "html" || ANY_TAG.test(value);
  if (html && (BLOCK_TAG.test(value) || !value.includes("\n"))) return value;
  const paragraphs = textParagraphs(value, text.from !== "description" && text.from !== "summary");
  return paragraphs
    .map((p) =>
      html
        ? `<p>${p}</p>`
        : `<p>${p
            .replace(/&(?!(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});)/gi, "&amp;")
            .replace(/</g, "&lt;")
            .replace(/>/g, "&gt;")}</p>`,
    )
    .join("\n");
}

/**
 * HTML without the named elements and their content (not nested in themselves), in one pass
 * per name: an element left open runs to the end. Linear, whatever the markup (a lazy regex
 * over many unclosed start tags is not).
 */
function dropElements(html: string, names: readonly string[]): string {
  let out = html;
  for (const name of names) {
    const open = new RegExp(`<${name}(?=[\\s/>])`, "gi");
    if (!open.test(out)) continue;
    open.lastIndex = 0;
    const close = new RegExp(`</${name}\\s*>`, "gi");
    let kept = "";
    let from = 0;
    for (let match = open.exec(out); match; match = open.exec(out)) {
      kept += `${out.slice(from, match.index)} `;
      close.lastIndex = match.index;
      const end = close.exec(out);
      from = end ? end.index + end[0].length : out.length;
      if (!end) break;
      open.lastIndex = from;
    }
    out = kept + out.slice(from);
  }
  return out;
}

let entityDocument: Document | undefined;

/**
 * An HTML fragment as plain text: scripts and styles dropped, tags stripped, character
 * references decoded (every HTML entity), paragraphs separated by a blank line, whitespace
 * within them collapsed.
 */
export function htmlToPlainText(html: string): string {
  const marked = dropElements(html, NOT_TEXT)
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(
      /<\/?(?:p|div|br|h[1-6]|ul|ol|li|dl|dt|dd|blockquote|table|tr|section|article|figure|figcaption|pre|hr|header|footer)\b[^>]*>/gi,
      "\n\n",
    )
    .replace(/<\/?[a-z][\w:-]*(?:\s[^<>]*)?\/?>/gi, "");
  let decoded = marked;
  if (/&[#a-z0-9]+;/i.test(marked)) {
    entityDocument ??= linkedom().parseHTML("<!doctype html><html><body></body></html>")
      .document as unknown as Document;
    const holder = entityDocument.createElement("div");
    holder.innerHTML = marked.replace(/</g, "&lt;");
    decoded = holder.textContent ?? marked;
  }
  return decoded
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p !== "")
    .join("\n\n");
}

/** Letters and digits only, lower case: for telling whether a summary only repeats the title. */
const bare = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");

/**
 * The summary of an item whose texts are all too short to be the article: the longest, as plain
 * text; none when it only repeats the title (or its beginning).
 */
function itemSummary(item: FeedItem): string | undefined {
  let best: string | undefined;
  for (const text of [...item.summaries, ...item.contents]) {
    const plain = htmlToPlainText(feedTextHtml(text));
    if (plain && (!best || plain.length > best.length)) best = plain;
  }
  if (!best) return undefined;
  const summary = bare(best);
  const title = bare(item.title?.replace(/<[^>]*>/g, "") ?? "");
  return summary === "" || (title !== "" && title.startsWith(summary)) ? undefined : best;
}

/**
 * The item's full text: the longest of its texts with at least {@link FULL_TEXT_MIN_CHARS}
 * characters, as HTML. Teasers count too (some feeds put the whole article in description).
 */
function fullText(item: FeedItem): string | undefined {
  let best: string | undefined;
  let bestLength = FULL_TEXT_MIN_CHARS - 1;
  for (const text of [...item.contents, ...item.summaries]) {
    // A text shorter than the best so far, even counting its markup, cannot win.
    if (text.value.length <= bestLength) continue;
    const html = feedTextHtml(text);
    const length = textLength(html);
    if (length > bestLength) {
      best = html;
      bestLength = length;
    }
  }
  return best;
}

/** The Yandex.News and Yandex Turbo namespaces: full text in elements feedsmith does not read. */
const YANDEX_NEWS = "http://news.yandex.ru";
const YANDEX_TURBO = "http://turbo.yandex.ru";

/**
 * Adds to RSS items the full text of `yandex:full-text` and `turbo:content`, read from the item's
 * own raw XML (feedsmith drops both). Only when the document has such an element at all; items
 * are matched to feedsmith's by position, or by link when the counts differ.
 */
function addYandexTexts(xml: string, items: FeedItem[]): void {
  if (!xml.includes(":full-text") && !xml.includes(":content")) return;
  const head = xml.slice(0, 8192);
  const news = [...new Set(["yandex", ...prefixesFor(head, YANDEX_NEWS)])];
  const turbo = [...new Set(["turbo", ...prefixesFor(head, YANDEX_TURBO)])];
  if (!news.some((p) => xml.includes(`<${p}:full-text`)) && !turbo.some((p) => xml.includes(`<${p}:content`)))
    return;
  const raw = rawItems(xml, "item");
  const byLink = raw.length === items.length ? undefined : new Map(items.map((item) => [item.link, item]));
  raw.forEach(({ start, end }, index) => {
    const segment = xml.slice(start, end ?? xml.length);
    const item = byLink ? byLink.get(rssLink(segment)) : items[index];
    if (!item) return;
    const fullText = elementText(segment, news, "full-text");
    if (fullText) item.contents.push({ value: fullText, type: "text", from: "yandex:full-text" });
    const turboContent = elementText(segment, turbo, "content");
    if (turboContent) item.contents.push({ value: turboContent, type: "html", from: "turbo:content" });
  });
}

/** An RSS item's `<link>`, from its raw XML. */
function rssLink(segment: string): string | undefined {
  const match = /<link>\s*(?:<!\[CDATA\[)?\s*([^<\s]+)/.exec(segment);
  return match?.[1]?.replace(/&amp;/g, "&");
}

function looksLikeFeed(head: string): boolean {
  return (
    /<(?:rss|feed|rdf:RDF|opml)\b/i.test(head) ||
    /^\s*\{[\s\S]*"version"\s*:\s*"https?:\/\/jsonfeed\.org/i.test(head)
  );
}

/** Feed URLs listed in an OPML document, in order, nested outlines included. */
export function opmlFeedUrls(opml: unknown): string[] {
  const urls: string[] = [];
  const walk = (outlines: unknown) => {
    for (const outline of list(outlines)) {
      const url = str(at(outline, "xmlUrl"));
      if (url) urls.push(url);
      walk(at(outline, "outlines"));
    }
  };
  walk(at(opml, "body", "outlines"));
  return urls;
}

function safeUrl(link: string | undefined, base: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    const url = new URL(link, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** RSS 0.9x/1.0/2.0, Atom, JSON Feed, and OPML lists of feeds. */
export const feedReader: Reader = {
  name: "feed",
  accepts(raw: RawInput): boolean {
    if (raw.contentType && /(?:rss|atom|rdf|opml|feed\+json|\/xml|\+xml)\b/i.test(raw.contentType))
      return true;
    if (/\.(?:rss|atom|rdf|opml|xml|feed|json)$/i.test(raw.input)) return true;
    return looksLikeFeed(new TextDecoder("latin1").decode(raw.bytes.subarray(0, 2048)));
  },
  read(raw: RawInput): ReadItem[] {
    const sha256 = sha256Hex(raw.bytes);
    const failed = (reason: string, cause?: unknown): ReadItem[] => {
      const error = new FeedError(raw.input, reason, { cause });
      return [{ kind: "failed", input: raw.input, reason: error.message, error }];
    };
    let text: string;
    try {
      const bytes = gunzipIfNeeded(raw.bytes);
      const isJson = /^\s*[[{]/.test(
        new TextDecoder("latin1").decode(bytes.subarray(0, 64)).replace(/^\ufeff|^ï»¿/, ""),
      );
      text = decodeBytes(bytes, {
        kind: isJson ? "text" : "xml",
        ...(raw.contentType ? { contentType: raw.contentType } : {}),
      }).text.replace(/^\uFEFF/, "");
    } catch (error) {
      return failed(`cannot be decoded: ${(error as Error).message}`, error);
    }
    if (/<opml\b/i.test(text.slice(0, 2048))) {
      let urls: string[];
      try {
        urls = opmlFeedUrls(feedsmith().parseOpml(text));
      } catch (error) {
        return failed(`broken OPML: ${(error as Error).message}`, error);
      }
      if (urls.length === 0)
        return [
          {
            kind: "skipped",
            input: raw.input,
            reason: `${raw.input}: the OPML file lists no feeds (no xmlUrl)`,
          },
        ];
      return urls.map((url, index) => ({
        kind: "follow",
        input: `${raw.input}#feed-${index + 1}`,
        url,
        reason: "a feed listed in an OPML file",
      }));
    }
    let data: FeedData | undefined;
    let recovered = false;
    const isJson = /^\s*[[{]/.test(text);
    // A feed cut short: its complete items are read from the well-formed prefix, and the cut reported.
    const cut = isJson ? undefined : cutShort(text);
    if (cut)
      try {
        data = parseXmlFeed(cut.prefix);
        recovered = true;
      } catch {
        // Damaged before the cut as well: reported from the whole text below.
      }
    // Cut short before any item was complete: nothing to read, whatever the rest of it is worth.
    if (!data && cut?.complete === 0) return [cutShortItem(raw.input, 0, cut.insideItem)];
    if (!data)
      try {
        data = isJson
          ? feedData(feedsmith().parseFeed(JSON.parse(text)) as { format: string; feed: unknown })
          : parseXmlFeed(text);
      } catch (error) {
        return failed((error as Error).message.split("\n")[0] ?? "unreadable", error);
      }
    const cutItem: ReadItem[] =
      cut && recovered ? [cutShortItem(raw.input, data.items.length, cut.insideItem)] : [];
    if (data.items.length === 0)
      return cutItem.length > 0
        ? cutItem
        : [
            {
              kind: "skipped",
              input: raw.input,
              reason: `${raw.input}: the ${data.format} feed has no items`,
            },
          ];
    const beyond = data.items.slice(MAX_FEED_ITEMS).map(
      (_item, offset): ReadItem => ({
        kind: "skipped",
        input: `${raw.input}#item-${MAX_FEED_ITEMS + offset + 1}`,
        reason: `${raw.input}#item-${MAX_FEED_ITEMS + offset + 1}: the feed has ${data.items.length} items; only the first ${MAX_FEED_ITEMS} of one feed are read (MAX_FEED_ITEMS). Split the feed to ingest the rest`,
      }),
    );
    const read = data.items.slice(0, MAX_FEED_ITEMS).map((item, index): ReadItem => {
      const input = `${raw.input}#item-${index + 1}`;
      const link = safeUrl(item.link, raw.url);
      const dates: DateCandidate[] = item.date ? [{ value: item.date, source: "feed" }] : [];
      const full = fullText(item);
      if (full) {
        const deep = tooDeep(full);
        if (deep) return { kind: "failed", input, reason: `${input}: the item's content: ${deep}` };
        let extraction: HtmlExtraction;
        try {
          extraction = extractHtml(
            `<!doctype html><html><body><article>${full}</article></body></html>`,
            link ? { url: link } : {},
          );
        } catch (error) {
          return {
            kind: "failed",
            input,
            reason: `${input}: the item's content cannot be extracted (${(error as Error).message})`,
          };
        }
        const document = documentFromExtraction(
          { ...extraction, pageKind: "article", canonicalUrl: undefined, title: undefined },
          {
            input,
            sha256,
            extractor: FEED_EXTRACTOR,
            ...(link ? { url: link } : {}),
            dates,
            ...(item.title ? { title: item.title.replace(/<[^>]*>/g, "") } : {}),
            ...(item.author ? { byline: item.author } : {}),
            ...(data.title ? { siteName: data.title } : {}),
            ...(data.language ? { language: data.language } : {}),
          },
        );
        if (document)
          return {
            kind: "document",
            document: { ...document, ...(item.updated ? { updated: item.updated } : {}) },
          };
        if (!link)
          return {
            kind: "failed",
            input,
            reason: `${input}: the item has no title or no text, and no link to fetch`,
          };
      }
      if (!link)
        return {
          kind: "skipped",
          input,
          reason: `${input}: summary-only item without a link; nothing to fetch`,
        };
      const summary = itemSummary(item);
      return {
        kind: "follow",
        input,
        url: link,
        reason: "summary-only",
        fallback: {
          ...(item.title ? { title: item.title } : {}),
          ...(item.author ? { byline: item.author } : {}),
          dates,
          ...(data.title ? { siteName: data.title } : {}),
          ...(data.language ? { language: data.language } : {}),
          ...(summary ? { summary } : {}),
        },
      };
    });
    return [...read, ...beyond, ...cutItem];
  },
};

/** An RSS/RDF/Atom document parsed, with the full text of the elements feedsmith does not read. */
function parseXmlFeed(xml: string): FeedData {
  const data = feedData(feedsmith().parseFeed(xml) as { format: string; feed: unknown });
  if (data.format === "rss" || data.format === "rdf") addYandexTexts(xml, data.items);
  return data;
}

function cutShortItem(input: string, itemsRead: number, insideItem: boolean): ReadItem {
  const error = new FeedCutShortError(input, itemsRead, insideItem);
  return { kind: "failed", input, reason: error.message, error };
}
