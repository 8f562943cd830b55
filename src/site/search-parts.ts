/**
 * The search index is cut into parts by publication time, so that
 *
 * - a reader's first results come from a bounded part (the newest articles), whatever the size of
 *   the archive: Pagefind loads one metadata entry per page of an index before it looks up a word;
 * - the rest of the archive joins the same result list right after (public/assets/search.js);
 * - a new article re-indexes only its own part (Pagefind has no incremental mode), and every other
 *   part keeps its file names, so browsers keep it cached.
 *
 * A part is a calendar month (by the UTC instant, so parts are disjoint in time and a date sort can
 * concatenate them). A month with more than {@link PART_MAX_ARTICLES} articles is cut in two halves
 * of days, and each half again, until every part fits or is a single day. The cut depends only on
 * the month's own articles, so new articles in one month never move another month's parts.
 *
 * The newest month, where new articles land, is cut into weeks of its days (1–7, 8–14, 15–21,
 * 22–28, 29–end): a new article re-indexes its week, not its month. When the next month begins,
 * the month's weeks become one part (indexed once).
 */

/**
 * Most articles in one part. Pagefind's per-page metadata is about 10 bytes, so the first part's
 * metadata stays near 20 KB; re-indexing a part this size takes about a second on one core. At 200
 * articles a day a month holds about 6,000, cut into four parts of about 1,500.
 */
export const PART_MAX_ARTICLES = 2_000;

/**
 * The search page's first results come from the newest parts holding at least this many articles
 * (one part, unless the newest part is a month just begun); the others join afterwards.
 */
export const FIRST_PHASE_ARTICLES = 600;

export interface Searchable {
  /** Site path of the article page. */
  url: string;
  /** ISO 8601 with offset. */
  date: string;
}

export interface SearchPart<T extends Searchable> {
  /** `2024-03` for a whole month, `2024-03-01-15` for days 1 to 15 of it. */
  key: string;
  /** First and last UTC day the part covers (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Its articles, oldest first. */
  articles: T[];
}

const pad = (n: number) => String(n).padStart(2, "0");
const utcDay = (date: string) => new Date(date).toISOString().slice(0, 10);
const daysIn = (month: string) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/** Cuts days `first`…`last` of a month in halves until each range holds at most `max` articles. */
function cutMonth<T extends Searchable>(
  month: string,
  byDay: ReadonlyMap<number, T[]>,
  first: number,
  last: number,
  max: number,
  whole: boolean,
): SearchPart<T>[] {
  const articles: T[] = [];
  for (let day = first; day <= last; day++) articles.push(...(byDay.get(day) ?? []));
  if (articles.length === 0) return [];
  if (articles.length <= max || first === last) {
    return [
      {
        key: whole ? month : `${month}-${pad(first)}-${pad(last)}`,
        from: `${month}-${pad(first)}`,
        to: `${month}-${pad(last)}`,
        articles,
      },
    ];
  }
  const middle = Math.floor((first + last) / 2);
  return [
    ...cutMonth(month, byDay, first, middle, max, false),
    ...cutMonth(month, byDay, middle + 1, last, max, false),
  ];
}

/** The first days of the newest month's weekly parts. */
const WEEK_STARTS = [1, 8, 15, 22, 29];

/** The parts of the index, newest first. */
export function searchParts<T extends Searchable>(
  articles: readonly T[],
  max = PART_MAX_ARTICLES,
): SearchPart<T>[] {
  const byMonth = new Map<string, Map<number, T[]>>();
  const sorted = articles
    .map((article) => ({ article, time: Date.parse(article.date) }))
    .sort((a, b) => a.time - b.time || (a.article.url < b.article.url ? -1 : 1))
    .map(({ article }) => article);
  for (const article of sorted) {
    const day = utcDay(article.date);
    const month = day.slice(0, 7);
    const days = byMonth.get(month) ?? new Map<number, T[]>();
    const n = Number(day.slice(8, 10));
    const list = days.get(n);
    if (list) list.push(article);
    else days.set(n, [article]);
    byMonth.set(month, days);
  }
  const months = [...byMonth.keys()].sort().reverse();
  return months.flatMap((month, i) => {
    const days = byMonth.get(month) as Map<number, T[]>;
    const last = daysIn(month);
    if (i > 0) return cutMonth(month, days, 1, last, max, true).reverse();
    const starts = WEEK_STARTS.filter((start) => start <= last);
    return starts
      .flatMap((start, w) => cutMonth(month, days, start, (starts[w + 1] ?? last + 1) - 1, max, false))
      .reverse();
  });
}
