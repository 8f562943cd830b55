import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeArticle } from "../../src/content/front-matter.ts";
import { articleFilePath } from "../../src/content/paths.ts";
import { validArticle } from "../helpers/article-fixture.ts";
import { launchChromium, servedSite } from "../helpers/browser.ts";
import { canRun, chromium } from "../helpers/requirements.ts";
import { siteOptions, tempDir } from "../helpers/site.ts";

/**
 * The search index in parts (src/site/search-parts.ts, src/browser/search-archive.ts): the first results
 * come from the newest part alone, the older part joins the same list afterwards, and a date sort
 * stays right across parts. February has five matching articles and March one, so Pagefind's own
 * merge (by score, which for a sort is a page's position within its part) would put February's
 * newest (position 4) above March's only article (position 0).
 */

const DAYS = ["2024-02-01", "2024-02-02", "2024-02-03", "2024-02-04", "2024-02-05", "2024-03-10"];
const title = (day: string) => `Kharkiv report of ${day}`;

function writeArticles(dir: string): void {
  DAYS.forEach((day, i) => {
    const article = {
      ...validArticle(),
      id: `kharkiv-report-${i}-c000000${i}`,
      title: title(day),
      date: `${day}T12:00:00+00:00`,
      summary: `Kharkiv was shelled again on ${day}.`,
      topics: ["kharkiv"],
      topic_evidence: { kharkiv: { score: 2, terms: [{ term: "kharkiv", count: 2 }] } },
      // February names "M. Dupont", March a mobilization: Pagefind, not finding a word in an index,
      // falls back to the longest prefix of it that is a word there (the "m" of "M.").
      body: `Kharkiv was shelled again on ${day}, officials in Kharkiv said.${day < "2024-03" ? " Winter came early, M. Dupont said." : " Mobilization went on."}`,
    };
    const file = join(dir, articleFilePath(article));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, serializeArticle(article));
  });
}

describe.runIf(canRun(chromium))("search over an index in parts, in Chromium", () => {
  const articles = join(tempDir("media-digest-parts-"), "articles");
  writeArticles(articles);
  const site = servedSite(siteOptions(articles), (outputDir) => {
    // The first phase is the newest part alone.
    const manifest = join(outputDir, "pagefind", "parts.json");
    const parts = JSON.parse(readFileSync(manifest, "utf8"));
    expect(parts.parts.map((p: { key: string }) => p.key)).toEqual(["2024-03-08_2024-03-14", "2024"]);
  });
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  const titles = () => page.locator("pagefind-results .search-result-title a").allInnerTexts();
  const phase = () => page.locator("#search").getAttribute("data-search-parts");
  const newestFirst = [...DAYS].reverse().map(title);

  it("shows the newest part's results first, then adds the older part to the same list, newest first", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const requested: string[] = [];
    await page.route("**/pagefind/parts/**", async (route) => {
      requested.push(new URL(route.request().url()).pathname);
      await held;
      await route.continue();
    });
    // A failed check must not leave the older part held: the next tests search it too.
    try {
      await page.goto(`${site.url}/search/?q=Kharkiv&sort=newest`);
      await expect.poll(titles, { timeout: 15_000 }).toEqual([title("2024-03-10")]);
      expect(await phase()).toBe("partial");
      // The status is written as the first results render, not before: poll for it on a busy machine.
      await expect
        .poll(() => page.locator(".search-status").textContent(), { timeout: 15_000 })
        .toContain("adding older articles");
      // The older part is asked for only now, after the first results.
      await expect.poll(() => requested.length).toBeGreaterThan(0);
      expect(requested.every((path) => /^\/pagefind\/parts\/2024-[0-9a-f]{12}\//u.test(path))).toBe(true);
      release();
      await expect.poll(titles, { timeout: 15_000 }).toEqual(newestFirst);
      expect(await phase()).toBe("complete");
      expect(await page.locator(".search-status").isVisible()).toBe(false);
    } finally {
      release();
      await page.unroute("**/pagefind/parts/**");
    }
  });

  it("adds the older parts when the newest part has no result at all", async () => {
    await page.goto(`${site.url}/search/?q=winter`);
    await expect
      .poll(async () => (await titles()).sort(), { timeout: 15_000 })
      .toEqual(
        DAYS.filter((day) => day < "2024-03")
          .map(title)
          .sort(),
      );
    expect(await phase()).toBe("complete");
  });

  it("leaves out a part whose matches are only a short prefix Pagefind fell back to, and its counts", async () => {
    // A word of both parts finds both; once they are merged, the next query has no first phase
    // (the newest part alone) that could show the expected list before the whole archive answers.
    await page.goto(`${site.url}/search/?q=officials`);
    await expect.poll(phase, { timeout: 15_000 }).toBe("complete");
    await expect.poll(async () => (await titles()).length, { timeout: 15_000 }).toBe(DAYS.length);
    const input = page.locator("pagefind-input input");
    await input.fill("");
    await input.pressSequentially("mobilization", { delay: 20 });
    await expect.poll(titles, { timeout: 15_000 }).toEqual([title("2024-03-10")]);
    await page.locator(".search-filters > summary").click();
    await page.locator("pagefind-filter-pane summary", { hasText: "Topic" }).click();
    const count = page.locator(
      'pagefind-filter-pane label:has(input[value="Kharkiv"]) .pf-filter-checkbox-count',
    );
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe("1");
    // Sorted by date, the same.
    await page.locator("#search-sort").selectOption("newest");
    await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("newest");
    await expect.poll(titles, { timeout: 15_000 }).toEqual([title("2024-03-10")]);
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe("1");
  });

  it("finds every part's results by relevance too, and counts filters over all parts without the hidden part filter", async () => {
    await page.goto(`${site.url}/search/?q=shelled`);
    await expect
      .poll(async () => (await titles()).sort(), { timeout: 15_000 })
      .toEqual([...newestFirst].sort());
    await page.locator(".search-filters > summary").click();
    await page.locator("pagefind-filter-pane summary", { hasText: "Topic" }).click();
    const count = page.locator(
      'pagefind-filter-pane label:has(input[value="Kharkiv"]) .pf-filter-checkbox-count',
    );
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe(String(DAYS.length));
    const groups = await page.locator("pagefind-filter-pane summary").allInnerTexts();
    expect(groups.join(" ").toLowerCase()).not.toContain("part");
  });

  it("ran without a console error", () => {
    expect(errors).toEqual([]);
  });
});
