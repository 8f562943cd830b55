// The search page. Pagefind's component UI (loaded before this file) does the searching and draws
// the input, summary, filter pane and results; this file adds what a news archive needs:
//
//   1. the whole search state in the URL (/search/?q=…&topic=…&source=…&lang=…&year=…&month=…&sort=newest),
//      so reload, back/forward and a shared link reproduce a search;
//   2. several values of one filter combine with OR (two topics = articles in either), different
//      filters with AND, and filters alone (no words) list the matching articles;
//   3. a sort control: most relevant first or newest first;
//   4. filter data fetched only when the reader opens the filters;
//   5. result cards with title, source, date, language, topics and an excerpt that never shows the
//      hidden topic aliases (layouts/partials/search-meta.njk);
//   6. an index in parts by publication time (src/site/search-parts.ts): the first results come from
//      the newest parts, the rest of the archive joins the same list right after, and a date sort
//      stays a date sort across parts.
//
// A separate file, not an inline script, because the Content-Security-Policy forbids inline code.

/** URL parameter → Pagefind filter name (see layouts/article.njk and partials/search-meta.njk). */
const FILTER_PARAMS = { topic: "topic", source: "source", lang: "language", year: "year", month: "month" };

/** The reader's sort choices as Pagefind sort options ({} = Pagefind's relevance ranking). */
const SORTS = { relevance: {}, newest: { date: "desc" } };

/** Query edits closer together than this are one history entry (typing a word is one step back). */
const TYPING_BURST_MS = 2000;

/** Alias words are indexed with data-pagefind-weight="0.5"; article text weighs 1 or more. */
const ALIAS_WEIGHT_BELOW = 0.75;
/** Words in a result excerpt (matches the excerpt-length of <pagefind-config> in search.njk). */
const EXCERPT_WORDS = 24;

/** The search a URL describes. */
function readState(search) {
  const params = new URLSearchParams(search);
  const filters = {};
  for (const [param, filter] of Object.entries(FILTER_PARAMS)) {
    const values = [...new Set(params.getAll(param).filter(Boolean))];
    if (values.length > 0) filters[filter] = values;
  }
  const sort = params.get("sort") === "newest" ? "newest" : "relevance";
  return { query: params.get("q") ?? "", filters, sort };
}

/** The URL of a search state (relevance is the default, so it is left out). */
function stateUrl(state) {
  const url = new URL(window.location.pathname, window.location.origin);
  if (state.query) url.searchParams.set("q", state.query);
  for (const [param, filter] of Object.entries(FILTER_PARAMS))
    for (const value of state.filters[filter] ?? []) url.searchParams.append(param, value);
  if (state.sort !== "relevance") url.searchParams.set("sort", state.sort);
  return url;
}

const isEmpty = (state) => !state.query && Object.keys(state.filters).length === 0;

/** Pagefind ANDs the values of an array filter; `{ any: [...] }` makes them OR. */
function anyOf(filters) {
  const combined = {};
  for (const [name, values] of Object.entries(filters ?? {}))
    if (Array.isArray(values) && values.length > 0) combined[name] = { any: values };
  return combined;
}

// ---- Result cards -----------------------------------------------------------------------------

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });
const dayFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

/** "Ukrainian" for uk; the code itself when it is not a language tag Intl knows. */
function languageName(code) {
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The article's own day (the date as written, whatever the reader's time zone), as people read it. */
function dayLabel(isoDate) {
  const [year, month, day] = isoDate.slice(0, 10).split("-").map(Number);
  if (!year || !month || !day) return isoDate;
  return dayFormat.format(new Date(Date.UTC(year, month - 1, day)));
}

/**
 * Copies Pagefind's excerpt HTML (escaped text with <mark> around matches) into `target`, keeping
 * only text and <mark>: article text is untrusted and never becomes markup.
 */
function appendExcerpt(target, html) {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, "text/html").body;
  for (const node of parsed.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) target.append(node.textContent);
    else if (node.nodeName === "MARK") target.append(element("mark", "", node.textContent));
    else target.append(node.textContent ?? "");
  }
}

/**
 * The excerpt without the hidden alias words. Pagefind picks the densest window of matches, which
 * for a query like "mobilization" is the alias paragraph (all its forms match). When a result has
 * alias matches, the window is rebuilt from the article's own matches only, and ends before the
 * aliases (the last `alias_words` words of the page). With no match in the article's own text,
 * the excerpt is its opening words (title and summary).
 */
function excerptHtml(data) {
  const aliasWords = Number.parseInt(data.meta?.alias_words ?? "0", 10) || 0;
  const locations = data.weighted_locations ?? [];
  if (aliasWords === 0 || !locations.some((l) => l.weight < ALIAS_WEIGHT_BELOW)) return data.excerpt;
  // The same word split as Pagefind's own excerpt builder, so locations line up.
  const words = (data.raw_content ?? "").split(/[^\S\uFEFF]+/g);
  const textEnd = Math.max(0, words.length - aliasWords);
  const own = locations
    .filter((l) => l.weight >= ALIAS_WEIGHT_BELOW && l.location < textEnd)
    .map((l) => l.location);
  const first = own.length > 0 ? Math.min(...own) : 0;
  const start = Math.max(0, Math.min(first - Math.floor(EXCERPT_WORDS / 3), textEnd - EXCERPT_WORDS));
  const end = Math.min(textEnd, start + EXCERPT_WORDS);
  const marked = new Set(own);
  const slice = [];
  for (let i = start; i < end; i++) slice.push(marked.has(i) ? `<mark>${words[i]}</mark>` : words[i]);
  return `${start > 0 ? "… " : ""}${slice.join(" ")}${end < textEnd ? " …" : ""}`;
}

/** Most words of a search a result link asks the browser to highlight. */
const HIGHLIGHT_WORDS = 3;

/**
 * The article URL with a text fragment (`#:~:text=word&text=…`) for the words the excerpt marks:
 * the browser itself scrolls to and highlights them, so article pages stay free of JavaScript.
 * The words are the page's own (from the excerpt), so they match even when the query was an alias.
 */
function highlightedUrl(url, excerpt) {
  const target = new URL(url, window.location.origin);
  target.searchParams.delete("pagefind-highlight");
  const words = [...excerpt.matchAll(/<mark>([^<]+)<\/mark>/g)].map((m) =>
    m[1].replace(/[.,;:!?»”"')]+$/u, ""),
  );
  const unique = [...new Set(words.filter(Boolean))].slice(0, HIGHLIGHT_WORDS);
  if (unique.length === 0) return target.pathname + target.search;
  const directives = unique.map((w) => `text=${encodeURIComponent(w).replaceAll("-", "%2D")}`).join("&");
  return `${target.pathname}${target.search}#:~:${directives}`;
}

/** One result card: Pagefind calls this with the result's loaded fragment. */
function renderResult(data) {
  const filters = data.filters ?? {};
  const card = element("li", "pf-result search-result");
  const title = element("h2", "pf-result-title search-result-title");
  const link = element("a", "pf-result-link", data.meta?.title ?? data.url);
  link.href = highlightedUrl(data.url, excerptHtml(data));
  title.append(link);
  card.append(title);

  const meta = element("p", "search-result-meta");
  const parts = [];
  if (filters.source?.length) parts.push(element("span", "search-result-source", filters.source.join(", ")));
  if (data.meta?.date) {
    const time = element("time", "", dayLabel(data.meta.date));
    time.dateTime = data.meta.date;
    parts.push(time);
  }
  for (const code of filters.language ?? [])
    parts.push(element("span", "search-result-language", languageName(code)));
  parts.forEach((part, i) => {
    if (i > 0) meta.append(" · ");
    meta.append(part);
  });
  card.append(meta);

  if (filters.topic?.length)
    card.append(element("p", "search-result-topics", `Topics: ${filters.topic.join(", ")}`));

  const excerpt = element("p", "pf-result-excerpt");
  appendExcerpt(excerpt, excerptHtml(data));
  card.append(excerpt);
  return card;
}

// ---- Index parts -------------------------------------------------------------------------------
//
// /pagefind/parts.json lists the index parts, newest first. The newest is the bundle's own index
// (Pagefind's "primary"); the others are merged in, first those that make up the newest
// `firstPhaseArticles` articles, then, once the first results are shown, all the rest. Every part
// is tagged with a hidden `part` filter (Pagefind's mergeFilter), which is how a date sort is kept
// across parts: Pagefind orders merged results by score, and a sorted part's scores are positions
// within that part only. Parts are disjoint in time, so newest first is each part's own sorted
// results, part after part.

/** The hidden filter that names a result's part; never shown, never put in the URL. */
const PART_FILTER = "part";

const manifestRequest = fetch("/pagefind/parts.json")
  .then((response) => (response.ok ? response.json() : undefined))
  .catch(() => undefined);

/** The parts to load before the first results, and those to merge after them. */
function phases(manifest) {
  const parts = Array.isArray(manifest?.parts) ? manifest.parts : [];
  const first = [];
  let articles = 0;
  for (const part of parts) {
    if (first.length > 0 && articles >= (manifest.firstPhaseArticles ?? 0)) break;
    first.push(part);
    articles += part.pages ?? 0;
  }
  return { first, rest: parts.slice(first.length) };
}

const mergeOptions = (part) => ({ mergeFilter: { [PART_FILTER]: part.key }, metaCacheTag: part.hash });

/** Filter counts without the hidden part filter. */
function withoutPartFilter(filters) {
  if (!filters || !(PART_FILTER in filters)) return filters;
  const { [PART_FILTER]: _hidden, ...shown } = filters;
  return shown;
}

/**
 * Pagefind's API with parts: `search` keeps a date sort across parts and hides the part filter,
 * `filters` hides it too, and `loadRest` merges the parts not loaded yet.
 */
function partsApi(api, loaded, rest, onComplete) {
  const search = api.search.bind(api);
  let merging;
  return Object.assign(api, {
    async search(term, options = {}) {
      const all = await search(term, options);
      if (!all) return all;
      const response = {
        ...all,
        filters: withoutPartFilter(all.filters),
        totalFilters: withoutPartFilter(all.totalFilters),
      };
      if (Object.keys(options.sort ?? {}).length === 0 || loaded.length < 2) return response;
      const counts = all.filters?.[PART_FILTER] ?? {};
      const keys = loaded.map((part) => part.key).filter((key) => (counts[key] ?? 0) > 0);
      const perPart = await Promise.all(
        keys.map((key) =>
          search(term, { ...options, filters: { ...(options.filters ?? {}), [PART_FILTER]: key } }),
        ),
      );
      return { ...response, results: perPart.flatMap((part) => part?.results ?? []) };
    },
    loadRest() {
      merging ??= Promise.all(rest.map((part) => api.mergeIndex(part.path, mergeOptions(part)))).then(() => {
        loaded.push(...rest);
        onComplete();
      });
      return merging;
    },
  });
}

// ---- Wiring -----------------------------------------------------------------------------------

window.addEventListener("DOMContentLoaded", () => {
  const instance = window.PagefindComponents.getInstanceManager().getInstance("default");
  const sortControl = document.querySelector(".search-controls");
  const sortSelect = document.getElementById("search-sort");
  const results = document.querySelector("pagefind-results");
  const filterBox = document.querySelector(".search-filters");
  const searchBox = document.getElementById("search");
  const status = document.querySelector(".search-status");
  let sort = "relevance";
  let restoring = false;
  let lastQueryEdit = 0;

  results.resultTemplate = renderResult;
  sortControl.hidden = false;
  filterBox.hidden = false;

  // Filter data loads only when the reader opens the filters (or the URL has some). The component
  // UI asks Pagefind for every filter's counts as soon as it loads, which on a 10,000-article
  // archive is about 100 KB, most of a first search's bytes. Until then its filters() answers
  // "none"; opening the filters loads them all and re-runs the search so the counts appear.
  let filtersWanted = false;
  let pagefindApi = null;
  // The parts of the index: read before Pagefind loads, so the first load already merges the
  // first phase's parts and tags every part.
  let loadedParts = [];
  let restParts = [];
  const load = instance.__doLoad__.bind(instance);
  instance.__doLoad__ = async () => {
    const { first, rest } = phases(await manifestRequest);
    const [primary, ...merged] = first;
    if (primary) {
      instance.applyOptions({
        ...mergeOptions(primary),
        mergeIndex: merged.map((part) => ({ bundlePath: part.path, ...mergeOptions(part) })),
      });
    }
    loadedParts = [...first];
    restParts = rest;
    searchBox.dataset.searchParts = rest.length > 0 ? "partial" : "complete";
    return load();
  };
  /** Once the whole archive is in, the current search runs again over all of it. */
  const complete = () => {
    searchBox.dataset.searchParts = "complete";
    status.hidden = true;
    if (instance.searchTerm || Object.keys(instance.searchFilters ?? {}).length > 0)
      instance.__search__(instance.searchTerm, instance.searchFilters);
  };
  Object.defineProperty(instance, "__pagefind__", {
    configurable: true,
    get: () => pagefindApi,
    set: (api) => {
      if (api && !api.__lazyFilters) {
        partsApi(api, loadedParts, restParts, complete);
        const allFilters = api.filters.bind(api);
        api.filters = () => (filtersWanted ? allFilters().then(withoutPartFilter) : Promise.resolve({}));
        api.__lazyFilters = true;
      }
      pagefindApi = api;
    },
  });
  // The rest of the archive is merged as soon as the first results are on screen.
  instance.on("results", () => {
    if (!pagefindApi || restParts.length === 0 || searchBox.dataset.searchParts === "complete") return;
    const newest = loadedParts.at(-1)?.from;
    status.textContent = `Showing results from ${newest ? `${dayLabel(newest)} on` : "the newest articles"}; adding older articles…`;
    status.hidden = false;
    pagefindApi.loadRest();
  });
  async function wantFilters() {
    if (filtersWanted) return;
    filtersWanted = true;
    await instance.__load__();
    const all = await instance.__pagefind__.filters();
    instance.availableFilters = all;
    instance.totalFilters = all;
    instance.__dispatch__("filters", { available: all, total: all });
    // Counts for the current search, now that Pagefind has the filter data.
    if (instance.searchTerm || Object.keys(instance.searchFilters ?? {}).length > 0)
      instance.triggerSearchWithFilters(instance.searchTerm, instance.searchFilters);
  }
  filterBox.addEventListener("toggle", () => {
    if (filterBox.open) wantFilters();
  });

  // Every search the component UI starts goes through here: filter values are OR-ed, and with
  // filters but no words the instance lists every matching article ("faceted" mode). This wraps
  // the instance's own search step, the one place all components (input, filter pane) reach.
  const runSearch = instance.__search__.bind(instance);
  instance.__search__ = async (term, filters) => {
    await instance.__load__();
    const combined = anyOf(filters);
    instance.faceted = Object.keys(combined).length > 0;
    return runSearch(term, combined);
  };

  /** Shows a search state: the controls, then the results (without adding a history entry). */
  function show(state) {
    restoring = true;
    try {
      sort = state.sort;
      sortSelect.value = sort;
      instance.searchSort = SORTS[sort];
      const input = document.querySelector("pagefind-input input");
      if (input) input.value = state.query;
      instance.triggerSearchWithFilters(state.query, state.filters);
    } finally {
      restoring = false;
    }
  }

  // The reader's changes become history entries; a burst of typing becomes one.
  instance.on("search", (term, filters) => {
    if (restoring) return;
    const next = { query: term ?? "", filters: normalise(filters), sort };
    const url = stateUrl(next);
    if (url.href === window.location.href) return;
    const previous = readState(window.location.search);
    const queryOnly = sameFilters(previous, next) && previous.sort === next.sort;
    const now = Date.now();
    if (queryOnly && now - lastQueryEdit < TYPING_BURST_MS) window.history.replaceState(null, "", url);
    else window.history.pushState(null, "", url);
    lastQueryEdit = queryOnly ? now : 0;
  });

  sortSelect.addEventListener("change", () => {
    sort = sortSelect.value in SORTS ? sortSelect.value : "relevance";
    instance.searchSort = SORTS[sort];
    instance.triggerSearchWithFilters(instance.searchTerm, instance.searchFilters);
  });

  window.addEventListener("popstate", () => {
    const state = readState(window.location.search);
    if (Object.keys(state.filters).length > 0) {
      filtersWanted = true;
      filterBox.open = true;
    }
    show(state);
  });

  // A shared link or a reload: show its search. An empty search page loads nothing until used.
  const initial = readState(window.location.search);
  if (Object.keys(initial.filters).length > 0) {
    filtersWanted = true;
    filterBox.open = true;
  }
  if (!isEmpty(initial) || initial.sort !== "relevance") show(initial);
});

/** Filters as the URL holds them: only non-empty arrays. */
function normalise(filters) {
  const clean = {};
  for (const filter of Object.values(FILTER_PARAMS)) {
    const values = filters?.[filter];
    if (Array.isArray(values) && values.length > 0) clean[filter] = values;
  }
  return clean;
}

function sameFilters(a, b) {
  return (
    stateUrl({ query: "", filters: a.filters, sort: "relevance" }).href ===
    stateUrl({ query: "", filters: b.filters, sort: "relevance" }).href
  );
}
