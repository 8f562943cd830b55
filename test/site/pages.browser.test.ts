import axe from "axe-core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, servedSite } from "../helpers/browser.ts";
import { canRun, chromium } from "../helpers/requirements.ts";
import { PAGE_TYPES, STORY, siteOptions, storyArticles } from "../helpers/site.ts";

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * axe-core's violations on the open page (axe is evaluated over DevTools, so the page's CSP stays
 * on). `colorsOnly`: only the rules a colour scheme can change (the markup is the same in dark
 * mode, so the other rules would find what the light-mode run found, at twice the suite's time).
 */
async function axeViolations(page: Page, colorsOnly = false): Promise<Violation[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async (colorsOnly) => {
    const { violations } = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ["violations"],
      ...(colorsOnly
        ? { runOnly: { type: "rule" as const, values: ["color-contrast", "link-in-text-block"] } }
        : {}),
    });
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  }, colorsOnly);
}

describe.runIf(canRun(chromium))("every page type in Chromium: accessibility and keyboard use", () => {
  const options = siteOptions();
  const site = servedSite(options);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ javaScriptEnabled: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("proves axe runs: a page with an unlabelled image and input has violations", async () => {
    await page.goto(`${site.url}/404.html`);
    await page.evaluate(() => {
      document
        .querySelector("main")
        ?.insertAdjacentHTML("beforeend", '<img src="/favicon.svg"><input type="text">');
    });
    expect((await axeViolations(page)).map((v) => v.id)).toEqual(
      expect.arrayContaining(["image-alt", "label"]),
    );
  });

  it.each(Object.entries(PAGE_TYPES))(
    "the %s page has no axe violation in light mode",
    async (_type, url) => {
      await page.emulateMedia({ colorScheme: "light" });
      await page.goto(`${site.url}${url}`);
      expect(await axeViolations(page)).toEqual([]);
    },
  );

  it.each(Object.entries(PAGE_TYPES))(
    "the %s page has no colour-contrast violation in dark mode",
    async (_type, url) => {
      await page.emulateMedia({ colorScheme: "dark" });
      await page.goto(`${site.url}${url}`);
      expect(await axeViolations(page, true)).toEqual([]);
    },
  );

  it("lets a keyboard user skip to the content: Tab focuses the skip link, Enter moves focus to main", async () => {
    await page.goto(`${site.url}${PAGE_TYPES.article}`);
    await page.keyboard.press("Tab");
    const focused = () => page.evaluate(() => document.activeElement?.outerHTML.slice(0, 60));
    expect(await focused()).toMatch(/^<a class="skip-link" href="#main">/);
    expect(await page.locator(".skip-link").boundingBox()).toMatchObject({ x: expect.any(Number) });
    expect((await page.locator(".skip-link").boundingBox())?.x ?? -1).toBeGreaterThanOrEqual(0);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    // The next Tab continues inside the content, not back in the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("main")))).toBe(true);
  });

  it("prints an article black on white, even from dark mode, with its provenance and without the nav", async () => {
    await page.emulateMedia({ media: "print", colorScheme: "dark" });
    await page.goto(`${site.url}${PAGE_TYPES.article}`);
    const style = (selector: string, property: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
    expect(await style("body", "color")).toBe("rgb(0, 0, 0)");
    expect(await style("body", "background-color")).toBe("rgb(255, 255, 255)");
    expect(await style(".site-title", "color")).toBe("rgb(0, 0, 0)");
    expect(await page.locator(".site-header nav").isVisible()).toBe(false);
    expect(await page.locator(".provenance dd").first().isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen", colorScheme: "light" });
  });

  it("loads no script on article pages", async () => {
    const scripts: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.push(request.url());
    });
    await page.goto(`${site.url}${PAGE_TYPES.article}`);
    expect(scripts).toEqual([]);
  });
});

describe.runIf(canRun(chromium))("a story page in Chromium: accessibility", () => {
  const site = servedSite(siteOptions(storyArticles()));
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });
  it.each(["light", "dark"] as const)(
    "the story page and its day's issue have no axe violation in %s mode",
    async (colorScheme) => {
      await page.emulateMedia({ colorScheme });
      for (const url of [`/stories/${STORY}/`, "/digest/2024/03/23/"]) {
        await page.goto(`${site.url}${url}`);
        expect(await axeViolations(page, colorScheme === "dark"), url).toEqual([]);
      }
    },
  );
});
