import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { readArticles } from "../content/article-files.ts";
import { outputFileFor } from "../content/paths.ts";
import { loadRegistries } from "../content/registry.ts";
import { loadSiteSettings } from "../content/site-settings.ts";
import {
  BuildCache,
  type BuildState,
  codeFingerprint,
  digestOf,
  emptyState,
  type PageRecord,
} from "./build-cache.ts";
import { type ArticleView, buildDigest, type Digest } from "./digest-model.ts";
import { markdownBodies } from "./markdown.ts";
import { type PlannedPage, planPages } from "./page-plan.ts";
import { DEFAULT_REGISTRY_DIR, PROJECT_ROOT, PUBLIC_DIR } from "./project.ts";
import { type EleventyFolders, renderPages } from "./render.ts";
import { indexSearchParts, type PartToIndex } from "./search-index.ts";
import { searchParts } from "./search-parts.ts";

/**
 * The site build, top-down:
 *
 *   load    registries, settings and articles (parsed files come from the cache by content hash)
 *   model   the digest model, every page as plain data, and each page's key: a hash of its data
 *   render  the pages whose key is not what the output folder holds, with Eleventy, in batches
 *   write   those pages, the static assets, and the removal of pages that are gone
 *   index   the search parts whose pages changed (src/site/search-index.ts)
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

/** Pages rendered per Eleventy run: Eleventy holds a run's pages in memory, so a full build of a large archive goes in batches. */
export const RENDER_BATCH_PAGES = 4_000;

export interface StageFigures {
  name: "load" | "model" | "render" | "write" | "index";
  wallMs: number;
  cpuMs: number;
  /** Resident memory at the end of the stage, and the process's peak so far (bytes). */
  rssBytes: number;
  peakRssBytes: number;
}

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

const registryDirOf = (options: SiteOptions) => options.registryDir ?? DEFAULT_REGISTRY_DIR;

/** The site settings file the build uses. */
export const siteSettingsFile = (options: SiteOptions) => join(registryDirOf(options), "site.yaml");

/** Times a stage: wall clock, CPU of this process, and memory. */
async function stage<T>(
  stages: StageFigures[],
  name: StageFigures["name"],
  run: () => T | Promise<T>,
): Promise<T> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(cpu);
  stages.push({
    name,
    wallMs: performance.now() - wall,
    cpuMs: (used.user + used.system) / 1000,
    rssBytes: process.memoryUsage.rss(),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  });
  return result;
}

/** Adds up the time of work done in pieces (render and write alternate batch by batch). */
function stageClock() {
  let wallMs = 0;
  let cpuMs = 0;
  return {
    time<T>(run: () => T): T {
      const wall = performance.now();
      const cpu = process.cpuUsage();
      const settle = () => {
        const used = process.cpuUsage(cpu);
        wallMs += performance.now() - wall;
        cpuMs += (used.user + used.system) / 1000;
      };
      const result = run();
      if (result instanceof Promise) return result.finally(settle) as T;
      settle();
      return result;
    },
    figures(name: StageFigures["name"]): StageFigures {
      return {
        name,
        wallMs,
        cpuMs,
        rssBytes: process.memoryUsage.rss(),
        peakRssBytes: process.resourceUsage().maxRSS * 1024,
      };
    },
    addTo(figures: StageFigures): void {
      figures.wallMs += wallMs;
      figures.cpuMs += cpuMs;
    },
  };
}

/** What the model stage hands on: the pages, and which of them must be rendered. */
interface Plan {
  digest: Digest;
  pages: PlannedPage[];
  keys: Map<string, string>;
  dirty: PlannedPage[];
}

/** A page's key: the hash of everything its output is made from, besides the code and the site settings. */
export const pageKey = (page: PlannedPage) => digestOf(page.kind, page.path, JSON.stringify(page.data));

/**
 * What an article page gives the search index: everything Pagefind reads (inside the page's
 * `data-pagefind-body`) is printed from the article's view, and its related articles are listed
 * after that element. So a new article that only changes its neighbours' related lists re-renders
 * their pages but leaves their search part as it is.
 */
const searchKey = (article: ArticleView) =>
  `${article.url} ${digestOf(JSON.stringify({ ...article, related: [] }))}`;

/** Whether the output folder still holds what the state says was written there. */
function unchangedOnDisk(outputDir: string, path: string, record: PageRecord | undefined): boolean {
  if (!record) return false;
  try {
    const stat = statSync(join(outputDir, outputFileFor(path)));
    return stat.size === record.size && stat.mtimeMs === record.mtimeMs;
  } catch {
    return false;
  }
}

/** Writes a file when its bytes differ and returns what the state records of it. */
function writeOutput(
  outputDir: string,
  path: string,
  key: string,
  content: string | Buffer,
): PageRecord & { written: boolean } {
  const file = join(outputDir, outputFileFor(path));
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  let written = false;
  if (!(existsSync(file) && statSync(file).size === bytes.length && readFileSync(file).equals(bytes))) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    written = true;
  }
  const stat = statSync(file);
  return { key, size: stat.size, mtimeMs: stat.mtimeMs, written };
}

/** Removes a written file and the folders it leaves empty, up to the output folder. */
function removeOutput(outputDir: string, path: string): void {
  const file = join(outputDir, outputFileFor(path));
  rmSync(file, { force: true });
  for (let dir = dirname(file); dir.startsWith(outputDir) && dir !== outputDir; dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      break; // not empty
    }
  }
}

/** The static assets (public/) as site paths and bytes. */
function publicAssets(): { path: string; bytes: Buffer }[] {
  return (readdirSync(PUBLIC_DIR, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((e) => e.isFile())
    .map((e) => {
      const file = join(e.parentPath, e.name);
      return { path: `/${relative(PUBLIC_DIR, file).split(sep).join("/")}`, bytes: readFileSync(file) };
    })
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

/** Builds the site into the output folder and indexes it for search; see the module comment. */
export async function buildSite(
  options: SiteOptions,
  log: (line: string) => void = () => {},
): Promise<BuildReport> {
  const stages: StageFigures[] = [];
  const fingerprint = codeFingerprint(PROJECT_ROOT);
  const cache = options.cacheDir ? new BuildCache(options.cacheDir, fingerprint) : undefined;
  const temporaryInput = cache ? undefined : mkdtempSync(join(tmpdir(), "media-digest-eleventy-"));
  const folders: EleventyFolders = {
    input: cache?.eleventyInput ?? (temporaryInput as string),
    output: options.outputDir,
  };
  try {
    const { files, registries, settings } = await stage(stages, "load", () => {
      const registries = loadRegistries(registryDirOf(options));
      const settings = loadSiteSettings(siteSettingsFile(options), { DIGEST_SITE_URL: options.siteUrl });
      mkdirSync(options.articlesDir, { recursive: true });
      const parseCache = cache?.parseCache();
      const files = readArticles(options.articlesDir, registries, parseCache);
      parseCache?.save();
      const hits = parseCache?.stats().hits ?? 0;
      log(
        `Read ${files.length} article${files.length === 1 ? "" : "s"}${cache ? ` (${hits} unchanged since the last build)` : ""}`,
      );
      return { files, registries, settings };
    });

    const plan = await stage(stages, "model", (): Plan & { state: BuildState; siteKey: string } => {
      const digest = buildDigest(files, registries, settings);
      const pages = planPages(digest);
      const siteKey = digestOf(JSON.stringify(digest.site));
      const state = cache?.readState(options.outputDir, siteKey) ?? emptyState();
      const keys = new Map(pages.map((page) => [page.path, pageKey(page)]));
      const dirty = pages.filter(
        (page) =>
          state.pages.get(page.path)?.key !== keys.get(page.path) ||
          !unchangedOnDisk(options.outputDir, page.path, state.pages.get(page.path)),
      );
      return { digest, pages, keys, dirty, state, siteKey };
    });
    const { state } = plan;
    // With no record of what the output folder holds, nothing in it can be trusted: start afresh.
    if (state.pages.size === 0) rmSync(options.outputDir, { recursive: true, force: true });
    // Until this build finishes, the recorded state no longer describes the output folder: a build
    // killed half way leaves no state, and the next one starts afresh.
    cache?.clearState();
    mkdirSync(options.outputDir, { recursive: true });
    log(`Rendering ${plan.dirty.length} of ${plan.pages.length} pages`);

    const next: BuildState = { pages: new Map(), searchParts: new Map() };
    // Render and write go batch by batch, so a large build holds one batch of pages at a time;
    // their times are added up into their two stages.
    const render = stageClock();
    const write = stageClock();
    const bodies = markdownBodies(files);
    let rendered = 0;
    let written = 0;
    for (let start = 0; start < plan.dirty.length; start += RENDER_BATCH_PAGES) {
      const batch = plan.dirty.slice(start, start + RENDER_BATCH_PAGES);
      const output = await render.time(() => renderPages(batch, plan.digest.site, bodies, folders));
      bodies.forget();
      write.time(() => {
        for (const page of output) {
          const record = writeOutput(
            options.outputDir,
            page.path,
            plan.keys.get(page.path) as string,
            page.content,
          );
          if (record.written) written++;
          next.pages.set(page.path, { key: record.key, size: record.size, mtimeMs: record.mtimeMs });
        }
      });
      rendered += output.length;
      if (plan.dirty.length > RENDER_BATCH_PAGES) log(`  rendered ${rendered} of ${plan.dirty.length} pages`);
    }
    stages.push(render.figures("render"));

    const removed = await stage(stages, "write", () => {
      for (const page of plan.pages) {
        if (next.pages.has(page.path)) continue;
        next.pages.set(page.path, state.pages.get(page.path) as PageRecord);
      }
      for (const asset of publicAssets()) {
        const key = digestOf("asset", asset.bytes.toString("base64"));
        const known = state.pages.get(asset.path);
        if (known?.key === key && unchangedOnDisk(options.outputDir, asset.path, known))
          next.pages.set(asset.path, known);
        else {
          const record = writeOutput(options.outputDir, asset.path, key, asset.bytes);
          if (record.written) written++;
          next.pages.set(asset.path, { key, size: record.size, mtimeMs: record.mtimeMs });
        }
      }
      let removed = 0;
      for (const path of state.pages.keys()) {
        if (next.pages.has(path)) continue;
        removeOutput(options.outputDir, path);
        removed++;
      }
      return removed;
    });
    write.addTo(stages.at(-1) as StageFigures);
    log(
      `Wrote ${written} file${written === 1 ? "" : "s"} (${plan.pages.length - plan.dirty.length} pages unchanged), removed ${removed}`,
    );

    const search = await stage(stages, "index", async () => {
      const parts: PartToIndex[] = searchParts(plan.digest.articles).map((part) => ({
        key: part.key,
        hash: digestOf(fingerprint, settings.language, ...part.articles.map(searchKey)).slice(0, 12),
        from: part.from,
        to: part.to,
        paths: part.articles.map((a) => a.url),
      }));
      return indexSearchParts(options.outputDir, settings.language, parts, log);
    });
    next.searchParts = search.records;
    log(
      `Search: ${search.indexed} article page${search.indexed === 1 ? "" : "s"} in ${search.records.size} part${search.records.size === 1 ? "" : "s"} (${search.reindexed.length} indexed now)`,
    );
    cache?.writeState(options.outputDir, plan.siteKey, next);

    return {
      articles: files.length,
      pages: plan.pages.length,
      rendered,
      written,
      removed,
      indexed: search.indexed,
      reindexedParts: search.reindexed.length,
      searchParts: search.records.size,
      stages,
    };
  } finally {
    if (temporaryInput) rmSync(temporaryInput, { recursive: true, force: true });
  }
}

/** One rendered page (for tests: the whole site in memory, nothing written, no search index). */
export interface BuiltPage {
  url: string;
  content: string;
}

/** Renders every page of the site in memory. */
export async function renderSite(options: SiteOptions): Promise<BuiltPage[]> {
  const registries = loadRegistries(registryDirOf(options));
  const settings = loadSiteSettings(siteSettingsFile(options), { DIGEST_SITE_URL: options.siteUrl });
  mkdirSync(options.articlesDir, { recursive: true });
  const files = readArticles(options.articlesDir, registries);
  const digest = buildDigest(files, registries, settings);
  const input = mkdtempSync(join(tmpdir(), "media-digest-eleventy-"));
  try {
    const pages = await renderPages(planPages(digest), digest.site, markdownBodies(files), {
      input,
      output: options.outputDir,
    });
    return pages.map((p) => ({ url: p.path, content: p.content }));
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
}
