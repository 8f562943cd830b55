import type { FilterCondition, FilterValues } from "./pagefind.ts";

/**
 * A search as a URL: `/search/?q=…&topic=…&place=…&source=…&lang=…&year=…&month=…&sort=newest`, so
 * reload, back and forward, and a shared link all reproduce it. Pure: no window, no document.
 */

/** URL parameter → Pagefind filter name (the `data-pagefind-filter` names of layouts/article.njk and partials/search-meta.njk). */
export const FILTER_PARAMS = {
  topic: "topic",
  place: "place",
  source: "source",
  lang: "language",
  year: "year",
  month: "month",
} as const;

/** The reader's sort choices as Pagefind sort options (`{}` is Pagefind's relevance ranking). */
export const SORTS = { relevance: {}, newest: { date: "desc" } } as const satisfies Record<
  string,
  Record<string, string>
>;
export type SortName = keyof typeof SORTS;

export const isSortName = (value: string): value is SortName => Object.hasOwn(SORTS, value);

export interface SearchState {
  query: string;
  filters: FilterValues;
  sort: SortName;
}

/** The search a URL's query string describes; repeated and empty values are dropped. */
export function readState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const filters: FilterValues = {};
  for (const [param, filter] of Object.entries(FILTER_PARAMS)) {
    const values = [...new Set(params.getAll(param).filter(Boolean))];
    if (values.length > 0) filters[filter] = values;
  }
  const sort = params.get("sort") ?? "";
  return { query: params.get("q") ?? "", filters, sort: isSortName(sort) ? sort : "relevance" };
}

/** The URL of a search state on the page `page` (relevance is the default, so it is left out). */
export function stateUrl(state: SearchState, page: string): URL {
  const url = new URL(page);
  url.search = "";
  url.hash = "";
  if (state.query) url.searchParams.set("q", state.query);
  for (const [param, filter] of Object.entries(FILTER_PARAMS))
    for (const value of state.filters[filter] ?? []) url.searchParams.append(param, value);
  if (state.sort !== "relevance") url.searchParams.set("sort", state.sort);
  return url;
}

/** A state with neither words nor filters. */
export const isEmpty = (state: SearchState): boolean =>
  !state.query && Object.keys(state.filters).length === 0;

/** Filters as a URL holds them: only the known filters, only non-empty lists of strings. */
export function normalise(filters: unknown): FilterValues {
  const clean: FilterValues = {};
  if (!filters || typeof filters !== "object") return clean;
  for (const filter of Object.values(FILTER_PARAMS)) {
    const values = (filters as Record<string, unknown>)[filter];
    if (Array.isArray(values)) {
      const strings = values.filter((v): v is string => typeof v === "string" && v !== "");
      if (strings.length > 0) clean[filter] = strings;
    }
  }
  return clean;
}

/** Whether two states choose the same filter values (in any order of filters). */
export function sameFilters(a: SearchState, b: SearchState): boolean {
  const page = "https://digest.invalid/search/";
  const filtersOnly = (s: SearchState) =>
    stateUrl({ query: "", filters: s.filters, sort: "relevance" }, page).href;
  return filtersOnly(a) === filtersOnly(b);
}

/**
 * Whether going from `previous` to `next` only changes the words: such edits close together are
 * one history entry, so Back undoes a typed word, not a letter.
 */
export const isQueryEdit = (previous: SearchState, next: SearchState): boolean =>
  sameFilters(previous, next) && previous.sort === next.sort;

/** The reader's filters as Pagefind conditions: values of one filter are OR-ed (Pagefind ANDs an array). */
export function anyOf(filters: FilterValues | undefined): FilterCondition {
  const combined: FilterCondition = {};
  for (const [name, values] of Object.entries(filters ?? {}))
    if (Array.isArray(values) && values.length > 0) combined[name] = { any: values };
  return combined;
}
