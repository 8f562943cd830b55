import { dayLabel, languageLabel } from "../site/labels.ts";
import type { ResultData } from "./pagefind.ts";

/**
 * Result cards: title, source, date, language, topics, places and an excerpt. The card's content
 * is worked out by pure functions (`resultCard`, unit-tested without a browser); `renderResult`
 * only turns it into elements. Labels come from src/site/labels.ts, as on every other page.
 *
 * Article text is untrusted: the excerpt never goes through an HTML parser and never becomes
 * markup. It is read as text with `<mark>` around the matched words, and drawn as text nodes and
 * `<mark>` elements.
 */

/** Most words of a search a result link asks the browser to highlight. */
export const HIGHLIGHT_WORDS = 3;

/** A run of excerpt text, marked when it is a word the search matched. */
export interface ExcerptSegment {
  text: string;
  marked: boolean;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

/** Text with HTML character references decoded (the ones Pagefind writes, numeric ones, and a few named). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/giu, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      // No NUL, no surrogate halves, nothing beyond Unicode: those stay as written.
      const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
      return valid ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Pagefind's excerpt (page text with `<`, `>` escaped and `<mark>…</mark>` around matches) as
 * segments of plain text, one per marked word. Any other tag is dropped.
 */
export function excerptSegments(html: string): ExcerptSegment[] {
  const segments: ExcerptSegment[] = [];
  let marked = false;
  const push = (raw: string) => {
    const text = decodeEntities(raw);
    if (!text) return;
    const last = segments.at(-1);
    if (last && !last.marked && !marked) last.text += text;
    else segments.push({ text, marked });
  };
  let at = 0;
  for (const tag of html.matchAll(/<(\/?)([a-z][a-z0-9]*)?[^>]*>/giu)) {
    push(html.slice(at, tag.index));
    at = tag.index + tag[0].length;
    if (tag[2]?.toLowerCase() === "mark") marked = tag[1] !== "/";
  }
  push(html.slice(at));
  return segments;
}

/**
 * The article's URL with a text fragment (`#:~:text=word&text=…`) for the words the excerpt marks:
 * the browser itself scrolls to and highlights them, so article pages stay free of JavaScript.
 * The words are the page's own (from the excerpt), so they match even when the query was an alias.
 * Returned relative to the site (path and query), resolved against `origin`.
 */
export function highlightedUrl(url: string, excerpt: string, origin: string): string {
  const target = new URL(url, origin);
  target.searchParams.delete("pagefind-highlight");
  const words = excerptSegments(excerpt)
    .filter((segment) => segment.marked)
    .map((segment) => segment.text.trim().replace(/[.,;:!?»”"')]+$/u, ""));
  const unique = [...new Set(words.filter(Boolean))].slice(0, HIGHLIGHT_WORDS);
  const page = target.pathname + target.search;
  if (unique.length === 0) return page;
  // A hyphen is a text directive's own syntax (prefix-,text,-suffix): it is escaped in words.
  const directives = unique.map((w) => `text=${encodeURIComponent(w).replaceAll("-", "%2D")}`).join("&");
  return `${page}#:~:${directives}`;
}

/** A YYYY-MM-DD… date as people read it ("23 March 2024"), or as written when it is not one. */
export function resultDateLabel(date: string): string {
  return /^\d{4}-\d{2}-\d{2}/u.test(date) && !Number.isNaN(Date.parse(date.slice(0, 10)))
    ? dayLabel(date.slice(0, 10))
    : date;
}

/** What a result card shows. */
export interface ResultCard {
  title: string;
  href: string;
  source: string | undefined;
  date: { value: string; label: string } | undefined;
  languages: string[];
  /** "Topics: Elections, Mobilization" and "Places: Russia", when the article has any. */
  facets: string[];
  excerpt: ExcerptSegment[];
}

/** The card of one result, from its fragment. */
export function resultCard(data: ResultData, origin: string): ResultCard {
  const filters = data.filters ?? {};
  const excerpt = data.excerpt ?? "";
  const facets: string[] = [];
  if (filters.topic?.length) facets.push(`Topics: ${filters.topic.join(", ")}`);
  if (filters.place?.length) facets.push(`Places: ${filters.place.join(", ")}`);
  const date = data.meta?.date;
  return {
    title: data.meta?.title || data.url,
    href: highlightedUrl(data.url, excerpt, origin),
    source: filters.source?.length ? filters.source.join(", ") : undefined,
    date: date ? { value: date, label: resultDateLabel(date) } : undefined,
    languages: (filters.language ?? []).map(languageLabel),
    facets,
    excerpt: excerptSegments(excerpt),
  };
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** One result card as elements: Pagefind calls this with the result's loaded fragment. */
export function renderResult(data: ResultData): HTMLElement {
  const card = resultCard(data, window.location.origin);
  const item = element("li", "pf-result search-result");
  const title = element("h2", "pf-result-title search-result-title");
  const link = element("a", "pf-result-link", card.title) as HTMLAnchorElement;
  link.href = card.href;
  title.append(link);
  item.append(title);

  const meta = element("p", "search-result-meta");
  const parts: HTMLElement[] = [];
  if (card.source) parts.push(element("span", "search-result-source", card.source));
  if (card.date) {
    const time = element("time", "", card.date.label) as HTMLTimeElement;
    time.dateTime = card.date.value;
    parts.push(time);
  }
  for (const language of card.languages) parts.push(element("span", "search-result-language", language));
  parts.forEach((part, i) => {
    if (i > 0) meta.append(" · ");
    meta.append(part);
  });
  item.append(meta);

  for (const facet of card.facets) item.append(element("p", "search-result-topics", facet));

  const excerpt = element("p", "pf-result-excerpt");
  for (const segment of card.excerpt)
    excerpt.append(segment.marked ? element("mark", "", segment.text) : segment.text);
  item.append(excerpt);
  return item;
}
