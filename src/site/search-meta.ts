import type { Article } from "../content/schema.ts";
import { isSpaceCode } from "../white-space.ts";

/**
 * What an article page tells Pagefind beyond its text (see layouts/partials/search-meta.njk). The
 * model holds what the article's front matter gives ({@link ArticleSearchFields}, part of the page's
 * cache key); what needs the body is worked out when the page is rendered ({@link RenderedSearchFields}).
 */
export interface ArticleSearchFields {
  /**
   * The newest-first sort key: the instant in UTC. Pagefind compares sort values as strings, and
   * the dates as written carry their outlet's offset (09:00+02:00 is before 08:30+00:00).
   */
  sortDate: string;
  /** The year-month filter value, as the article's own date writes it (`2024-03`). */
  month: string;
}

export interface RenderedSearchFields extends ArticleSearchFields {
  /**
   * Whether the summary repeats the body's text (ingest often takes the lead sentence as the
   * summary). Then the summary paragraph is left out of the index: indexing it twice makes every
   * result fragment bigger and counts its words twice in the ranking.
   */
  summaryInBody: boolean;
}

const plain = (text: string) =>
  text
    .toLowerCase()
    .replace(/[*_`#>[\]()!]/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();

/** 1 for each UTF-16 code unit `plain` keeps as it is: neither a mark it turns into a space nor white space. */
const KEPT = (() => {
  const kept = new Uint8Array(0x10000);
  const marks = new Set([..."*_`#>[]()!"].map((c) => c.charCodeAt(0)));
  for (let code = 0; code < kept.length; code++) kept[code] = marks.has(code) || isSpaceCode(code) ? 0 : 1;
  return kept;
})();

/**
 * A lower bound of `plain(text).length`: the characters it keeps for certain (lower-casing never
 * shortens a string), counted in one pass without the copies `plain` makes. Most bodies are far
 * longer than their summary, and this alone tells.
 */
function keptAtLeast(text: string): number {
  let kept = 0;
  for (let i = 0; i < text.length; i++) kept += KEPT[text.charCodeAt(i)] as number;
  return kept;
}

/** How an article's summary relates to its body. */
export interface SummaryInBody {
  /** The body repeats the summary, ignoring case, markdown marks and spacing. */
  inBody: boolean;
  /**
   * The body says nothing the summary does not: a brief (a headline and its lede) or a capture
   * whose body is its lead sentence. Its page then shows the text once, as the body. What the body
   * adds beyond the summary must be at least a short sentence (30 characters) to count.
   */
  isBody: boolean;
}

const ADDS_A_SENTENCE = 30;

/** Both answers at once, normalising the body at most once (and for most bodies not at all). */
export function summaryAndBody(summary: string, body: string): SummaryInBody {
  let plainBody: string | undefined;
  const normalised = () => {
    plainBody ??= plain(body);
    return plainBody;
  };
  const plainSummary = plain(summary);
  // Most summaries are the lead sentence, word for word: then no need to normalise the whole body.
  const inBody = body.includes(summary) || normalised().includes(plainSummary);
  if (!inBody) return { inBody, isBody: false };
  // Taking the summary out of the normalised body leaves at least this much (its ends trimmed).
  if (keptAtLeast(body) - plainSummary.length - 2 >= ADDS_A_SENTENCE) return { inBody, isBody: false };
  const rest = normalised().replace(plainSummary, "").trim();
  return { inBody, isBody: rest.length < ADDS_A_SENTENCE };
}

/** Whether the body repeats the summary, ignoring case, markdown marks and spacing. */
export function summaryInBody(summary: string, body: string): boolean {
  return summaryAndBody(summary, body).inBody;
}

/** Whether the body says nothing the summary does not ({@link SummaryInBody}). */
export function summaryIsBody(summary: string, body: string): boolean {
  return summaryAndBody(summary, body).isBody;
}

/** The search fields of one article. */
export function articleSearchFields(article: Pick<Article, "date" | "date_source">): ArticleSearchFields {
  return {
    // An undated article (dated by ingest time) sorts as the oldest: "newest first" never opens with it.
    sortDate:
      article.date_source === "ingested" ? new Date(0).toISOString() : new Date(article.date).toISOString(),
    month: article.date.slice(0, 7),
  };
}
