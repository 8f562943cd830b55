import { type ParsedArticleEntry, type ParseFailure, parseFilesHere } from "../content/article-files.ts";
import { type ArticleText, articleBodies } from "./article-bodies.ts";
import type { SiteGlobals } from "./digest-model.ts";
import type { PlannedPage } from "./page-plan.ts";
import { type EleventyFolders, type RenderedPage, renderPages } from "./render.ts";

/**
 * A build worker (src/site/worker-pool.ts): parses a share of the article files a build has not
 * parsed before, or renders a batch of pages with Eleventy, in its own thread, so a build works on
 * every core while the main thread plans and writes. One worker starts with the build, so Eleventy
 * loads in it while the main thread reads the articles.
 */

/** Parse these files of the articles folder. */
export interface ParseTask {
  kind: "parse";
  dir: string;
  files: string[];
}

/** Render these pages. */
export interface RenderTask {
  kind: "render";
  pages: PlannedPage[];
  site: SiteGlobals;
  /** The texts of the articles whose bodies the pages print. */
  texts: [string, ArticleText][];
  folders: EleventyFolders;
}

export type BuildTask = ParseTask | RenderTask;
export type BuildTaskResult = (ParsedArticleEntry | ParseFailure)[] | RenderedPage[];

export async function handle(task: BuildTask): Promise<BuildTaskResult> {
  if (task.kind === "parse")
    return parseFilesHere(task.dir, task.files) as (ParsedArticleEntry | ParseFailure)[];
  const bodies = articleBodies(new Map(task.texts));
  return renderPages(task.pages, { site: task.site, bodies }, task.folders);
}
