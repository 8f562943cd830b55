import type { Article } from "../content/schema.ts";

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

/** Whether the body repeats the summary, ignoring case, markdown marks and spacing. */
export function summaryInBody(summary: string, body: string): boolean {
  // Most summaries are the lead sentence, word for word: then no need to normalise the whole body.
  return body.includes(summary) || plain(body).includes(plain(summary));
}

/**
 * Whether the body says nothing the summary does not: a brief (a headline and its lede) or a
 * capture whose body is its lead sentence. Its page then shows the text once, as the body. What
 * the body adds beyond the summary must be at least a short sentence (30 characters) to count.
 */
export function summaryIsBody(summary: string, body: string): boolean {
  const rest = plain(body).replace(plain(summary), "").trim();
  return summaryInBody(summary, body) && rest.length < 30;
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
