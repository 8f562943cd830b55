/**
 * Long lists (a topic's, a source's or a month's articles) cut into pages that stay put.
 *
 * Pages are numbered from the oldest articles: page 1 holds the oldest `size`, page 2 the next
 * `size`, and so on. A full page therefore never changes when new articles arrive, so a new article
 * re-renders the list's front page and, once a page fills up, two more: never the whole list, as
 * newest-first numbering would (every page shifts by one). A bookmarked page keeps showing what it
 * showed.
 *
 * The front page (the list's own URL) shows the newest articles: those of the page still filling
 * up plus the last full page, so it always shows between `size` and `2 × size − 1` articles (or all
 * of them, when there are fewer) and no article is on two pages.
 */

/** One page of a list, newest first. */
export interface ListingSlice<T> {
  /** 0 for the front page; otherwise the page number, counted from the oldest page. */
  number: number;
  items: T[];
  /** The page with the next newer items (0 = the front page); undefined on the front page. */
  newer: number | undefined;
  /** The page with the next older items; undefined on the oldest page. */
  older: number | undefined;
}

/**
 * Cuts a newest-first list into a front page and numbered pages of `size` (see the module comment);
 * the front page comes first, then numbered pages from the newest to the oldest. An empty list
 * still has its front page.
 */
export function listingSlices<T>(newestFirst: readonly T[], size: number): ListingSlice<T>[] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`page size must be a positive integer: ${size}`);
  const n = newestFirst.length;
  const full = Math.floor(n / size);
  if (full <= 1) return [{ number: 0, items: [...newestFirst], newer: undefined, older: undefined }];
  // Pages 1 … full−1 stand alone; page `full` and the partial remainder make up the front page.
  const frontLength = n - (full - 1) * size;
  const slices: ListingSlice<T>[] = [
    { number: 0, items: newestFirst.slice(0, frontLength), newer: undefined, older: full - 1 },
  ];
  for (let page = full - 1; page >= 1; page--) {
    slices.push({
      number: page,
      items: newestFirst.slice(n - page * size, n - (page - 1) * size),
      newer: page + 1 < full ? page + 1 : 0,
      older: page > 1 ? page - 1 : undefined,
    });
  }
  return slices;
}
