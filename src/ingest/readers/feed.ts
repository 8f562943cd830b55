import { parseFeed, parseOpml } from "feedsmith";
import type { DateCandidate } from "../dates.ts";
import { decodeBytes } from "../decode.ts";
import { extractHtml } from "../html/extract.ts";
import type { HtmlExtraction } from "../html/types.ts";
import { MAX_FEED_ITEMS } from "../limits.ts";
import { documentFromExtraction, gunzipIfNeeded, tooDeep } from "./html.ts";
import { sha256Hex } from "./text.ts";
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

/** One feed item, whatever the format, as plain data. */
export interface FeedItem {
  title?: string;
  link?: string;
  /** Full content HTML (content:encoded, Atom content, JSON content_html/content_text). */
  content?: string;
  /** Teaser (description, Atom summary, JSON summary). */
  summary?: string;
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
        content: str(at(e, "content", "value")),
        summary: text(at(e, "summary")),
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
        content: str(at(i, "content_html")) ?? str(at(i, "content_text")),
        summary: str(at(i, "summary")),
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
      content: str(at(i, "content", "encoded")),
      summary: str(at(i, "description")),
      date: str(at(i, "pubDate")) ?? str(at(i, "dc", "dates", 0)) ?? str(at(i, "dc", "date")),
      author: names(at(i, "authors")) ?? names(at(i, "dc", "creators")) ?? str(at(i, "dc", "creator")),
      id: str(at(i, "guid", "value")),
    })),
  };
}

/** Text length of an HTML fragment (tags dropped, whitespace collapsed). */
function textLength(html: string): number {
  return html
    .replace(/<[^>]*>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, "x")
    .replace(/\s+/g, " ")
    .trim().length;
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
        urls = opmlFeedUrls(parseOpml(text));
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
    let data: FeedData;
    try {
      const input: unknown = /^\s*[[{]/.test(text) ? JSON.parse(text) : text;
      data = feedData(parseFeed(input) as { format: string; feed: unknown });
    } catch (error) {
      return failed((error as Error).message.split("\n")[0] ?? "unreadable", error);
    }
    if (data.items.length === 0)
      return [
        { kind: "skipped", input: raw.input, reason: `${raw.input}: the ${data.format} feed has no items` },
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
      const full =
        item.content ??
        (item.summary && textLength(item.summary) >= FULL_TEXT_MIN_CHARS ? item.summary : undefined);
      if (full && textLength(full) >= FULL_TEXT_MIN_CHARS) {
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
        },
      };
    });
    return [...read, ...beyond];
  },
};
