import type { Article } from "../content/schema.ts";

/** What an article page tells Pagefind beyond its text (see layouts/partials/search-meta.njk). */
export interface ArticleSearchFields {
  /**
   * The newest-first sort key: the instant in UTC. Pagefind compares sort values as strings, and
   * the dates as written carry their outlet's offset (09:00+02:00 is before 08:30+00:00).
   */
  sortDate: string;
  /** The year-month filter value, as the article's own date writes it (`2024-03`). */
  month: string;
  /**
   * Whether the summary repeats the body's text (ingest often takes the lead sentence as the
   * summary). Then the summary paragraph is left out of the index: indexing it twice makes every
   * result fragment bigger and counts its words twice in the ranking.
   */
  summaryInBody: boolean;
  /** The article's topic aliases (search-aliases.ts), each word once, as one hidden paragraph. */
  aliases: string;
  /**
   * How many words that paragraph has. It is the last indexed text of the page, so the search
   * page knows where the article's own words end and keeps aliases out of result excerpts.
   */
  aliasWords: number;
}

const plain = (text: string) =>
  text
    .toLowerCase()
    .replace(/[*_`#>[\]()!]/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();

/** The search fields of one article, given the aliases of each of its topics. */
export function articleSearchFields(
  article: Pick<Article, "date" | "summary" | "body">,
  topicAliases: readonly (readonly string[])[],
): ArticleSearchFields {
  const aliases = [...new Set(topicAliases.flat())];
  return {
    sortDate: new Date(article.date).toISOString(),
    month: article.date.slice(0, 7),
    summaryInBody: plain(article.body).includes(plain(article.summary)),
    aliases: aliases.join(" "),
    aliasWords: aliases.length,
  };
}
