import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  type ArticleFile,
  type ParsedFile,
  type ParseFailure,
  type ParseFiles,
  parseFilesHere,
  publishedFiles,
  readArticlesWith,
} from "../content/article-files.ts";
import { loadRegistries, type Registries } from "../content/registry.ts";
import { loadSiteSettings, type SiteSettings } from "../content/site-settings.ts";
import { moduleBeside, PROJECT_ROOT, REGISTRY_DIR } from "../project.ts";
import { coreCount, WorkerPool } from "../worker-pool.ts";
import { browserScripts } from "./browser-scripts.ts";
import {
  BuildCache,
  type BuildState,
  codeFingerprint,
  digestOf,
  emptyState,
  type PageRecord,
  packState,
  type StoredParseCache,
} from "./build-cache.ts";
import type { BuildSetup, BuildTask, BuildTaskResult, RenderTask, WrittenPage } from "./build-worker.ts";
import { buildDigest, type Digest, siteGlobals } from "./digest-model.ts";
import { OutputFolder, publicAssets } from "./output-folder.ts";
import { type PlannedPage, planPages } from "./page-plan.ts";
import type { EleventyFolders } from "./render.ts";
import { type PartToIndex, SearchIndexer } from "./search-index.ts";
import { searchParts } from "./search-parts.ts";
import { StageClock, type StageFigures, stage } from "./stage-clock.ts";

/**
 * The site build, top-down:
 *
 *   load    registries, settings and articles (an unchanged file is neither parsed nor read again)
 *   model   the digest model, every page as plain data, each page's key (a hash of its data), the
 *           pages whose key is not what the output folder holds, and the search index's parts
 *   render  those pages, with Eleventy, in batches
 *   write   each batch as it is rendered; then the static assets and the page scripts (bundled from
 *           src/browser/ beside the other stages), and removal of pages that are gone
 *   index   the search parts whose articles changed, each as soon as its pages are written, beside
 *           rendering (src/site/search-index.ts)
 *
 * With a cache folder (`.cache/build/` for `npm run build`) a build after one new article renders
 * and indexes only what shows it; without one, or with a cache from other code or settings, every
 * page is rendered into an emptied output folder. Both give the same bytes.
 */

export interface SiteOptions {
  /** Folder of article markdown files (DIGEST_ARTICLES, default `articles/`). */
  articlesDir: string;
  /** Output folder (DIGEST_OUTPUT, default `_site/`). */
  outputDir: string;
  /** Folder with topics.yaml, sources.yaml and site.yaml (default `registry/`). */
  registryDir?: string;
  /** Overrides the site URL of registry/site.yaml (DIGEST_SITE_URL or Netlify's URL). */
  siteUrl?: string;
  /** The build's cache (DIGEST_CACHE, default `.cache/build/`); unset: a full build every time. */
  cacheDir?: string;
}

export type { StageFigures };

/**
 * Options from the environment, as `npm run build` and `npm start` use them (and the Eleventy
 * plugin, src/site/plugin.ts, which the build itself does not load: it renders nothing).
 */
export function siteOptionsFromEnv(env: Record<string, string | undefined> = process.env): SiteOptions {
  return {
    articlesDir: resolve(PROJECT_ROOT, env.DIGEST_ARTICLES ?? "articles"),
    outputDir: resolve(PROJECT_ROOT, env.DIGEST_OUTPUT ?? "_site"),
    cacheDir: resolve(PROJECT_ROOT, env.DIGEST_CACHE ?? join(".cache", "build")),
    ...(env.DIGEST_REGISTRY ? { registryDir: resolve(PROJECT_ROOT, env.DIGEST_REGISTRY) } : {}),
    ...((env.DIGEST_SITE_URL ?? env.URL) ? { siteUrl: env.DIGEST_SITE_URL ?? env.URL } : {}),
  };
}

/**
 * Pages rendered per Eleventy run. Eleventy holds a run's pages in memory, so a large archive goes
 * in batches; and search parts are indexed as soon as a batch completes them.
 */
export const RENDER_BATCH_PAGES = 2_000;

export interface BuildReport {
  articles: number;
  /** Files the site has (pages, feeds, sitemaps; not assets or the search bundle). */
  pages: number;
  rendered: number;
  written: number;
  removed: number;
  /** Article pages in the search index, and parts indexed by this build. */
  indexed: number;
  reindexedParts: number;
  searchParts: number;
  stages: StageFigures[];
}

const registryDirOf = (options: SiteOptions) => options.registryDir ?? REGISTRY_DIR;

/** The site settings file the build uses. */
export const siteSettingsFile = (options: SiteOptions) => join(registryDirOf(options), "site.yaml");

export interface Loaded {
  files: ArticleFile[];
  registries: Registries;
  settings: SiteSettings;
}

/**
 * Parsing takes worker threads from this many files on (a first build, a registry of new code):
 * below it, starting the workers costs more than they save.
 */
const PARSE_IN_WORKERS_FROM = 500;

/**
 * Parses files on the build's workers and on this thread, which has nothing else to do meanwhile:
 * a worker starts by loading Eleventy (src/site/build-worker.ts), and this thread parses until it
 * is ready (see {@link PARSE_IN_WORKERS_FROM}). Only the worker the build started with takes
 * part: another one would spend its start (several seconds of CPU) competing with the parsing, so
 * the build starts the others once the files are read, while this thread plans.
 */
export const parseOn =
  (workers: WorkerPool<BuildTask, BuildTaskResult>): ParseFiles =>
  async (dir, files) => {
    if (files.length < PARSE_IN_WORKERS_FROM) return parseFilesHere(dir, files);
    // Small chunks, so a slow share does not leave a core idle at the end.
    const chunk = Math.ceil(files.length / ((workers.size + 1) * 8));
    const chunks: string[][] = [];
    for (let start = 0; start < files.length; start += chunk) chunks.push(files.slice(start, start + chunk));
    const parsed: (ParsedFile | ParseFailure)[][] = [];
    let next = 0;
    const lane = async (parse: (files: string[]) => Promise<(ParsedFile | ParseFailure)[]>) => {
      for (let i = next++; i < chunks.length; i = next++) parsed[i] = await parse(chunks[i] as string[]);
    };
    const here = async (part: string[]) => {
      // Between chunks, the workers' answers are taken in.
      await new Promise((resolve) => setImmediate(resolve));
      return parseFilesHere(dir, part) as (ParsedFile | ParseFailure)[];
    };
    const there = async (part: string[]) =>
      (await workers.run({ kind: "parse", dir, files: part })) as (ParsedFile | ParseFailure)[];
    await Promise.all([lane(here), ...Array.from({ length: workers.size }, () => lane(there))]);
    return parsed.flat();
  };

/** Registries, settings and every article, validated. */
export async function load(
  options: SiteOptions,
  parseCache: StoredParseCache | undefined,
  parseFiles: ParseFiles,
  log: (line: string) => void,
): Promise<Loaded> {
  const registries = loadRegistries(registryDirOf(options));
  const settings = loadSiteSettings(siteSettingsFile(options), { DIGEST_SITE_URL: options.siteUrl });
  mkdirSync(options.articlesDir, { recursive: true });
  const read = await readArticlesWith(options.articlesDir, registries, parseCache, parseFiles);
  // Held drafts (ingest kept them, an editor has not published them) are validated, not built.
  const files = publishedFiles(read);
  const unchanged = parseCache ? ` (${parseCache.stats().unchanged} unchanged since the last build)` : "";
  const held = read.length - files.length;
  log(
    `Read ${files.length} article${files.length === 1 ? "" : "s"}${unchanged}${held > 0 ? `; ${held} held draft${held === 1 ? "" : "s"} not published (npm run ingest -- --held)` : ""}`,
  );
  return { files, registries, settings };
}

/** What the model stage hands on. */
interface Plan {
  digest: Digest;
  pages: PlannedPage[];
  keys: Map<string, string>;
  /** The JSON of each page to render, which its key was made of: how it travels to a worker. */
  wire: Map<string, string>;
  /** The pages to render: article pages part by part first, so parts can be indexed early. */
  dirty: PlannedPage[];
  /** The search index's parts, newest first. */
  parts: PartToIndex[];
  /** What the output folder held after the last build, and the site settings it was built with. */
  state: BuildState;
  siteKey: string;
}

function model(
  { files, registries, settings }: Loaded,
  output: OutputFolder,
  cache: BuildCache | undefined,
  fingerprint: string,
): Plan {
  // Every page prints what the site knows of itself (settings, menu): when that changes, nothing of
  // the last build is reused.
  const siteKey = digestOf(JSON.stringify(siteGlobals(settings, registries)));
  const state = cache?.readState(output.dir, siteKey, output.stampOf()) ?? emptyState();
  const digest = buildDigest(files, registries, settings, state.articles);
  const pages = planPages(digest);
  // A page's key is the hash of its JSON; a page to render travels to its worker as that JSON.
  const keys = new Map<string, string>();
  const wire = new Map<string, string>();
  for (const page of pages) {
    const json = JSON.stringify(page.data);
    const key = digestOf(page.kind, page.path, json);
    keys.set(page.path, key);
    if (state.pages.get(page.path)?.key !== key) wire.set(page.path, json);
  }
  const parts: PartToIndex[] = searchParts(digest.articles).map((part) => ({
    key: part.key,
    // Everything Pagefind reads of an article page (its data-pagefind-body element) is printed from
    // the article's view; its related articles come after that element. So a new article that only
    // changes its neighbours' related lists re-renders their pages but not their search part.
    hash: digestOf(
      fingerprint,
      settings.language,
      ...part.articles.map((a) => `${a.url} ${digest.views.keys(a.id).view}`),
    ).slice(0, 12),
    from: part.from,
    to: part.to,
    paths: part.articles.map((a) => a.url),
  }));
  const order = new Map(parts.flatMap((part, i) => part.paths.map((path) => [path, i] as const)));
  const dirty = pages
    .filter((page) => wire.has(page.path))
    .map((page, i) => ({ page, i, part: order.get(page.path) ?? parts.length }))
    .sort((a, b) => a.part - b.part || a.i - b.i)
    .map(({ page }) => page);
  return { digest, pages, keys, wire, dirty, parts, state, siteKey };
}

/** Builds the site into the output folder and indexes it for search; see the module comment. */
export async function buildSite(
  options: SiteOptions,
  log: (line: string) => void = () => {},
): Promise<BuildReport> {
  const stages: StageFigures[] = [];
  const fingerprint = codeFingerprint(PROJECT_ROOT);
  const cache = options.cacheDir ? new BuildCache(options.cacheDir, fingerprint) : undefined;
  const output = new OutputFolder(options.outputDir);
  const temporaryInput = cache ? undefined : mkdtempSync(join(tmpdir(), "media-digest-eleventy-"));
  const folders: EleventyFolders = {
    input: cache?.eleventyInput ?? (temporaryInput as string),
    output: options.outputDir,
  };
  // A build worker starts now, so Eleventy loads in it while this thread reads and plans; a build
  // with much to parse or render adds one per core.
  const workers = new WorkerPool<BuildTask, BuildTaskResult>(
    moduleBeside(import.meta.url, "./build-worker"),
    1,
  );
  let closing: Promise<void> | undefined;
  let discarding: Promise<void> | undefined;
  // The page scripts are bundled while the build reads (esbuild runs in its own process), unless the
  // last build's bundle is still current; a failure is reported when they are written.
  const lastScripts = cache?.readScripts();
  const scripts = browserScripts(lastScripts);
  scripts.catch(() => {});
  try {
    let parsed = 0;
    const parse: ParseFiles = (dir, files) => {
      parsed += files.length;
      return parseOn(workers)(dir, files);
    };
    // The parse cache is read inside the load stage: at 10,000 articles it is a good part of it.
    let parseCache: StoredParseCache | undefined;
    const loaded = await stage(stages, "load", () => {
      parseCache = cache?.parseCache();
      return load(options, parseCache, parse, log);
    });
    // A build that parsed much will render much: the other workers start now, beside planning.
    if (parsed >= PARSE_IN_WORKERS_FROM) workers.grow(coreCount());
    workers.setup({
      articlesDir: options.articlesDir,
      registries: loaded.registries,
      settings: loaded.settings,
      files: parseCache?.records(loaded.files) ?? loaded.files.map((file) => file.record()),
      outputDir: options.outputDir,
      folders,
    } satisfies BuildSetup);
    const plan = await stage(stages, "model", () => model(loaded, output, cache, fingerprint));
    const { state } = plan;
    // With no record of what the output folder holds, nothing in it can be trusted: start afresh.
    if (state.pages.size === 0) output.clear();
    // Until this build finishes, the recorded state no longer describes the output folder: a build
    // killed half way leaves neither state nor stamp, and the next one starts afresh.
    cache?.clearState();
    output.unstamp();
    mkdirSync(options.outputDir, { recursive: true });
    log(`Rendering ${plan.dirty.length} of ${plan.pages.length} pages`);

    // Parts are indexed as soon as none of their pages is left to write.
    const indexer = new SearchIndexer(options.outputDir, loaded.settings.language, state.searchParts, log);
    if (plan.parts.some((part) => indexer.needsIndexing(part))) indexer.prepare();
    const partOf = new Map(plan.parts.flatMap((part) => part.paths.map((path) => [path, part] as const)));
    const unwritten = new Map(plan.parts.map((part) => [part, 0]));
    for (const page of plan.dirty) {
      const part = partOf.get(page.path);
      if (part) unwritten.set(part, (unwritten.get(part) ?? 0) + 1);
    }
    const submitFinished = () => {
      for (const [part, left] of unwritten)
        if (left === 0) {
          indexer.submit(part);
          unwritten.delete(part);
        }
    };
    submitFinished();

    const next: BuildState = { stamp: "", pages: new Map(), searchParts: new Map(), articles: new Map() };
    // Batches are rendered and written by worker threads (one per core) while this thread hands
    // finished search parts to the indexer.
    const render = new StageClock("render");
    const batches: PlannedPage[][] = [];
    for (let start = 0; start < plan.dirty.length; start += RENDER_BATCH_PAGES)
      batches.push(plan.dirty.slice(start, start + RENDER_BATCH_PAGES));
    workers.grow(Math.min(coreCount(), batches.length));
    let done = 0;
    let written = 0;
    let nextBatch = 0;
    const lane = async () => {
      for (let batch = batches[nextBatch++]; batch; batch = batches[nextBatch++]) {
        const task: RenderTask = {
          kind: "render",
          pages: batch.map((page) => ({
            kind: page.kind,
            path: page.path,
            json: plan.wire.get(page.path) as string,
          })),
        };
        const rendered = (await workers.run(task)) as WrittenPage[];
        for (const page of rendered) {
          if (page.written) written++;
          const key = plan.keys.get(page.path) as string;
          next.pages.set(page.path, { key, size: page.size, mtimeMs: page.mtimeMs });
          const part = partOf.get(page.path);
          if (part) unwritten.set(part, (unwritten.get(part) ?? 1) - 1);
        }
        submitFinished();
        done += rendered.length;
        if (batches.length > 1) log(`  rendered ${done} of ${plan.dirty.length} pages`);
      }
    };
    await render.time(async () => {
      const rendering = Promise.all(Array.from({ length: workers.size }, lane));
      // While the workers render, this thread saves the parse cache (it waits otherwise).
      parseCache?.save();
      await rendering;
    });
    stages.push(render.figures());
    // The build workers are done: they stop while Pagefind indexes.
    closing = workers.close();
    // An output folder this build started afresh from is deleted now, while Pagefind indexes (it
    // leaves part of a core free): at 10,000 articles deleting it took 4 s before rendering.
    discarding = output.discardSetAside();

    const write = new StageClock("write");
    const bundled = await scripts;
    if (cache && bundled !== lastScripts) cache.writeScripts(bundled);
    const assets = [...publicAssets(), ...bundled.files];
    const removed = write.time(() => {
      for (const page of plan.pages)
        if (!next.pages.has(page.path)) next.pages.set(page.path, state.pages.get(page.path) as PageRecord);
      for (const asset of assets) {
        const key = digestOf("asset", asset.bytes.toString("base64"));
        const known = state.pages.get(asset.path);
        if (known?.key === key && output.unchanged(asset.path, known)) next.pages.set(asset.path, known);
        else {
          const record = output.write(asset.path, asset.bytes);
          if (record.written) written++;
          next.pages.set(asset.path, { key, size: record.size, mtimeMs: record.mtimeMs });
        }
      }
      let removed = 0;
      for (const path of state.pages.keys()) {
        if (next.pages.has(path)) continue;
        output.remove(path);
        removed++;
      }
      return removed;
    });
    stages.push(write.figures());
    log(
      `Wrote ${written} file${written === 1 ? "" : "s"} (${plan.pages.length - plan.dirty.length} pages unchanged), removed ${removed}`,
    );

    const index = new StageClock("index");
    let pagesDigest = "";
    let packed: Buffer | undefined;
    const search = await index.time(() => {
      const indexing = indexer.finish(plan.parts);
      // While Pagefind indexes, this thread hashes the build's pages and packs them for the cache.
      next.articles = plan.digest.views.allKeys();
      if (cache) {
        pagesDigest = digestOf(...[...next.pages].map(([path, record]) => `${path} ${record.key}`).sort());
        packed = packState(next);
      }
      return indexing;
    });
    stages.push(index.figures());
    next.searchParts = search.records;
    log(
      `Search: ${search.indexed} article page${search.indexed === 1 ? "" : "s"} in ${search.records.size} part${search.records.size === 1 ? "" : "s"} (${search.reindexed.length} indexed now)`,
    );
    if (cache) {
      next.stamp = digestOf(pagesDigest, ...[...next.searchParts.values()].map((part) => part.folder).sort());
      output.stamp(next.stamp);
      cache.writeState(options.outputDir, plan.siteKey, next, packed as Buffer);
    }

    return {
      articles: loaded.files.length,
      pages: plan.pages.length,
      rendered: done,
      written,
      removed,
      indexed: search.indexed,
      reindexedParts: search.reindexed.length,
      searchParts: search.records.size,
      stages,
    };
  } finally {
    await (closing ?? workers.close());
    await (discarding ?? output.discardSetAside());
    if (temporaryInput) rmSync(temporaryInput, { recursive: true, force: true });
  }
}
