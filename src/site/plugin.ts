import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { publishedFiles, readArticles } from "../content/article-files.ts";
import { loadRegistries } from "../content/registry.ts";
import { loadSiteSettings } from "../content/site-settings.ts";
import { PROJECT_ROOT, PUBLIC_DIR, REGISTRY_DIR } from "../project.ts";
import { articleBodies } from "./article-bodies.ts";
import { articleTexts } from "./article-texts.ts";
import { browserScripts } from "./browser-scripts.ts";
import { type SiteOptions, siteOptionsFromEnv, siteSettingsFile } from "./build.ts";
import { buildDigest } from "./digest-model.ts";
import type { EleventyConfig } from "./eleventy.ts";
import { planPages } from "./page-plan.ts";
import { configureEleventy, madePages, renderBatchOf } from "./render.ts";

export type { SiteOptions };
export { PROJECT_ROOT, siteOptionsFromEnv };

/**
 * The whole digest as one Eleventy plugin, for running Eleventy's own CLI on eleventy.config.ts:
 * every page, rendered from nothing, with no cache and no search index (`npm run build` does both).
 * Articles are read and validated by our own loader (a bad file stops the build with the file, the
 * field and the fix); Eleventy never treats an article as a template, so nothing in content runs.
 */
export function digestSite(config: EleventyConfig, options: SiteOptions): void {
  const registries = loadRegistries(options.registryDir ?? REGISTRY_DIR);
  const settings = loadSiteSettings(siteSettingsFile(options), { DIGEST_SITE_URL: options.siteUrl });
  mkdirSync(options.articlesDir, { recursive: true });
  const files = publishedFiles(readArticles(options.articlesDir, registries));
  const digest = buildDigest(files, registries, settings);
  const batch = renderBatchOf(madePages(planPages(digest)), {
    site: digest.site,
    bodies: articleBodies(articleTexts(files)(files.map((f) => f.outline.id))),
  });
  const input = resolve(PROJECT_ROOT, ".cache", "build", "eleventy-input");
  mkdirSync(input, { recursive: true });
  configureEleventy(config, { input, output: options.outputDir }, batch);
  config.addPassthroughCopy({ [relative(process.cwd(), PUBLIC_DIR)]: "/" });
  config.on("eleventy.after", async () => {
    for (const script of (await browserScripts()).files) {
      const file = join(options.outputDir, script.path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, script.bytes);
    }
  });
}
