import type { EleventyConfig } from "./src/site/eleventy.ts";
import { digestSite, siteOptionsFromEnv } from "./src/site/plugin.ts";

/**
 * Table of contents of the site build: one plugin, configured from the environment
 * (DIGEST_ARTICLES, DIGEST_OUTPUT, DIGEST_SITE_URL). Eleventy does not find a .ts config by
 * itself: run it through tsx with `--config=eleventy.config.ts`, or use `npm run build`.
 */
export default function eleventyConfig(config: EleventyConfig): void {
  digestSite(config, siteOptionsFromEnv());
}
