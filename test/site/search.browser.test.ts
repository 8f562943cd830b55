import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/site/plugin.ts";
import { launchChromium, servedSite } from "../helpers/browser.ts";
import { canRun, chromium } from "../helpers/requirements.ts";
import { siteOptions } from "../helpers/site.ts";

const SEED_TITLE = "Kremlin Planning New Mobilization for Kharkiv Offensive – Vyorstka";

describe.runIf(canRun(chromium))("search on the built site, in Chromium, under the production CSP", () => {
  const options = siteOptions(resolve(PROJECT_ROOT, "articles"));
  const site = servedSite(options);
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
  });

  /**
   * Waits until the results list the seed article. Polled, not read once the first link shows:
   * on a busy machine a prefix's results ("K") can show, then be cleared for the next keystroke's.
   */
  const showsSeed = () =>
    expect
      .poll(() => page.locator("pagefind-results a").allInnerTexts(), { timeout: 15_000 })
      .toContain(SEED_TITLE);

  it.each(["Kharkiv", "Харків", "Vyorstka"])(
    "typing %s on /search/ finds the seed article",
    async (query) => {
      await page.goto(`${site.url}/search/`);
      const input = page.locator("pagefind-input input");
      await input.click();
      await input.pressSequentially(query, { delay: 20 });
      await showsSeed();
      // Results for a prefix ("Kh") can show before the last keystroke's search has run; the URL
      // follows each search, so it is waited for, not read at once.
      await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(query);
    },
  );

  it("reproduces a search from its URL", async () => {
    await page.goto(`${site.url}/search/?q=${encodeURIComponent("Харків")}`);
    await showsSeed();
    await expect.poll(() => page.locator("pagefind-input input").inputValue()).toBe("Харків");
  });

  it("leads from the header search box to the search page", async () => {
    await page.goto(`${site.url}/`);
    await page.locator("#site-search-q").fill("Vyorstka");
    await page.locator(".site-search button").click();
    await page.waitForURL(/\/search\/\?q=Vyorstka/);
    await showsSeed();
  });

  it("ran without a console error or CSP violation", () => {
    expect(problems).toEqual([]);
  });
});
