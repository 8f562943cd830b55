import { mkdirSync } from "node:fs";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { readArticles } from "../content/article-files.ts";
import { absoluteUrl } from "../content/paths.ts";
import { loadRegistries } from "../content/registry.ts";
import { loadSiteSettings } from "../content/site-settings.ts";
import { buildDigest } from "./digest-model.ts";
import type { EleventyConfig } from "./eleventy.ts";
import { addPages } from "./pages.ts";

export const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface SiteOptions {
  /** Folder of article markdown files (DIGEST_ARTICLES, default `articles/`). */
  articlesDir: string;
  /** Output folder (DIGEST_OUTPUT, default `_site/`). */
  outputDir: string;
  /** Folder with topics.yaml, sources.yaml and site.yaml (default `registry/`). */
  registryDir?: string;
  /** Overrides the site URL of registry/site.yaml (DIGEST_SITE_URL or Netlify's URL). */
  siteUrl?: string;
}

/** Options from the environment, as `npm run build` and `npm start` use them. */
export function siteOptionsFromEnv(env: Record<string, string | undefined> = process.env): SiteOptions {
  return {
    articlesDir: resolve(PROJECT_ROOT, env.DIGEST_ARTICLES ?? "articles"),
    outputDir: resolve(PROJECT_ROOT, env.DIGEST_OUTPUT ?? "_site"),
    ...((env.DIGEST_SITE_URL ?? env.URL) ? { siteUrl: env.DIGEST_SITE_URL ?? env.URL } : {}),
  };
}

const registryDir = (options: SiteOptions) => options.registryDir ?? resolve(PROJECT_ROOT, "registry");

/** The site settings file the build uses. */
export const siteSettingsFile = (options: SiteOptions) => resolve(registryDir(options), "site.yaml");

/**
 * The digest site as one Eleventy plugin. Articles are read and validated by our own loader (a bad
 * file stops the build with the file, the field and the fix); Eleventy never treats an article as a
 * template, so nothing in content is executed.
 */
export function digestSite(config: EleventyConfig, options: SiteOptions): void {
  const registries = loadRegistries(registryDir(options));
  const settings = loadSiteSettings(siteSettingsFile(options), { DIGEST_SITE_URL: options.siteUrl });
  mkdirSync(options.articlesDir, { recursive: true });
  const digest = buildDigest(readArticles(options.articlesDir, registries), registries, settings);

  config.setInputDirectory(options.articlesDir);
  config.setOutputDirectory(options.outputDir);
  // Eleventy resolves these against the input folder, which may live anywhere (tests use temp folders).
  const layouts = relative(options.articlesDir, resolve(PROJECT_ROOT, "layouts"));
  config.setIncludesDirectory(layouts);
  config.setLayoutsDirectory(layouts);
  // Eleventy would run any _data/*.js placed in the articles folder: point its data folder nowhere.
  config.setDataDirectory(
    relative(options.articlesDir, resolve(PROJECT_ROOT, "registry", ".no-eleventy-data")),
  );
  // Only our virtual pages are templates: .md files in the articles folder are data we read ourselves.
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
  config.addGlobalData("digest", digest);
  config.addFilter("absoluteUrl", (path: string) => absoluteUrl(settings.url, path));
  config.addPassthroughCopy({ [relative(process.cwd(), resolve(PROJECT_ROOT, "public"))]: "/" });
  config.addWatchTarget(resolve(PROJECT_ROOT, "layouts"));
  addPages(config, digest);
}
