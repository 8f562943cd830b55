import { urls } from "../content/paths.ts";
import type { SearchAliasesPage } from "../site/page-plan.ts";
import type { PartsManifest, PublishedPart } from "../site/search-index.ts";
import type { FilterValues, PagefindApi, ResultsElement } from "./pagefind.ts";
import { archiveApi, mergeOptions, withoutPartFilter } from "./search-archive.ts";
import { renderResult, resultDateLabel } from "./search-results.ts";
import {
  anyOf,
  isEmpty,
  isQueryEdit,
  isSortName,
  normalise,
  readState,
  type SearchState,
  SORTS,
  type SortName,
  stateUrl,
} from "./search-state.ts";

/**
 * The search page (layouts/search.njk), bundled by the build into /assets/search.js
 * (src/site/browser-scripts.ts). Pagefind's component UI, loaded before it, does the searching and
 * draws the input, summary, filter pane and results; this adds what a news archive needs:
 *
 *   1. the whole search state in the URL (search-state.ts), so reload, back/forward and a shared
 *      link reproduce a search;
 *   2. several values of one filter combine with OR (two topics = articles in either), different
 *      filters with AND, and filters alone (no words) list the matching articles;
 *   3. a sort control: most relevant first or newest first;
 *   4. filter data fetched only when the reader opens the filters;
 *   5. result cards with title, source, date, language, topics and an excerpt (search-results.ts);
 *   6. every spelling of a topic finds its articles: Kharkov, Харкові or Харьков find the articles
 *      tagged Kharkiv, whatever spelling their text uses (search-archive.ts);
 *   7. an index in parts by publication time (search-archive.ts): the first results come from the
 *      newest part, the rest of the archive joins the same list right after, and a date sort stays
 *      a date sort across parts.
 *
 * A separate file, not an inline script, because the Content-Security-Policy forbids inline code.
 */

/** Query edits closer together than this are one history entry (typing a word is one step back). */
const TYPING_BURST_MS = 2000;

const json = <T>(url: string): Promise<T | undefined> =>
  fetch(url)
    .then((response) => (response.ok ? (response.json() as Promise<T>) : undefined))
    .catch(() => undefined);
// Both start at once, before Pagefind loads.
const manifestRequest = json<PartsManifest>(urls.searchParts());
const aliasesRequest = json<SearchAliasesPage>(urls.searchAliases());

const required = <T extends Element>(selector: string): T => {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`search page: no ${selector}`);
  return found;
};

window.addEventListener("DOMContentLoaded", () => {
  const instance = window.PagefindComponents.getInstanceManager().getInstance("default");
  const sortControl = required<HTMLElement>(".search-controls");
  const sortSelect = required<HTMLSelectElement>("#search-sort");
  const results = required<ResultsElement>("pagefind-results");
  const filterBox = required<HTMLDetailsElement>(".search-filters");
  const searchBox = required<HTMLElement>("#search");
  const status = required<HTMLElement>(".search-status");
  let sort: SortName = "relevance";
  let restoring = false;
  let lastQueryEdit = 0;
  const hasSearch = () =>
    Boolean(instance.searchTerm) || Object.keys(instance.searchFilters ?? {}).length > 0;

  // The parts of the index, read before Pagefind loads: the newest is the primary index and gives
  // the first results alone (every part loaded costs a query another index chunk); the others are
  // merged once those results are on screen.
  let loadedParts: PublishedPart[] = [];
  let restParts: PublishedPart[] = [];
  let pagefindApi: (PagefindApi & { loadRest(): Promise<void> }) | null = null;
  // Filter data loads only when the reader opens the filters (or the URL has some). The component
  // UI asks Pagefind for every filter's counts as soon as it loads, which on a 10,000-article
  // archive is about 100 KB, most of a first search's bytes. Until then its filters() answers
  // "none"; opening the filters loads them all and re-runs the search so the counts appear.
  let filtersWanted = false;
  const complete = () => searchBox.dataset.searchParts === "complete";

  // The rest of the archive is merged once the first results are on screen: a card drawn while a
  // search waits for it starts the merge, after the browser has painted.
  let restWaitsForCard = false;
  const mergeRest = () => {
    restWaitsForCard = false;
    if (!pagefindApi || restParts.length === 0 || complete()) return;
    const newest = loadedParts.at(-1)?.from;
    status.textContent = `Showing results from ${newest ? `${resultDateLabel(newest)} on` : "the newest articles"}; adding older articles…`;
    status.hidden = false;
    pagefindApi.loadRest();
  };
  results.resultTemplate = (data) => {
    if (restWaitsForCard) {
      restWaitsForCard = false;
      requestAnimationFrame(() => setTimeout(mergeRest, 0));
    }
    return renderResult(data);
  };
  sortControl.hidden = false;
  filterBox.hidden = false;

  const load = instance.__doLoad__.bind(instance);
  instance.__doLoad__ = async () => {
    const manifest = await manifestRequest;
    const [primary, ...rest] = Array.isArray(manifest?.parts) ? manifest.parts : [];
    if (primary) instance.applyOptions(mergeOptions(primary));
    loadedParts = primary ? [primary] : [];
    restParts = rest;
    searchBox.dataset.searchParts = rest.length > 0 ? "partial" : "complete";
    return load();
  };
  /** Once the whole archive is in, the current search runs again over all of it. */
  const onComplete = () => {
    searchBox.dataset.searchParts = "complete";
    status.hidden = true;
    if (hasSearch()) instance.__search__(instance.searchTerm, instance.searchFilters);
  };
  const wrapped = new WeakSet<PagefindApi>();
  Object.defineProperty(instance, "__pagefind__", {
    configurable: true,
    get: () => pagefindApi,
    set: (api: PagefindApi | null) => {
      if (api && !wrapped.has(api)) {
        const archive = archiveApi(api, loadedParts, restParts, {
          aliases: aliasesRequest,
          onComplete,
          countsWanted: () => filtersWanted,
        });
        const allFilters = api.filters.bind(api);
        archive.filters = () =>
          filtersWanted
            ? allFilters().then((counts) => withoutPartFilter(counts) ?? {})
            : Promise.resolve({});
        wrapped.add(archive);
        pagefindApi = archive;
      } else pagefindApi = api as typeof pagefindApi;
    },
  });
  instance.on("results", (found) => {
    if (restParts.length === 0 || complete()) return;
    if ((found?.results?.length ?? 0) > 0) restWaitsForCard = true;
    else if (hasSearch()) mergeRest();
  });

  async function wantFilters() {
    if (filtersWanted) return;
    filtersWanted = true;
    await instance.__load__();
    // Filters count the whole archive: the rest of it is loaded first, so the filter pane does not
    // redraw (closing the groups the reader opened) when older parts bring new values.
    await pagefindApi?.loadRest();
    const all = (await pagefindApi?.filters()) ?? {};
    instance.availableFilters = all;
    instance.totalFilters = all;
    instance.__dispatch__("filters", { available: all, total: all });
    // Counts for the current search, now that Pagefind has the filter data.
    if (hasSearch()) instance.triggerSearchWithFilters(instance.searchTerm, instance.searchFilters);
  }
  filterBox.addEventListener("toggle", () => {
    if (filterBox.open) wantFilters();
  });

  // Every search the component UI starts goes through here: filter values are OR-ed, and with
  // filters but no words the instance lists every matching article ("faceted" mode). This wraps
  // the instance's own search step, the one place all components (input, filter pane) reach.
  const runSearch = instance.__search__.bind(instance);
  instance.__search__ = async (term: string, filters: FilterValues) => {
    await instance.__load__();
    const combined = anyOf(filters);
    instance.faceted = Object.keys(combined).length > 0;
    return runSearch(term, combined as FilterValues);
  };

  /** Shows a search state: the controls, then the results (without adding a history entry). */
  function show(state: SearchState) {
    restoring = true;
    try {
      sort = state.sort;
      sortSelect.value = sort;
      instance.searchSort = SORTS[sort];
      const input = document.querySelector<HTMLInputElement>("pagefind-input input");
      if (input) input.value = state.query;
      instance.triggerSearchWithFilters(state.query, state.filters);
    } finally {
      restoring = false;
    }
  }

  // The reader's changes become history entries; a burst of typing becomes one.
  instance.on("search", (term, filters) => {
    if (restoring) return;
    const next: SearchState = { query: term ?? "", filters: normalise(filters), sort };
    const url = stateUrl(next, window.location.href);
    if (url.href === window.location.href) return;
    const queryOnly = isQueryEdit(readState(window.location.search), next);
    const now = Date.now();
    if (queryOnly && now - lastQueryEdit < TYPING_BURST_MS) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
    lastQueryEdit = queryOnly ? now : 0;
  });

  sortSelect.addEventListener("change", () => {
    sort = isSortName(sortSelect.value) ? sortSelect.value : "relevance";
    instance.searchSort = SORTS[sort];
    instance.triggerSearchWithFilters(instance.searchTerm, instance.searchFilters);
  });

  /** A state with filters opens the filter pane (and so loads the filter data). */
  const openFiltersFor = (state: SearchState) => {
    if (Object.keys(state.filters).length === 0) return;
    filtersWanted = true;
    filterBox.open = true;
  };
  window.addEventListener("popstate", () => {
    const state = readState(window.location.search);
    openFiltersFor(state);
    show(state);
  });

  // A shared link or a reload: show its search. An empty search page loads nothing until used.
  const initial = readState(window.location.search);
  openFiltersFor(initial);
  if (!isEmpty(initial) || initial.sort !== "relevance") show(initial);
});
