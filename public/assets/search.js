// The search page. Pagefind's component UI (loaded before this file) does the searching and draws
// the input, summary, filter pane and results; this file adds what a news archive needs:
//
//   1. the whole search state in the URL (/search/?q=…&topic=…&place=…&source=…&lang=…&year=…&month=…&sort=newest),
//      so reload, back/forward and a shared link reproduce a search;
//   2. several values of one filter combine with OR (two topics = articles in either), different
//      filters with AND, and filters alone (no words) list the matching articles;
//   3. a sort control: most relevant first or newest first;
//   4. filter data fetched only when the reader opens the filters;
//   5. result cards with title, source, date, language, topics and an excerpt;
//   6. every spelling of a topic finds its articles: Kharkov, Харкові or Харьков find the articles
//      tagged Kharkiv, whatever spelling their text uses (src/site/search-aliases.ts);
//   7. an index in parts by publication time (src/site/search-parts.ts): the first results come from
//      the newest parts, the rest of the archive joins the same list right after, and a date sort
//      stays a date sort across parts.
//
// A separate file, not an inline script, because the Content-Security-Policy forbids inline code.

/** URL parameter → Pagefind filter name (see layouts/article.njk and partials/search-meta.njk). */
const FILTER_PARAMS = {
  topic: "topic",
  place: "place",
  source: "source",
  lang: "language",
  year: "year",
  month: "month",
};

/** The reader's sort choices as Pagefind sort options ({} = Pagefind's relevance ranking). */
const SORTS = { relevance: {}, newest: { date: "desc" } };

/** Query edits closer together than this are one history entry (typing a word is one step back). */
const TYPING_BURST_MS = 2000;

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
  link.href = highlightedUrl(data.url, data.excerpt ?? "");
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
  if (filters.place?.length)
    card.append(element("p", "search-result-topics", `Places: ${filters.place.join(", ")}`));

  const excerpt = element("p", "pf-result-excerpt");
  appendExcerpt(excerpt, data.excerpt ?? "");
  card.append(excerpt);
  return card;
}

// ---- The archive's search: parts and topic spellings ------------------------------------------
//
// /pagefind/parts.json lists the index parts, newest first. The newest is the bundle's own index
// (Pagefind's "primary"), which gives the first results; once they are on screen, all the others
// are merged in and the search runs again over the whole archive. Every part
// is tagged with a hidden `part` filter (Pagefind's mergeFilter), which is how a date sort is kept
// across parts: Pagefind orders merged results by score, and a sorted part's scores are positions
// within that part only. Parts are disjoint in time, so newest first is each part's own sorted
// results, part after part.
//
// /search/aliases.json lists every spelling of each topic. A query word that starts one of them
// (as Pagefind matches words) also stands for the topic: the results are the pages that match the
// query as typed, and the pages of the topic that match its other words. Counts of that union come
// from a third search, of the pages in both (|A ∪ B| = |A| + |B| − |A ∩ B|).

/** The hidden filter that names a result's part; never shown, never put in the URL. */
const PART_FILTER = "part";
/** The filter that topics' spellings search. */
const TOPIC_FILTER = "topic";
/** The shortest query word that counts as a spelling of a topic: shorter ones start too many words. */
const MIN_TOPIC_WORD = 3;

const json = (url) =>
  fetch(url)
    .then((response) => (response.ok ? response.json() : undefined))
    .catch(() => undefined);
const manifestRequest = json("/pagefind/parts.json");
const aliasesRequest = json("/search/aliases.json");

const mergeOptions = (part) => ({ mergeFilter: { [PART_FILTER]: part.key }, metaCacheTag: part.hash });

/** Filter counts without the hidden part filter. */
function withoutPartFilter(filters) {
  if (!filters || !(PART_FILTER in filters)) return filters;
  const { [PART_FILTER]: _hidden, ...shown } = filters;
  return shown;
}

/** Filters and one more condition, all of which must hold. */
const allOf = (filters, condition) =>
  Object.keys(filters ?? {}).some((name) => name in condition)
    ? { all: [filters, condition] }
    : { ...(filters ?? {}), ...condition };

/** The words of a query that spell a topic, each with the topics (filter values) it spells. */
function topicWords(term, aliases) {
  if (!term || !aliases?.topics) return [];
  const spellings = Object.entries(aliases.topics);
  return term
    .toLocaleLowerCase()
    .split(/[\s\p{P}]+/u)
    .filter((word) => word.length >= MIN_TOPIC_WORD)
    .map((word) => ({
      word,
      topics: spellings
        .filter(([, forms]) => forms.some((form) => form.startsWith(word)))
        .map(([topic]) => topic),
    }))
    .filter((spelled) => spelled.topics.length > 0);
}

/** The query without its topic words (null when nothing is left: a search by filters alone). */
function otherWords(term, spelled) {
  const topic = new Set(spelled.map((s) => s.word));
  const rest = term
    .split(/\s+/u)
    .filter((word) => !topic.has(word.toLocaleLowerCase().replace(/^\p{P}+|\p{P}+$/gu, "")))
    .join(" ")
    .trim();
  return rest === "" ? null : rest;
}

/** a + b − both, per filter and value: the counts of a union. */
function unionCounts(a, b, both) {
  const counts = {};
  for (const source of [a, b])
    for (const [name, values] of Object.entries(source ?? {}))
      for (const [value, n] of Object.entries(values)) {
        counts[name] ??= {};
        counts[name][value] = (counts[name][value] ?? 0) + n;
      }
  for (const [name, values] of Object.entries(both ?? {}))
    for (const [value, n] of Object.entries(values))
      if (counts[name]?.[value] !== undefined) counts[name][value] -= n;
  return counts;
}

/** Results of a, then those of b that a does not have. */
function unionResults(a, b) {
  const seen = new Set(a.map((r) => r.id));
  return [...a, ...b.filter((r) => !seen.has(r.id))];
}

/**
 * Pagefind's API over the archive's parts and topic spellings: `search` as described above,
 * `filters` without the hidden part filter, `loadRest` to merge the parts not loaded yet. Filter
 * counts are left out of search responses until `countsWanted()` (their data loads only then).
 */
function archiveApi(api, loaded, rest, { onComplete, countsWanted }) {
  const search = api.search.bind(api);
  const sorted = (options) => Object.keys(options.sort ?? {}).length > 0 && loaded.length > 1;

  /** One search over the loaded parts; a sorted search keeps each part's results apart. */
  async function overParts(term, options) {
    const response = await search(term, options);
    if (!response || !sorted(options)) return { response };
    const counts = response.filters?.[PART_FILTER] ?? {};
    const keys = loaded.map((part) => part.key).filter((key) => (counts[key] ?? 0) > 0);
    const perPart = await Promise.all(
      keys.map((key) =>
        search(term, { ...options, filters: allOf(options.filters, { [PART_FILTER]: key }) }),
      ),
    );
    return { response, byPart: new Map(keys.map((key, i) => [key, perPart[i]?.results ?? []])) };
  }

  /** The results in order: by relevance, or part after part by date (scores are positions in a part). */
  function ordered(searches) {
    if (!searches[0].byPart)
      return searches.reduce((all, s) => unionResults(all, s.response?.results ?? []), []);
    return loaded.flatMap((part) => {
      const merged = searches.reduce((all, s) => unionResults(all, s.byPart?.get(part.key) ?? []), []);
      return merged.sort((a, b) => b.score - a.score);
    });
  }

  /** The response as the component UI gets it: counts only once wanted, never the part filter. */
  const shown = (response) =>
    countsWanted()
      ? {
          ...response,
          filters: withoutPartFilter(response.filters),
          totalFilters: withoutPartFilter(response.totalFilters),
        }
      : { ...response, filters: {}, totalFilters: {} };

  /**
   * Pages matching the query as typed, or the topic's pages matching its other words, under
   * `options`: their results and, from the pages in both, their counts.
   */
  async function union(term, spelled, options) {
    const condition =
      spelled.length === 1
        ? { [TOPIC_FILTER]: { any: spelled[0].topics } }
        : { all: spelled.map((s) => ({ [TOPIC_FILTER]: { any: s.topics } })) };
    const ofTopic = { ...options, filters: allOf(options.filters, condition) };
    const [text, topic, both] = await Promise.all([
      overParts(term, options),
      overParts(otherWords(term, spelled), ofTopic),
      overParts(term, { ...ofTopic, sort: {} }),
    ]);
    return {
      response: text.response,
      results: ordered([text, topic]),
      counts: unionCounts(text.response?.filters, topic.response?.filters, both.response?.filters),
    };
  }

  let merging;
  return Object.assign(api, {
    async search(term, options = {}) {
      const spelled = topicWords(term, await aliasesRequest);
      if (spelled.length === 0) {
        const text = await overParts(term, options);
        return text.response && shown({ ...text.response, results: ordered([text]) });
      }
      const current = await union(term, spelled, options);
      if (!current.response) return current.response;
      // Totals count each value as if it were the only filter: the same union, without the reader's.
      const filtered = Object.keys(options.filters ?? {}).length > 0;
      const totals =
        filtered && countsWanted()
          ? (await union(term, spelled, { ...options, filters: {}, sort: {} })).counts
          : current.counts;
      return shown({
        ...current.response,
        results: current.results,
        filters: current.counts,
        totalFilters: totals,
      });
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

  // The rest of the archive is merged once the first results are on screen: a card drawn while a
  // search waits for it starts the merge, after the browser has painted.
  let restWaitsForCard = false;
  const mergeRest = () => {
    restWaitsForCard = false;
    if (!pagefindApi || restParts.length === 0 || searchBox.dataset.searchParts === "complete") return;
    const newest = loadedParts.at(-1)?.from;
    status.textContent = `Showing results from ${newest ? `${dayLabel(newest)} on` : "the newest articles"}; adding older articles…`;
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

  // Filter data loads only when the reader opens the filters (or the URL has some). The component
  // UI asks Pagefind for every filter's counts as soon as it loads, which on a 10,000-article
  // archive is about 100 KB, most of a first search's bytes. Until then its filters() answers
  // "none"; opening the filters loads them all and re-runs the search so the counts appear.
  let filtersWanted = false;
  let pagefindApi = null;
  // The parts of the index, read before Pagefind loads: the newest is the primary index and gives
  // the first results alone (every part loaded costs a query another index chunk); the others are
  // merged once those results are on screen.
  let loadedParts = [];
  let restParts = [];
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
        archiveApi(api, loadedParts, restParts, { onComplete: complete, countsWanted: () => filtersWanted });
        const allFilters = api.filters.bind(api);
        api.filters = () => (filtersWanted ? allFilters().then(withoutPartFilter) : Promise.resolve({}));
        api.__lazyFilters = true;
      }
      pagefindApi = api;
    },
  });
  instance.on("results", (found) => {
    if (restParts.length === 0 || searchBox.dataset.searchParts === "complete") return;
    if ((found?.results?.length ?? 0) > 0) restWaitsForCard = true;
    else if (instance.searchTerm || Object.keys(instance.searchFilters ?? {}).length > 0) mergeRest();
  });
  async function wantFilters() {
    if (filtersWanted) return;
    filtersWanted = true;
    await instance.__load__();
    // Filters count the whole archive: the rest of it is loaded first, so the filter pane does not
    // redraw (closing the groups the reader opened) when older parts bring new values.
    await pagefindApi?.loadRest();
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
