import { mkdirSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import axe from "axe-core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/site/plugin.ts";
import { launchHeadlessShell, servedSite } from "../helpers/browser.ts";
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

/** Where the screenshots go (gitignored): `npm run screenshots` runs this file alone. */
const SHOTS_DIR = join(PROJECT_ROOT, "screenshots");
/** Every page type of the fixture site, a story page, and the search page with results. */
const PAGES: Record<string, string> = {
  ...PAGE_TYPES,
  story: `/stories/${STORY}/`,
  "search results": "/search/?q=kharkiv",
};
const WIDTHS = { phone: 390, desktop: 1280 } as const;
type View = { device: keyof typeof WIDTHS; scheme: "light" | "dark" };
const VIEWS: View[] = [
  { device: "desktop", scheme: "light" },
  { device: "desktop", scheme: "dark" },
  { device: "phone", scheme: "light" },
  { device: "phone", scheme: "dark" },
];

/** The relative luminance of a CSS `rgb(…)` colour, 0 (black) to 1 (white). */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe.runIf(canRun(chromium))(
  "every page type in Chromium: accessibility, layout and keyboard use",
  () => {
    // The fixtures plus a story told by three outlets, so the story page is among the page types.
    const site = servedSite(siteOptions(storyArticles()));
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const tabs = new Map<View, Page>();

    beforeAll(async () => {
      rmSync(SHOTS_DIR, { recursive: true, force: true });
      mkdirSync(SHOTS_DIR, { recursive: true });
      // Chromium's headless shell: the same Blink and V8 as /usr/bin/chromium, rendering and
      // screenshots alike, for 40 % less CPU (this file alone: 41 s of Chromium CPU against 68 s,
      // 31 s against 46 s on the clock, on 2026-12-05); the suite is bound by CPU. The search
      // tests keep full Chromium.
      browser = await launchHeadlessShell();
      context = await browser.newContext({ javaScriptEnabled: true });
      page = await context.newPage();
      for (const view of VIEWS) {
        const viewContext = await browser.newContext({
          viewport: { width: WIDTHS[view.device], height: 900 },
          colorScheme: view.scheme,
        });
        tabs.set(view, await viewContext.newPage());
      }
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

    /**
     * One visit per page and view does everything: axe on the desktop (every rule in light mode; the
     * colour rules in dark mode, as the markup is the same), no sideways scrolling, dark
     * mode being dark, and a full-page screenshot for a person to look at. The screenshots are
     * written to `screenshots/`, attached to the test (vitest annotations: the HTML and JUnit
     * reporters show them; CI keeps the folder) and listed in its output.
     */
    it.for(Object.entries(PAGES))(
      "the %s page: no axe violation in light or dark mode, fits a phone and a desktop (screenshots attached)",
      async ([name, url], { annotate }) => {
        const visit = async (view: View) => {
          const tab = tabs.get(view) as Page;
          await tab.goto(`${site.url}${url}`);
          // The search page draws its results after loading the index.
          if (url.includes("?q=")) await tab.locator(".search-result").first().waitFor({ timeout: 15_000 });
          // axe once per scheme, on the desktop: a narrower window changes the layout, not the colours.
          const violations =
            view.device === "desktop" ? await axeViolations(tab, view.scheme === "dark") : [];
          const measured = await tab.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            width: window.innerWidth,
            background: getComputedStyle(document.body).backgroundColor,
          }));
          const file = join(SHOTS_DIR, `${name.replaceAll(" ", "-")}-${view.device}-${view.scheme}.jpg`);
          await tab.screenshot({ path: file, fullPage: true, type: "jpeg", quality: 80 });
          await annotate(`${name}, ${view.device} (${WIDTHS[view.device]} px), ${view.scheme}`, {
            path: file,
            contentType: "image/jpeg",
          });
          return { view, file, violations, ...measured };
        };
        const visits = await Promise.all(VIEWS.map(visit));
        console.log(`${name}: ${visits.map((v) => relative(PROJECT_ROOT, v.file)).join(" ")}`);
        for (const v of visits) {
          const where = `${name} at ${v.view.device} width, ${v.view.scheme}`;
          expect(v.violations, where).toEqual([]);
          expect(v.scrollWidth, `${where} scrolls sideways`).toBeLessThanOrEqual(v.width);
          if (v.view.scheme === "dark") expect(luminance(v.background), where).toBeLessThan(0.1);
          else expect(luminance(v.background), where).toBeGreaterThan(0.8);
        }
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
  },
);
