import { hash } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join, sep } from "node:path";
import { deserialize, serialize } from "node:v8";
import { filesFingerprint, filesUnder, readCacheFile, writeCacheFile } from "../cache-files.ts";
import {
  type ArticleFile,
  type ArticleRecord,
  type ParseCache,
  type ParsedArticleEntry,
  parseArticleFile,
} from "../content/article-files.ts";
import type { ArticleKeys } from "./article-views.ts";
import type { BundledScripts } from "./browser-scripts.ts";

/**
 * The build's memory between runs, under `.cache/build/` (safe to delete at any time: a missing,
 * stale or unreadable cache gives a full build, never a different site).
 *
 * - `articles.v8`: each article file's parsed and validated front matter, with its content hash
 *   and its size and times on disk (src/content/article-files.ts).
 * - `state.v8`: for every file of the output folder, the hash of the data it was rendered from
 *   and the size and modification time it was written with; the search index parts built; and
 *   the hashes of every article's view and card.
 * - `scripts.v8`: the page scripts and the hash of each file they were bundled from.
 *
 * Each carries the build's fingerprint: a hash of the code, layouts and dependency versions. Any
 * change to those discards the cache, because a page's data no longer tells what it renders to.
 * They are written with V8's serializer (structured clone, as between threads), not as JSON: at
 * 10,000 articles it reads them in two thirds of the time and writes them in a seventh, and a
 * build after one new article reads and writes the first two.
 */

/** Bumped when the cache files change shape. */
const CACHE_FORMAT = 4;

export interface PageRecord {
  /** Hash of the page's kind, path and data. */
  key: string;
  size: number;
  mtimeMs: number;
}

export interface SearchPartRecord {
  /** Hash of what the part's pages give the index: the part is indexed again when it changes. */
  hash: string;
  /** Its folder under /pagefind/parts/, named by the hash of what Pagefind wrote. */
  folder: string;
  pages: number;
}

export interface BuildState {
  /** The token the build left in the output folder (src/site/output-folder.ts). */
  stamp: string;
  pages: Map<string, PageRecord>;
  searchParts: Map<string, SearchPartRecord>;
  /** Hashes of each article's view and card, by article id (src/site/article-views.ts). */
  articles: Map<string, ArticleKeys>;
}

export const emptyState = (): BuildState => ({
  stamp: "",
  pages: new Map(),
  searchParts: new Map(),
  articles: new Map(),
});

/**
 * A hex digest of strings, for cache keys (not for security): SHA-1 of each part followed by a NUL.
 * One-shot `crypto.hash` over the joined text: a build keys every page, and at 10,000 articles a
 * hash object with an update per part cost three times as much.
 */
export function digestOf(...parts: readonly string[]): string {
  let text = "";
  for (const part of parts) text += `${part}\0`;
  return hash("sha1", text);
}

/**
 * What every page's output depends on besides its own data: the site's code and layouts, the
 * locked dependency versions and the Node.js version (its Intl data names languages). Not the page
 * scripts (src/browser/): no page prints them, and they are written by comparing their bytes.
 */
export function codeFingerprint(projectRoot: string): string {
  const browserCode = join(projectRoot, "src", "browser") + sep;
  return filesFingerprint(projectRoot, `format ${CACHE_FORMAT}`, [
    ...filesUnder(join(projectRoot, "src")).filter((file) => !file.startsWith(browserCode)),
    ...filesUnder(join(projectRoot, "layouts")),
    join(projectRoot, "package-lock.json"),
  ]);
}

/**
 * The parsed articles of a build, as a render worker takes them (src/site/build-worker.ts): where
 * the parse cache the build read lies (the worker reads its entries itself, on its own core, beside
 * the main thread's work), the files to publish with their content hashes, and the records of those
 * whose entry this build changed. A build without a cache sends every record.
 */
export type ArticleRecords =
  | ArticleRecord[]
  | { cacheFile: string; fingerprint: string; published: string[]; shas: string[]; changed: ArticleRecord[] };

/**
 * The records {@link ArticleRecords} stand for, in the order of `published`. The cache file may
 * have been written again since the main thread read it (by this build, which keeps every entry it
 * used): an entry is taken only with the content hash the main thread read, and a file without one
 * is parsed here.
 */
export function articleRecords(records: ArticleRecords, articlesDir: string): ArticleRecord[] {
  if (Array.isArray(records)) return records;
  const entries = readCacheFile(records.cacheFile, records.fingerprint)?.entries;
  const known = entries instanceof Map ? (entries as Map<string, ParsedArticleEntry>) : new Map();
  const changed = new Map(records.changed.map((record) => [record.file, record]));
  return records.published.map((file, i) => {
    const given = changed.get(file);
    if (given) return given;
    const entry = known.get(file);
    if (entry?.sha === records.shas[i])
      return { file, sha: entry.sha, outline: entry.outline, fields: undefined };
    const parsed = parseArticleFile(articlesDir, file);
    return { file, sha: parsed.sha, outline: parsed.outline, fields: parsed.fields };
  });
}

/**
 * The bulk of a build's state, its pages and article keys, serialized on their own: a build does it
 * while Pagefind indexes, before the search parts (which come last) are known. They are packed as
 * columns (one array per field, sizes and times as raw numbers), not as maps of objects: the next
 * build reads them before it can plan, and columns read in a quarter of the time (16 ms against
 * 58 ms for 12,582 pages and 10,066 articles).
 */
export function packState(state: Pick<BuildState, "pages" | "articles">): Buffer {
  const pages = {
    paths: [...state.pages.keys()],
    keys: [] as string[],
    sizes: new Float64Array(state.pages.size),
    mtimes: new Float64Array(state.pages.size),
  };
  let i = 0;
  for (const record of state.pages.values()) {
    pages.keys.push(record.key);
    pages.sizes[i] = record.size;
    pages.mtimes[i] = record.mtimeMs;
    i++;
  }
  const articles = {
    ids: [...state.articles.keys()],
    input: [] as string[],
    view: [] as string[],
    card: [] as string[],
  };
  for (const keys of state.articles.values()) {
    articles.input.push(keys.input);
    articles.view.push(keys.view);
    articles.card.push(keys.card);
  }
  return serialize({ pages, articles });
}

/** What {@link packState} packed, as the maps it was given. */
function unpackState(packed: Buffer): Pick<BuildState, "pages" | "articles"> {
  const { pages: p, articles: a } = deserialize(packed) as {
    pages: { paths: string[]; keys: string[]; sizes: Float64Array; mtimes: Float64Array };
    articles: { ids: string[]; input: string[]; view: string[]; card: string[] };
  };
  const pages = new Map<string, PageRecord>();
  for (let i = 0; i < p.paths.length; i++)
    pages.set(p.paths[i] as string, {
      key: p.keys[i] as string,
      size: p.sizes[i] as number,
      mtimeMs: p.mtimes[i] as number,
    });
  const articles = new Map<string, ArticleKeys>();
  for (let i = 0; i < a.ids.length; i++)
    articles.set(a.ids[i] as string, {
      input: a.input[i] as string,
      view: a.view[i] as string,
      card: a.card[i] as string,
    });
  return { pages, articles };
}

/** Parsed articles kept between builds: `save()` writes back the entries of the files this build read. */
export type StoredParseCache = ParseCache & {
  save(): void;
  stats(): { unchanged: number; read: number };
  /** The files as a worker takes them: from the cache file, where there was one (see {@link ArticleRecords}). */
  records(files: readonly ArticleFile[]): ArticleRecords;
};

/** The cache folder of one build: its files and what they hold. */
export class BuildCache {
  readonly dir: string;
  readonly fingerprint: string;

  constructor(dir: string, fingerprint: string) {
    this.dir = dir;
    this.fingerprint = fingerprint;
  }

  /** Where Eleventy is pointed as its input folder: an empty folder (pages are virtual templates). */
  get eleventyInput(): string {
    const dir = join(this.dir, "eleventy-input");
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** Parsed articles by file; `save()` writes back the entries of the files this build read. */
  parseCache(): StoredParseCache {
    const file = join(this.dir, "articles.v8");
    const stored = readCacheFile(file, this.fingerprint)?.entries;
    const old = stored instanceof Map ? (stored as Map<string, ParsedArticleEntry>) : new Map();
    const used = new Map<string, ParsedArticleEntry>();
    /** Files whose entry this build made or changed (parsed, or touched with the same text). */
    const changed = new Set<string>();
    return {
      get: (path) => {
        const entry = old.get(path);
        if (entry) used.set(path, entry);
        return entry;
      },
      set: (path, entry) => {
        used.set(path, entry);
        changed.add(path);
      },
      save: () => {
        // Entries of files that are gone are dropped, so the cache never outgrows the folder.
        if (stored !== undefined && changed.size === 0 && used.size === old.size) return;
        writeCacheFile(file, { fingerprint: this.fingerprint, entries: used });
      },
      stats: () => ({ unchanged: used.size - changed.size, read: changed.size }),
      records: (files) =>
        stored instanceof Map
          ? {
              cacheFile: file,
              fingerprint: this.fingerprint,
              published: files.map((f) => f.file),
              shas: files.map((f) => f.sha),
              changed: files.filter((f) => changed.has(f.file)).map((f) => f.record()),
            }
          : files.map((f) => f.record()),
    };
  }

  /**
   * What the last build wrote into `outputDir`, if it was built with this fingerprint and site and
   * the folder still carries its stamp.
   */
  readState(outputDir: string, siteKey: string, stamp: string | undefined): BuildState {
    const data = readCacheFile(join(this.dir, "state.v8"), this.fingerprint);
    if (!data || data.outputDir !== outputDir || data.siteKey !== siteKey || data.stamp !== stamp)
      return emptyState();
    try {
      const { pages, articles } = unpackState(data.packed as Buffer);
      return {
        stamp: data.stamp as string,
        searchParts: data.searchParts as BuildState["searchParts"],
        pages,
        articles,
      };
    } catch {
      return emptyState();
    }
  }

  /**
   * Records what this build wrote into `outputDir` (with its stamp), for the next build: its search
   * parts, and its pages and article keys as {@link packState} gave them.
   */
  writeState(
    outputDir: string,
    siteKey: string,
    state: Pick<BuildState, "stamp" | "searchParts">,
    packed: Buffer,
  ): void {
    writeCacheFile(join(this.dir, "state.v8"), {
      fingerprint: this.fingerprint,
      outputDir,
      siteKey,
      stamp: state.stamp,
      searchParts: state.searchParts,
      packed,
    });
  }

  /** The page scripts of the last build (src/site/browser-scripts.ts), if it had this fingerprint. */
  readScripts(): BundledScripts | undefined {
    return readCacheFile(join(this.dir, "scripts.v8"), this.fingerprint)?.scripts as
      | BundledScripts
      | undefined;
  }

  /** Keeps this build's page scripts for the next build. */
  writeScripts(scripts: BundledScripts): void {
    writeCacheFile(join(this.dir, "scripts.v8"), { fingerprint: this.fingerprint, scripts });
  }

  /** Forgets what the output folder holds (before a build that rewrites it from nothing). */
  clearState(): void {
    rmSync(join(this.dir, "state.v8"), { force: true });
  }
}
