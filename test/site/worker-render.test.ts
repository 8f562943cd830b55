import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { outputFileFor } from "../../src/content/paths.ts";
import { buildSite } from "../../src/site/build.ts";
import { renderSite } from "../../src/site/render-site.ts";
import { FIXTURE_ARTICLES, siteOptions, storyArticles } from "../helpers/site.ts";

/**
 * `npm run build` sends each page to a render worker as the JSON its key is made of, and the worker
 * makes the page again from it (src/site/render.ts `revivePage`); the site tests mostly render in
 * memory, from the planned pages themselves. Both must print the same bytes: when the worker's
 * page lost part of its data (an article's story and copies), only the real build was wrong.
 */
describe("pages built by the render workers are the pages rendered in memory", () => {
  it.each([
    ["the fixture articles", FIXTURE_ARTICLES],
    ["a story of three reports, one a copy", storyArticles()],
  ])(
    "%s: every page, byte for byte",
    async (_, articlesDir) => {
      const options = siteOptions(articlesDir);
      const inMemory = await renderSite(siteOptions(articlesDir));
      await buildSite(options, () => {});
      expect(inMemory.length).toBeGreaterThan(20);
      for (const page of inMemory)
        expect(readFileSync(join(options.outputDir, outputFileFor(page.url)), "utf8"), page.url).toBe(
          page.content,
        );
    },
    60_000,
  );
});
