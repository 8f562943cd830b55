import { rm } from "node:fs/promises";
import Eleventy from "@11ty/eleventy";
import { loadSiteSettings } from "../content/site-settings.ts";
import type { EleventyConfig } from "./eleventy.ts";
import { digestSite, type SiteOptions, siteSettingsFile } from "./plugin.ts";
import { indexSearch } from "./search-index.ts";

/** One page Eleventy produced, as its programmatic API reports it. */
export interface BuiltPage {
  url: string | false;
  inputPath: string;
  outputPath: string | false;
  content: string;
}

function eleventy(options: SiteOptions) {
  return new Eleventy(options.articlesDir, options.outputDir, {
    quietMode: true,
    // No config file is looked up: the site is this one plugin, whatever files lie around.
    configPath: false,
    config: (config: EleventyConfig) => digestSite(config, options),
  });
}

/** Builds the site in memory and returns every page (used by tests; nothing is written). */
export async function renderSite(options: SiteOptions): Promise<BuiltPage[]> {
  return (await eleventy(options).toJSON()) as BuiltPage[];
}

/** Builds the site into the output folder (emptied first) and indexes it for search. */
export async function buildSite(
  options: SiteOptions,
  log: (line: string) => void = () => {},
): Promise<{ pages: number; indexed: number }> {
  await rm(options.outputDir, { recursive: true, force: true });
  const started = performance.now();
  const result = (await eleventy(options).write()) as unknown as [unknown[], unknown[]] | unknown;
  const written = Array.isArray(result) && Array.isArray(result[1]) ? result[1].length : 0;
  log(`Built ${written} files into ${options.outputDir} in ${Math.round(performance.now() - started)} ms`);
  const indexed = await indexSearch(options.outputDir, loadSiteSettings(siteSettingsFile(options)).language);
  log(`Indexed ${indexed} article page${indexed === 1 ? "" : "s"} for search`);
  return { pages: written, indexed };
}
