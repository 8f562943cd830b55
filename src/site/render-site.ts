import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFilesHere } from "../content/article-files.ts";
import { articleBodies } from "./article-bodies.ts";
import { articleTexts } from "./article-texts.ts";
import { load, type SiteOptions } from "./build.ts";
import { buildDigest } from "./digest-model.ts";
import { planPages } from "./page-plan.ts";
import { madePages, renderPages } from "./render.ts";

/** One rendered page (for tests: the whole site in memory, nothing written, no search index). */
export interface BuiltPage {
  url: string;
  content: string;
}

/** Renders every page of the site in memory. */
export async function renderSite(options: SiteOptions): Promise<BuiltPage[]> {
  const { files, registries, settings } = await load(options, undefined, parseFilesHere, () => {});
  const digest = buildDigest(files, registries, settings);
  const input = mkdtempSync(join(tmpdir(), "media-digest-eleventy-"));
  try {
    const texts = articleTexts(files)(files.map((f) => f.outline.id));
    const context = { site: digest.site, bodies: articleBodies(texts) };
    const pages = await renderPages(madePages(planPages(digest)), context, {
      input,
      output: options.outputDir,
    });
    return pages.map((p) => ({ url: p.path, content: p.content }));
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
}
