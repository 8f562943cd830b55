import type { SearchAliasesPage } from "../site/page-plan.ts";
import type { PublishedPart } from "../site/search-index.ts";
import type {
  FilterCondition,
  FilterCounts,
  IndexOptions,
  PagefindApi,
  SearchOptions,
  SearchResponse,
  SearchResult,
} from "./pagefind.ts";

/**
 * The archive's search: Pagefind's API over the index's parts and the topics' spellings.
 *
 * Parts (src/site/search-parts.ts): `/pagefind/parts.json` lists them, newest first. The newest is
 * the bundle's own index (Pagefind's "primary"), which gives the first results; once they are on
 * screen, all the others are merged in and the search runs again over the whole archive. Every
 * part is tagged with a hidden `part` filter (Pagefind's mergeFilter), which is how a date sort is
 * kept across parts: Pagefind orders merged results by score, and a sorted part's scores are
 * positions within that part only. Parts are disjoint in time, so newest first is each part's own
 * sorted results, part after part.
 *
 * Spellings (src/site/search-aliases.ts): `/search/aliases.json` lists every spelling of each
 * topic. A query word that starts one of them (as Pagefind matches words) also stands for the
 * topic: the results are the pages that match the query as typed, and the pages of the topic that
 * match its other words. Counts of that union come from a third search, of the pages in both
 * (|A ∪ B| = |A| + |B| − |A ∩ B|).
 *
 * The functions above `archiveApi` are pure and unit-tested (test/browser/); `archiveApi` itself is
 * tested in Chromium (test/site/search-parts.browser.test.ts, search-features.browser.test.ts).
 */

/** The hidden filter that names a result's part; never shown, never put in the URL. */
export const PART_FILTER = "part";
/** The filter that topics' spellings search. */
export const TOPIC_FILTER = "topic";
/** The shortest query word that counts as a spelling of a topic: shorter ones start too many words. */
export const MIN_TOPIC_WORD = 3;

/** How a part is merged (or loaded, for the primary): tagged with its key, its entry cached by its hash. */
export const mergeOptions = (part: PublishedPart): IndexOptions => ({
  mergeFilter: { [PART_FILTER]: part.key },
  metaCacheTag: part.hash,
});

/** Filter counts without the hidden part filter. */
export function withoutPartFilter(filters: FilterCounts | undefined): FilterCounts | undefined {
  if (!filters || !(PART_FILTER in filters)) return filters;
  const { [PART_FILTER]: _hidden, ...shown } = filters;
  return shown;
}

/** Filters and one more condition, all of which must hold. */
export const allOf = (filters: FilterCondition | undefined, condition: FilterCondition): FilterCondition =>
  Object.keys(filters ?? {}).some((name) => name in condition)
    ? { all: [filters, condition] }
    : { ...(filters ?? {}), ...condition };

/** A query word that spells one or more topics (their filter values). */
export interface SpelledTopic {
  word: string;
  topics: string[];
}

/** The words of a query that spell a topic, each with the topics it spells. */
export function topicWords(term: string | null, aliases: SearchAliasesPage | undefined): SpelledTopic[] {
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
export function otherWords(term: string, spelled: readonly SpelledTopic[]): string | null {
  const topic = new Set(spelled.map((s) => s.word));
  const rest = term
    .split(/\s+/u)
    .filter((word) => !topic.has(word.toLocaleLowerCase().replace(/^\p{P}+|\p{P}+$/gu, "")))
    .join(" ")
    .trim();
  return rest === "" ? null : rest;
}

/** a + b − both, per filter and value: the counts of a union. */
export function unionCounts(
  a: FilterCounts | undefined,
  b: FilterCounts | undefined,
  both: FilterCounts | undefined,
): FilterCounts {
  const counts: FilterCounts = {};
  for (const source of [a, b])
    for (const [name, values] of Object.entries(source ?? {}))
      for (const [value, n] of Object.entries(values)) {
        counts[name] ??= {};
        const named = counts[name];
        named[value] = (named[value] ?? 0) + n;
      }
  for (const [name, values] of Object.entries(both ?? {}))
    for (const [value, n] of Object.entries(values)) {
      const named = counts[name];
      if (named?.[value] !== undefined) named[value] -= n;
    }
  return counts;
}

/** Results of a, then those of b that a does not have. */
export function unionResults<R extends { id: string }>(a: readonly R[], b: readonly R[]): R[] {
  const seen = new Set(a.map((r) => r.id));
  return [...a, ...b.filter((r) => !seen.has(r.id))];
}

/** One search over the loaded parts: its response and, for a sorted search, each part's results. */
interface PartSearch {
  response: SearchResponse | null;
  byPart?: Map<string, SearchResult[]>;
}

/**
 * The results of several searches in one order: by relevance (first search first), or part after
 * part, newest part first, each part's results by their score (a position in that part).
 */
export function orderedResults(
  searches: readonly PartSearch[],
  parts: readonly { key: string }[],
): SearchResult[] {
  if (!searches[0]?.byPart)
    return searches.reduce<SearchResult[]>((all, s) => unionResults(all, s.response?.results ?? []), []);
  return parts.flatMap((part) => {
    const merged = searches.reduce<SearchResult[]>(
      (all, s) => unionResults(all, s.byPart?.get(part.key) ?? []),
      [],
    );
    return merged.sort((a, b) => b.score - a.score);
  });
}

export interface ArchiveHooks {
  /** Every topic's spellings (`/search/aliases.json`), or undefined when the site has none. */
  aliases: Promise<SearchAliasesPage | undefined>;
  /** Called once the rest of the archive is merged in. */
  onComplete: () => void;
  /** Whether the reader wants filter counts yet (their data loads only then). */
  countsWanted: () => boolean;
}

/**
 * Pagefind's API over the archive's parts and topic spellings: `search` as described at the top,
 * `loadRest` to merge the parts not loaded yet. Filter counts are left out of search responses
 * until `countsWanted()`, and never include the hidden part filter. `loaded` grows as parts merge.
 */
export function archiveApi(
  api: PagefindApi,
  loaded: PublishedPart[],
  rest: readonly PublishedPart[],
  { aliases, onComplete, countsWanted }: ArchiveHooks,
): PagefindApi & { loadRest(): Promise<void> } {
  const search = api.search.bind(api);
  const sorted = (options: SearchOptions) => Object.keys(options.sort ?? {}).length > 0 && loaded.length > 1;

  /** One search over the loaded parts; a sorted search keeps each part's results apart. */
  async function overParts(term: string | null, options: SearchOptions): Promise<PartSearch> {
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

  /** The response as the component UI gets it: counts only once wanted, never the part filter. */
  const shown = (response: SearchResponse): SearchResponse =>
    countsWanted()
      ? {
          ...response,
          filters: withoutPartFilter(response.filters) ?? {},
          totalFilters: withoutPartFilter(response.totalFilters) ?? {},
        }
      : { ...response, filters: {}, totalFilters: {} };

  /**
   * Pages matching the query as typed, or the topic's pages matching its other words, under
   * `options`: their results and, from the pages in both, their counts.
   */
  async function union(term: string, spelled: readonly SpelledTopic[], options: SearchOptions) {
    const condition: FilterCondition =
      spelled.length === 1
        ? { [TOPIC_FILTER]: { any: spelled[0]?.topics } }
        : { all: spelled.map((s) => ({ [TOPIC_FILTER]: { any: s.topics } })) };
    const ofTopic = { ...options, filters: allOf(options.filters, condition) };
    const [text, topic, both] = await Promise.all([
      overParts(term, options),
      overParts(otherWords(term, spelled), ofTopic),
      overParts(term, { ...ofTopic, sort: {} }),
    ]);
    return {
      response: text.response,
      results: orderedResults([text, topic], loaded),
      counts: unionCounts(text.response?.filters, topic.response?.filters, both.response?.filters),
    };
  }

  let merging: Promise<void> | undefined;
  return Object.assign(api, {
    async search(term: string | null, options: SearchOptions = {}): Promise<SearchResponse | null> {
      const spelled = topicWords(term, await aliases);
      if (!term || spelled.length === 0) {
        const text = await overParts(term, options);
        return text.response && shown({ ...text.response, results: orderedResults([text], loaded) });
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
    loadRest(): Promise<void> {
      merging ??= Promise.all(rest.map((part) => api.mergeIndex(part.path, mergeOptions(part)))).then(() => {
        loaded.push(...rest);
        onComplete();
      });
      return merging;
    },
  });
}
