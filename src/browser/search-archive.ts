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
import { excerptSegments } from "./search-results.ts";

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
 * (|A ∪ B| = |A| + |B| − |A ∩ B|). By relevance, the topic's pages come first, those that use the
 * typed spelling before the others, then the other pages that match the query: Pagefind's stemmers
 * read some unrelated words as one stem ("mobilization" and "mobile" are both "mobil").
 *
 * Fallbacks: Pagefind, when a query word is in no page of an index, searches for the longest prefix
 * of it that is a word there (Pagefind issues #599, #780), down to one letter: "mobilization" finds
 * the "M." of "M. Dupont" in a part that never names a mobilization. An archive in parts meets this
 * in every part that lacks a word the others have. A part whose best result shows it (a query word
 * that no marked word shares three letters with, and a marked word of no query word) is left out of
 * the results and the counts; a part that matches a form of the word ("mobilisation", "run" for
 * "running") stays.
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

/**
 * Letters a matched word must share with the start of a query word to be a form of it (all of a
 * shorter query word's): "mobilisation" and "mobilized" are forms of "mobilization", and "run" of
 * "running" (Pagefind matches stems); the "m" Pagefind fell back to is not.
 */
export const SHARED_LETTERS = 3;

/** Lowercase, without diacritics (Pagefind matches "résumé" for "resume"). */
const folded = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase();

/**
 * The words of a query or an excerpt, folded, in scripts that separate words by spaces: Pagefind
 * segments Chinese, Japanese and Thai itself, where a one-character match is a word.
 */
export function spacedWords(text: string): string[] {
  return folded(text)
    .split(/[\s\p{P}\p{S}]+/u)
    .filter((word) => /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}\p{N}]+$/u.test(word));
}

function formOf(matched: string, word: string): boolean {
  let shared = 0;
  while (shared < matched.length && shared < word.length && matched[shared] === word[shared]) shared++;
  return shared >= Math.min(SHARED_LETTERS, word.length);
}

/**
 * Whether a result's excerpt shows Pagefind's prefix fallback for the query: a query word of two
 * letters or more (one letter has no shorter prefix) that no marked word is a form of, and a marked
 * word that is a form of no query word. Both must hold: an excerpt is a window of the page, and may
 * show no match of a word the page has elsewhere.
 */
export function fellBack(excerpt: string, term: string): boolean {
  const words = spacedWords(term);
  const marked = excerptSegments(excerpt)
    .filter((segment) => segment.marked)
    .flatMap((segment) => spacedWords(segment.text));
  return (
    marked.some((m) => !words.some((word) => formOf(m, word))) &&
    words.some((word) => word.length > 1 && !marked.some((m) => formOf(m, word)))
  );
}

/** a − b − …, per filter and value (values a lacks stay out). */
export function lessCounts(a: FilterCounts | undefined, ...less: (FilterCounts | undefined)[]): FilterCounts {
  return less.reduce<FilterCounts>(
    (counts, b) => unionCounts(counts, undefined, b),
    unionCounts(a, undefined, undefined),
  );
}

/** A response without the results and the filter counts of some of its parts' responses. */
export function withoutParts(response: SearchResponse, dropped: readonly SearchResponse[]): SearchResponse {
  const ids = new Set(dropped.flatMap((part) => part.results.map((r) => r.id)));
  return {
    ...response,
    results: response.results.filter((r) => !ids.has(r.id)),
    filters: lessCounts(response.filters, ...dropped.map((part) => part.filters)),
  };
}

/**
 * A topic spelling's results by relevance: the text search's results that are the topic's, then the
 * topic's other pages, then the text search's other results, each in its search's order.
 */
export function topicFirst<R extends { id: string }>(text: readonly R[], topic: readonly R[]): R[] {
  const ofTopic = new Set(topic.map((r) => r.id));
  const typed = text.filter((r) => ofTopic.has(r.id));
  return unionResults(unionResults(typed, topic), text);
}

/**
 * One search over the loaded parts: its response (without the parts Pagefind only fell back in)
 * and, for a sorted search, each part's results. `fellBack` says whether a part was left out: the
 * response's `totalFilters` then still count it.
 */
interface PartSearch {
  response: SearchResponse | null;
  byPart?: Map<string, SearchResult[]>;
  fellBack?: boolean;
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

  /**
   * One search over the loaded parts, without the parts where Pagefind only fell back to a prefix
   * (their best result's excerpt tells); a sorted search keeps each part's results apart.
   */
  async function overParts(term: string | null, options: SearchOptions): Promise<PartSearch> {
    const response = await search(term, options);
    const checked = term !== null && spacedWords(term).some((word) => word.length > 1) ? term : null;
    if (!response || (!sorted(options) && !checked)) return { response };
    const counts = response.filters?.[PART_FILTER] ?? {};
    const keys = loaded.map((part) => part.key).filter((key) => (counts[key] ?? 0) > 0);
    const perPart =
      keys.length === 1
        ? [response]
        : await Promise.all(
            keys.map((key) =>
              search(term, { ...options, filters: allOf(options.filters, { [PART_FILTER]: key }) }),
            ),
          );
    const fallback = await Promise.all(
      perPart.map(async (part) => {
        const best = checked ? part?.results[0] : undefined;
        return checked && best ? fellBack((await best.data()).excerpt ?? "", checked) : false;
      }),
    );
    const dropped = perPart.filter(
      (part, i): part is SearchResponse => part !== null && fallback[i] === true,
    );
    return {
      response: dropped.length > 0 ? withoutParts(response, dropped) : response,
      byPart: sorted(options)
        ? new Map(keys.flatMap((key, i) => (fallback[i] ? [] : [[key, perPart[i]?.results ?? []]])))
        : undefined,
      fellBack: dropped.length > 0,
    };
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
      results: text.byPart
        ? orderedResults([text, topic], loaded)
        : topicFirst(text.response?.results ?? [], topic.response?.results ?? []),
      counts: unionCounts(text.response?.filters, topic.response?.filters, both.response?.filters),
    };
  }

  let merging: Promise<void> | undefined;
  return Object.assign(api, {
    async search(term: string | null, options: SearchOptions = {}): Promise<SearchResponse | null> {
      const spelled = topicWords(term, await aliases);
      if (!term || spelled.length === 0) {
        const text = await overParts(term, options);
        if (!text.response) return null;
        // Totals count each value as if it were the only filter; without the parts left out, they
        // are the counts of the same search without the reader's filters.
        const filtered = Object.keys(options.filters ?? {}).length > 0;
        const totalFilters = !text.fellBack
          ? text.response.totalFilters
          : filtered && countsWanted()
            ? (await overParts(term, { ...options, filters: {}, sort: {} })).response?.filters
            : text.response.filters;
        return shown({ ...text.response, results: orderedResults([text], loaded), totalFilters });
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
