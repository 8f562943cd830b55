/**
 * The parts of Pagefind (1.x) the search page uses: its search API and the component UI's instance,
 * as `pagefind.js` and `pagefind-component-ui.js` define them. Only types: the code is Pagefind's,
 * served from /pagefind/ by the build.
 */

/** Values chosen per filter: `{ topic: ["Elections"], language: ["ru", "uk"] }`. */
export type FilterValues = Record<string, string[]>;

/** Pages per filter value: `{ topic: { Elections: 12 } }`. */
export type FilterCounts = Record<string, Record<string, number>>;

/**
 * A filter condition in Pagefind's syntax: `{ topic: ["A", "B"] }` (both), `{ topic: { any: [...] } }`
 * (either), `{ all: [condition, condition] }`.
 */
export type FilterCondition = Record<string, unknown>;

export interface SearchOptions {
  filters?: FilterCondition;
  /** `{}` for Pagefind's relevance ranking, `{ date: "desc" }` for newest first. */
  sort?: Record<string, string>;
}

/** What one result's fragment holds (`result.data()`). */
export interface ResultData {
  url: string;
  /** Escaped page text with `<mark>` around the words that matched. */
  excerpt?: string;
  meta?: { title?: string; date?: string };
  filters?: FilterValues;
}

export interface SearchResult {
  id: string;
  score: number;
  data(): Promise<ResultData>;
}

export interface SearchResponse {
  results: SearchResult[];
  filters?: FilterCounts;
  totalFilters?: FilterCounts;
}

/** Options of `mergeIndex` and `applyOptions` the search page sets. */
export interface IndexOptions {
  /** Tags every page of a merged index with this filter value. */
  mergeFilter?: Record<string, string>;
  /** Names the index's entry file in the browser's cache, so a new index is fetched anew. */
  metaCacheTag?: string;
}

/** Pagefind's search API (`pagefind.js`), as the component UI's instance holds it. */
export interface PagefindApi {
  search(term: string | null, options?: SearchOptions): Promise<SearchResponse | null>;
  filters(): Promise<FilterCounts>;
  mergeIndex(path: string, options?: IndexOptions): Promise<void>;
}

/**
 * The component UI's search instance. The double-underscored members are its internals: the search
 * page wraps them (see search.ts), and a Pagefind upgrade is checked by the browser tests.
 */
export interface SearchInstance {
  searchTerm: string;
  searchFilters: FilterValues;
  searchSort: Record<string, string>;
  faceted: boolean;
  availableFilters: FilterCounts;
  totalFilters: FilterCounts;
  __pagefind__: PagefindApi | null;
  applyOptions(options: IndexOptions): void;
  on(event: "results", handler: (response: SearchResponse | null) => void): void;
  on(event: "search", handler: (term: string | null, filters: FilterValues | undefined) => void): void;
  triggerSearchWithFilters(term: string, filters: FilterValues): void;
  __doLoad__(): Promise<void>;
  __load__(): Promise<void>;
  __search__(term: string, filters: FilterValues): Promise<unknown>;
  __dispatch__(event: string, payload: unknown): void;
}

/** The `<pagefind-results>` element: it draws each result with `resultTemplate`. */
export interface ResultsElement extends HTMLElement {
  resultTemplate: (data: ResultData) => HTMLElement;
}

declare global {
  interface Window {
    PagefindComponents: { getInstanceManager(): { getInstance(name: string): SearchInstance } };
  }
}
