import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type ArticleRecord,
  articleFileFrom,
  type ParsedFile,
  type ParseFailure,
  parseFilesHere,
} from "../content/article-files.ts";
import type { Registries } from "../content/registry.ts";
import type { SiteSettings } from "../content/site-settings.ts";
import { articleBodies } from "./article-bodies.ts";
import { articleTexts } from "./article-texts.ts";
import { ArticleViews } from "./article-views.ts";
import { type ArticleRecords, articleRecords, type PageRecord } from "./build-cache.ts";
import { type SiteGlobals, siteGlobals } from "./digest-model.ts";
import { OutputFolder } from "./output-folder.ts";
import {
  bodiesNeeded,
  type EleventyFolders,
  madePages,
  type PageOnTheWire,
  renderPages,
  revivePage,
} from "./render.ts";

/**
 * A build worker (src/worker-pool.ts), one per core: parses a share of the article files a
 * build has not parsed before, or renders a batch of pages and writes them. The main thread only
 * plans: a page reaches the worker as the JSON its key was made of, and the worker makes the cards
 * and article views it names from its own copy of the articles (given once, by `setup`, which reads
 * them from the parse cache file where the build has one), renders it with Eleventy and writes it.
 * One worker starts with the build, so Eleventy loads in it while the main thread reads the articles.
 */

/** What every render task of one build needs: given once per worker. */
export interface BuildSetup {
  articlesDir: string;
  /** The registries the main thread loaded (plain data: they cross threads as they are). */
  registries: Registries;
  settings: SiteSettings;
  files: ArticleRecords;
  outputDir: string;
  folders: EleventyFolders;
}

/** Parse these files of the articles folder. */
export interface ParseTask {
  kind: "parse";
  dir: string;
  files: string[];
}

/** Render these pages and write them into the output folder. */
export interface RenderTask {
  kind: "render";
  pages: PageOnTheWire[];
}

export type BuildTask = ParseTask | RenderTask;
/** What a written page leaves in the build's state (its key is the main thread's). */
export type WrittenPage = Omit<PageRecord, "key"> & { path: string; written: boolean };
export type BuildTaskResult = (ParsedFile | ParseFailure)[] | WrittenPage[];

interface Build {
  views: ArticleViews;
  site: SiteGlobals;
  files: ReturnType<typeof articleTexts>;
  output: OutputFolder;
  folders: EleventyFolders;
}

let build: Build | undefined;

export function setup(data: BuildSetup): void {
  const records = articleRecords(data.files, data.articlesDir);
  const files = records.map((record) => articleFileFrom(data.articlesDir, record));
  const views = new ArticleViews(files, data.registries, data.settings);
  build = {
    views,
    site: siteGlobals(data.settings, data.registries),
    files: articleTexts(files),
    output: new OutputFolder(data.outputDir),
    folders: data.folders,
  };
  warmViews(views, records);
}

/**
 * The first front matter a worker parses, and the first view and card it makes, cost several times
 * a later one (code not yet compiled): a build after one new article renders a dozen article pages,
 * each parsed then. So the worker makes one now, while the main thread plans: the view of the
 * newest article it was not given parsed, a page such a build is likely to render anyway.
 */
function warmViews(views: ArticleViews, records: readonly ArticleRecord[]): void {
  const unparsed = new Set(
    records.filter((record) => record.fields === undefined).map((record) => record.file),
  );
  const sample = views.entries.find((entry) => unparsed.has(entry.file.file));
  if (!sample) return;
  try {
    views.view(sample.id);
    views.card(sample.id);
  } catch {
    // A file changed or removed since the main thread read it: the render that needs it reports it.
  }
}

/** The pool shelved this worker between builds: it keeps nothing of the last one. */
export function release(): void {
  build = undefined;
}

export async function handle(task: BuildTask): Promise<BuildTaskResult> {
  if (task.kind === "parse") return parseFilesHere(task.dir, task.files) as (ParsedFile | ParseFailure)[];
  if (!build) throw new Error("a render task came before the build's setup");
  const { views, site, output, folders } = build;
  const pages = madePages(task.pages.map((page) => revivePage(page, views, site)));
  const bodies = articleBodies(build.files(bodiesNeeded(pages)));
  const rendered = await renderPages(pages, { site, bodies }, folders);
  return rendered.map((page) => {
    return { path: page.path, ...output.write(page.path, page.content) };
  });
}

/**
 * Loads Eleventy and runs it once on two small pages while the main thread is still reading and
 * planning: a first render in a process costs several times a later one (code not yet compiled).
 */
export async function warm(): Promise<void> {
  const input = mkdtempSync(join(tmpdir(), "media-digest-warm-"));
  try {
    const site = { title: "", description: "", url: "https://warm.invalid/", feeds: [], digestFeeds: [] };
    await renderPages(
      [
        { kind: "not-found", path: "/404.html", data: {} },
        { kind: "search", path: "/search/", data: {} },
      ],
      { site: site as unknown as SiteGlobals, bodies: articleBodies(new Map()) },
      { input, output: input },
    );
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
}
