import { relative, resolve } from "node:path";
import { LAYOUTS_DIR, PROJECT_ROOT } from "../project.ts";
import type { ArticleBodies } from "./article-bodies.ts";
import {
  type ArticleNeighbours,
  ArticlePage,
  type ArticleView,
  type ArticleViews,
  materialize,
  type RelatedLink,
  type RenderedArticle,
} from "./article-views.ts";
import type { SiteGlobals } from "./digest-model.ts";
import type { EleventyConfig } from "./eleventy.ts";
import { ArticleEntryRef, type MadeFeed, withContent } from "./feeds.ts";
import type { FeedPage, PageKind, PlannedPage } from "./page-plan.ts";
import { addTemplates, type RenderBatch } from "./templates.ts";

/**
 * Renders planned pages to text with Eleventy: the site's layouts, filters and Nunjucks settings,
 * and one virtual template per page kind. Article bodies are rendered here, for the pages being
 * rendered only (an incremental build renders a handful of bodies, not the archive's).
 */

/** Where Eleventy reads and writes, and what it must not read as data. */
export interface EleventyFolders {
  /** An empty folder: every page is a virtual template, so Eleventy finds nothing else to build. */
  input: string;
  output: string;
}

/**
 * The Eleventy configuration shared by every build: folders, Nunjucks settings, and the batch's
 * pages as virtual templates.
 */
export function configureEleventy(
  config: EleventyConfig,
  folders: EleventyFolders,
  batch: RenderBatch,
): void {
  config.setInputDirectory(folders.input);
  config.setOutputDirectory(folders.output);
  // Eleventy resolves these against the input folder, which may live anywhere.
  config.setIncludesDirectory(relative(folders.input, LAYOUTS_DIR));
  config.setLayoutsDirectory(relative(folders.input, LAYOUTS_DIR));
  // Eleventy would run any _data/*.js it finds: point its data folder nowhere.
  config.setDataDirectory(relative(folders.input, resolve(PROJECT_ROOT, "registry", ".no-eleventy-data")));
  // Only our virtual pages are templates; nothing on disk is ever compiled.
  config.setTemplateFormats(["11ty.js"]);
  config.ignores.add("**/*.md");
  // trimBlocks and lstripBlocks: a tag on its own line leaves no blank or trailing-space line behind.
  config.setNunjucksEnvironmentOptions({
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  config.setQuietMode(true);
  addTemplates(config, batch);
}

/** What pages get only when they are rendered: article bodies, and what depends on them. */
export interface RenderContext {
  site: SiteGlobals;
  bodies: ArticleBodies;
}

/**
 * Pages with every card and article view their data refers to made (src/site/article-views.ts),
 * as layouts print them.
 */
export function madePages(pages: readonly PlannedPage[]): PlannedPage[] {
  return pages.map((page) => {
    const made = materialize(page.data) as object;
    // Each page's data is an object of its own: Eleventy's permalinks find a page's path by it.
    return { ...page, data: made === page.data ? { ...made } : made };
  });
}

/** A page as it travels to a render worker: its data as the JSON its key was made of. */
export interface PageOnTheWire {
  kind: PageKind;
  path: string;
  json: string;
}

/**
 * Page data from its JSON ({@link PageOnTheWire}), the cards, article pages and feed entries it
 * names standing again, for `views` (a render worker's own: src/site/build-worker.ts).
 */
export function revivePage(page: PageOnTheWire, views: ArticleViews, site: SiteGlobals): PlannedPage {
  // Parsed plainly, then revived in place, innermost first (as a reviver would, at a third of the
  // cost: JSON.parse calls a reviver for every value, strings and numbers included).
  const revive = (value: unknown): unknown => {
    if (value === null || typeof value !== "object") return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = revive(value[i]);
      return value;
    }
    const fields = value as Record<string, unknown>;
    for (const key of Object.keys(fields)) fields[key] = revive(fields[key]);
    const named = value as {
      $card?: string;
      $page?: string;
      $entry?: string;
      related?: RelatedLink[];
      neighbours?: Partial<ArticleNeighbours>;
    };
    if (named.$card !== undefined) return views.cardRef(named.$card);
    if (named.$page !== undefined)
      // Its story and copies too (JSON leaves out what is undefined): without them, pages built
      // by workers lost their "Part of the story" and "same text as" notes.
      return new ArticlePage(named.$page, named.related ?? [], views, {
        story: named.neighbours?.story,
        copyOf: named.neighbours?.copyOf,
        alsoPublishedBy: named.neighbours?.alsoPublishedBy ?? [],
      });
    if (named.$entry !== undefined)
      return new ArticleEntryRef(named.$entry, views.entry(named.$entry).changed, views, site);
    return value;
  };
  return { kind: page.kind, path: page.path, data: revive(JSON.parse(page.json)) as object };
}

/** The articles whose bodies rendering `pages` (made) needs: each article page's, and each feed entry's. */
export function bodiesNeeded(pages: readonly PlannedPage[]): Set<string> {
  const ids = new Set<string>();
  for (const page of pages) {
    if (page.kind === "article") ids.add((page.data as ArticleView).id);
    if (page.kind === "atom-feed" || page.kind === "rss-feed" || page.kind === "json-feed")
      for (const entry of ((page.data as FeedPage).feed as MadeFeed).entries)
        if (entry.bodyOf) ids.add(entry.bodyOf.id);
  }
  return ids;
}

/** The data a page's layout receives: its made data, with bodies and feed content. */
function completed(page: PlannedPage, context: RenderContext): object {
  const html = (id: string) => context.bodies.html(id);
  if (page.kind === "article") {
    const view = page.data as ArticleView;
    return {
      ...view,
      bodyHtml: html(view.id),
      showSummary: !context.bodies.summaryIsBody(view.id),
      search: { ...view.search, summaryInBody: context.bodies.summaryInBody(view.id) },
    } satisfies RenderedArticle;
  }
  if (page.kind === "atom-feed" || page.kind === "rss-feed" || page.kind === "json-feed") {
    const feedPage = page.data as FeedPage;
    return { ...feedPage, feed: withContent(feedPage.feed as MadeFeed, html, context.site.url) };
  }
  return page.data;
}

/** One rendered file. */
export interface RenderedPage {
  path: string;
  content: string;
}

/** The pages as Eleventy's templates take them: by kind, completed, paths known. */
export function renderBatchOf(pages: readonly PlannedPage[], context: RenderContext): RenderBatch {
  const batch: RenderBatch = { site: context.site, byKind: new Map(), pathOf: new WeakMap() };
  for (const page of pages) {
    const data = completed(page, context);
    batch.pathOf.set(data, page.path);
    const list = batch.byKind.get(page.kind) ?? [];
    list.push(data);
    batch.byKind.set(page.kind as PageKind, list);
  }
  return batch;
}

/** Renders made pages ({@link madePages}) in one Eleventy run, in memory (nothing is written). */
export async function renderPages(
  pages: readonly PlannedPage[],
  context: RenderContext,
  folders: EleventyFolders,
): Promise<RenderedPage[]> {
  if (pages.length === 0) return [];
  const batch = renderBatchOf(pages, context);
  // Loaded here, not at the top: the build's main thread plans and writes and never renders, and
  // loading Eleventy takes half a second. Its ESM resolver, which re-imports edited JavaScript data
  // files in watch mode, is left out: this build imports none, and on Node 20 the resolver runs
  // every later import through a loader thread (about 0.1 s of a one-article build).
  process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
  const { default: Eleventy } = await import("@11ty/eleventy");
  const eleventy = new Eleventy(folders.input, folders.output, {
    quietMode: true,
    // No config file is looked up: the site is this configuration, whatever files lie around.
    configPath: false,
    config: (config: EleventyConfig) => configureEleventy(config, folders, batch),
  });
  const results = (await eleventy.toJSON()) as { url: string | false; content: string }[];
  const rendered = results.flatMap((r) =>
    typeof r.url === "string" ? [{ path: r.url, content: r.content }] : [],
  );
  if (rendered.length !== pages.length)
    throw new Error(`Eleventy rendered ${rendered.length} of ${pages.length} pages`);
  return rendered;
}
