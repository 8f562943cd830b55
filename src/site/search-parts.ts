/**
 * The search index is cut into parts by publication time, so that
 *
 * - a reader's first results come from a small part (the newest articles), whatever the size of
 *   the archive: Pagefind loads one metadata entry per page of an index, and one index chunk of
 *   about 25 KB per part for each word, before it can answer;
 * - the rest of the archive joins the same result list right after (src/browser/search-archive.ts), in
 *   as few parts as the re-indexing cost allows, since every part costs each query another chunk;
 * - a new article re-indexes only its own part (Pagefind has no incremental mode), and every other
 *   part keeps its file names, so browsers keep it cached.
 *
 * Parts are spans of calendar time (by the UTC instant, so they are disjoint and a date sort can
 * concatenate them):
 *
 * - The newest month, where new articles land, goes by weeks of its days (1–7, 8–14, 15–21, 22–28,
 *   29–end): a new article re-indexes its week. The newest week is the search page's first part.
 * - Every other article belongs to its calendar year's part. A year with more than
 *   {@link PART_MAX_ARTICLES} articles is cut in halves of its months, then of a month's days,
 *   until each part fits or is a single day. The cut depends only on the span's own articles, so
 *   articles added to one year never move another year's parts. When a new month begins, the
 *   month that was newest joins its year (its part is indexed again once).
 */

/**
 * Most articles in one part (unless they share a day). This bounds the build's memory: Pagefind
 * holds about 200 KB for each page of the part it is indexing (measured with its CLI on article
 * pages of 600–900 words: 1,000 pages 200 MB, 2,500 pages 495 MB, 5,000 pages 980 MB), and the
 * build indexes one part at a time beside rendering. Smaller parts cost readers more requests
 * for complete results (an index chunk per part for each word), so the bound is as high as the
 * memory goal allows (2 GiB for a 10,000-article build). Re-indexing a part takes about a second
 * per 1,000 articles; it happens when a month ends (the month joins its year's part) or an older
 * article changes. At 200 articles a day (70,000 a year) a part holds about a week; at 2,500
 * articles a year, a year.
 */
export const PART_MAX_ARTICLES = 2_500;

export interface Searchable {
  /** Site path of the article page. */
  url: string;
  /** ISO 8601 with offset. */
  date: string;
}

export interface SearchPart<T extends Searchable> {
  /**
   * `2023` for a whole year, `2023-04` for a whole month, `2023-01_2023-06` for months 1 to 6,
   * `2024-03-01_2024-03-07` for days 1 to 7 of a month, `2024-03-05` for one day.
   */
  key: string;
  /** First and last UTC day the part covers (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Its articles, oldest first. */
  articles: T[];
}

const pad = (n: number) => String(n).padStart(2, "0");
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The first days of the newest month's weekly parts. */
const WEEK_STARTS = [1, 8, 15, 22, 29];

/** Articles by UTC day (`YYYY-MM-DD`), in time order. */
type Days<T> = ReadonlyMap<string, readonly T[]>;

/** The articles of days `from`…`to` (inclusive), oldest first. */
function within<T>(days: Days<T>, from: string, to: string): T[] {
  const articles: T[] = [];
  for (const [day, list] of days) if (day >= from && day <= to) articles.push(...list);
  return articles;
}

/** Days `first`…`last` of a month, halved until each range holds at most `max` articles; oldest first. */
function cutDays<T extends Searchable>(
  days: Days<T>,
  month: string,
  first: number,
  last: number,
  max: number,
): SearchPart<T>[] {
  const from = `${month}-${pad(first)}`;
  const to = `${month}-${pad(last)}`;
  const articles = within(days, from, to);
  if (articles.length === 0) return [];
  if (articles.length <= max || first === last) {
    const key =
      first === last ? from : first === 1 && last === daysIn(...ym(month)) ? month : `${from}_${to}`;
    return [{ key, from, to, articles }];
  }
  const middle = Math.floor((first + last) / 2);
  return [...cutDays(days, month, first, middle, max), ...cutDays(days, month, middle + 1, last, max)];
}

const ym = (month: string) => month.split("-").map(Number) as [number, number];

/** Months `first`…`last` of a year, halved until each range fits (then by days); oldest first. */
function cutMonths<T extends Searchable>(
  days: Days<T>,
  year: number,
  first: number,
  last: number,
  max: number,
): SearchPart<T>[] {
  const from = `${year}-${pad(first)}-01`;
  const to = `${year}-${pad(last)}-${pad(daysIn(year, last))}`;
  const articles = within(days, from, to);
  if (articles.length === 0) return [];
  if (first === last) return cutDays(days, `${year}-${pad(first)}`, 1, daysIn(year, first), max);
  if (articles.length <= max) {
    const key = first === 1 && last === 12 ? String(year) : `${year}-${pad(first)}_${year}-${pad(last)}`;
    return [{ key, from, to, articles }];
  }
  const middle = Math.floor((first + last) / 2);
  return [...cutMonths(days, year, first, middle, max), ...cutMonths(days, year, middle + 1, last, max)];
}

/** The parts of the index, newest first. */
export function searchParts<T extends Searchable>(
  articles: readonly T[],
  max = PART_MAX_ARTICLES,
): SearchPart<T>[] {
  const sorted = articles
    .map((article) => ({ article, time: Date.parse(article.date) }))
    .sort((a, b) => a.time - b.time || (a.article.url < b.article.url ? -1 : 1));
  const newest = sorted.at(-1);
  if (!newest) return [];
  const newestMonth = new Date(newest.time).toISOString().slice(0, 7);
  // The newest month's articles by day, and every older article by day.
  const recent = new Map<string, T[]>();
  const older = new Map<string, T[]>();
  for (const { article, time } of sorted) {
    const day = new Date(time).toISOString().slice(0, 10);
    const days = day.startsWith(newestMonth) ? recent : older;
    const list = days.get(day);
    if (list) list.push(article);
    else days.set(day, [article]);
  }

  const [year, month] = ym(newestMonth);
  const last = daysIn(year, month);
  const starts = WEEK_STARTS.filter((start) => start <= last);
  const weeks = starts.flatMap((start, w) =>
    cutDays(recent, newestMonth, start, (starts[w + 1] ?? last + 1) - 1, max),
  );

  const years = [...new Set([...older.keys()].map((day) => Number(day.slice(0, 4))))].sort();
  const settled = years.flatMap((y) =>
    // A year's part covers the year up to the newest month; its key stays the same as months join it.
    cutMonths(older, y, 1, 12, max).map((part) =>
      part.to >= newestMonth
        ? { ...part, to: new Date(Date.parse(`${newestMonth}-01`) - 1).toISOString().slice(0, 10) }
        : part,
    ),
  );
  return [...settled, ...weeks].reverse();
}
