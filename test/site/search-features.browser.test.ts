import { copyFileSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticRegistry } from "../../scripts/bench/synthetic-articles.ts";
import { PROJECT_ROOT } from "../../src/site/plugin.ts";
import { launchChromium, servedSite } from "../helpers/browser.ts";
import { canRun, chromium } from "../helpers/requirements.ts";
import { siteOptions, tempDir } from "../helpers/site.ts";

/**
 * Search as a news analyst uses it, over test/fixtures/search-articles (en, ru and uk articles from
 * four outlets over 2023–2024), in Chromium, served with netlify.toml's production headers (CSP).
 */

const SEARCH_FIXTURES = resolve(PROJECT_ROOT, "test/fixtures/search-articles");
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const T = {
  kharkivEn: "Russian strikes knock out power across Kharkiv",
  callUpEn: "Call-up notices handed out at Moscow metro stations",
  mobilizationRu: "В регионах продолжается скрытая мобилизация",
  kharkivUk: "У Харкові посилили мобілізацію",
  electionEn: "Election date set for the autumn",
  kharkivRu: "Ночной обстрел Харькова",
};
const KHARKIV = [T.kharkivEn, T.kharkivUk, T.kharkivRu];
const MOBILIZATION = [T.callUpEn, T.mobilizationRu, T.kharkivUk];

describe.runIf(canRun(chromium))("search features in Chromium, under the production CSP", () => {
  const options = {
    ...siteOptions(SEARCH_FIXTURES),
    registryDir: writeSyntheticRegistry(join(tempDir("media-digest-registry-"), "registry")),
  };
  // axe-core is served from the site itself, so the test injects it without loosening the CSP
  // (an inline script tag would be refused, as it should be). The fixtures span several parts, so
  // every test below also runs the second phase of the search (the rest of the archive joining).
  const site = servedSite(options, (outputDir) => {
    copyFileSync(AXE, join(outputDir, "axe.min.js"));
    const manifest = JSON.parse(readFileSync(join(outputDir, "pagefind", "parts.json"), "utf8"));
    expect(manifest.parts.length).toBeGreaterThan(1);
  });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  const watch = (target: Page) => {
    target.on("console", (message) => {
      if (message.type() === "error") problems.push(`${target.url()}: ${message.text()}`);
    });
    target.on("pageerror", (error) => problems.push(`${target.url()}: ${error.message}`));
  };

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext();
    // Chromium reports CSP violations on the console too; this makes sure none goes unseen.
    await context.addInitScript(() =>
      document.addEventListener("securitypolicyviolation", (event) =>
        console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
      ),
    );
    page = await context.newPage();
    watch(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  const titles = () => page.locator("pagefind-results .search-result-title a").allInnerTexts();
  const expectTitles = (expected: string[]) =>
    expect.poll(async () => (await titles()).sort(), { timeout: 15_000 }).toEqual([...expected].sort());
  const open = (query: string) => page.goto(`${site.url}/search/${query}`);
  const params = () => new URL(page.url()).searchParams;
  /** Opens the filters disclosure (its data loads only then) and one filter group in it. */
  const openFilter = async (group: string) => {
    const box = page.locator(".search-filters");
    if (!(await box.evaluate((details: HTMLDetailsElement) => details.open)))
      await box.locator("> summary").click();
    await page.locator("pagefind-filter-pane summary", { hasText: group }).click();
  };

  it.each(["Kharkov", "Харків", "Харкові", "Харьков", "Kharkiv"])(
    "%s finds the Kharkiv articles in every language",
    async (query) => {
      await open(`?q=${encodeURIComponent(query)}`);
      await expectTitles(KHARKIV);
    },
  );

  it("мобилизация finds English mobilization articles, and mobilization finds Russian ones", async () => {
    await open(`?q=${encodeURIComponent("мобилизация")}`);
    await expectTitles(MOBILIZATION);
    await open("?q=mobilization");
    await expectTitles([...MOBILIZATION, T.kharkivEn]);
  });

  it("lists a topic's articles before the other pages that match its word", async () => {
    // Pagefind's English stemmer reads "mobilization" and "mobile" as one stem (mobil): the power
    // cut's "mobile generators" match, after the mobilization articles.
    await open("?q=mobilization");
    await expect.poll(titles, { timeout: 15_000 }).toHaveLength(MOBILIZATION.length + 1);
    expect((await titles()).slice(0, MOBILIZATION.length).sort()).toEqual([...MOBILIZATION].sort());
    expect((await titles()).at(-1)).toBe(T.kharkivEn);
  });

  it("lists the articles that use the typed spelling first, then the others of its topic", async () => {
    // Only the Russian article writes "Харькова"; the other two are found as Kharkiv articles.
    await open(`?q=${encodeURIComponent("Харькова")}`);
    await expectTitles(KHARKIV);
    expect((await titles())[0]).toBe(T.kharkivRu);
    const excerpts = await page.locator("pagefind-results .pf-result-excerpt").allTextContents();
    expect(excerpts).toHaveLength(3);
    for (const excerpt of excerpts) expect(excerpt.length).toBeGreaterThan(20);
  });

  it("combines a topic's spelling with other words and with filters", async () => {
    // "Kharkov power": Kharkiv articles that say "power" (the English one only).
    await open(`?q=${encodeURIComponent("Kharkov power")}`);
    await expectTitles([T.kharkivEn]);
    // A topic filter and a topic spelling both hold: Kharkiv articles that are about mobilization.
    await open(`?q=Kharkov&topic=Mobilization`);
    await expectTitles([T.kharkivUk]);
    await open(`?q=Kharkov&sort=newest`);
    await expect.poll(titles, { timeout: 15_000 }).toEqual([T.kharkivEn, T.kharkivUk, T.kharkivRu]);
  });

  it.each([320, 390, 768, 1024, 1440])(
    "fits the results in the column at %ipx: no sideways scrolling, whole excerpts, titles that look like links, a rule between results",
    async (width) => {
      await page.setViewportSize({ width, height: 900 });
      await open("?q=Kharkov");
      await expectTitles(KHARKIV);
      const layout = await page.evaluate(() => {
        const column = document.querySelector("pagefind-results")?.getBoundingClientRect();
        const results = Array.from(document.querySelectorAll(".search-result"));
        const link = document.querySelector(".search-result-title a");
        const style = link ? getComputedStyle(link) : undefined;
        return {
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          columnRight: column?.right ?? 0,
          viewport: document.documentElement.clientWidth,
          widest: Math.max(
            ...results.flatMap((r) =>
              Array.from(r.querySelectorAll("*")).map((e) => e.getBoundingClientRect().right),
            ),
          ),
          underline: style?.textDecorationLine ?? "",
          linkColor: style?.color ?? "",
          textColor: getComputedStyle(document.body).color,
          separated: results.slice(1).every((r) => getComputedStyle(r).borderTopStyle !== "none"),
          excerptsCut: Array.from(document.querySelectorAll(".search-result .pf-result-excerpt")).filter(
            (e) => e.scrollWidth > e.clientWidth + 1 || getComputedStyle(e).textOverflow === "ellipsis",
          ).length,
          count: results.length,
        };
      });
      expect(layout.pageOverflow, "the page scrolls sideways").toBeLessThanOrEqual(0);
      expect(layout.widest, "a result runs past its column").toBeLessThanOrEqual(layout.columnRight + 0.5);
      expect(layout.columnRight).toBeLessThanOrEqual(layout.viewport);
      expect(layout.underline).toContain("underline");
      expect(layout.linkColor).not.toBe(layout.textColor);
      expect(layout.count).toBe(3);
      expect(layout.separated).toBe(true);
      expect(layout.excerptsCut, "an excerpt is cut at the edge").toBe(0);
      await page.setViewportSize({ width: 1280, height: 720 });
    },
  );

  it("shows title, source, date, language and topics on each result", async () => {
    await open(`?q=${encodeURIComponent("Харкові")}&lang=uk`);
    await expectTitles([T.kharkivUk]);
    const card = page.locator("pagefind-results .search-result").first();
    await expect.poll(() => card.innerText()).toContain("Ukrainska Pravda · 5 March 2024 · Ukrainian");
    expect(await card.innerText()).toContain("Topics: Mobilization, Kharkiv");
    expect(await card.locator("time").getAttribute("datetime")).toBe("2024-03-05T09:00:00+02:00");
    expect(await card.locator(".pf-result-excerpt mark").first().innerText()).toMatch(/Харк/u);
  });

  it("fetches no filter data until the reader opens the filters", async () => {
    const fetched: string[] = [];
    const listener = (request: { url(): string }) => fetched.push(request.url());
    page.on("request", listener);
    // "power" spells no topic: a search by words alone needs no filter data at all. (A topic's
    // spelling does: its articles are found through the topic filter.)
    await open("?q=power");
    await expectTitles([T.kharkivEn]);
    expect(fetched.filter((url) => url.includes("/pagefind/filter/"))).toEqual([]);
    await openFilter("Topic");
    await expect
      .poll(() => fetched.filter((url) => url.includes("/pagefind/filter/")).length)
      .toBeGreaterThan(0);
    page.off("request", listener);
    const topicCount = page.locator(
      'pagefind-filter-pane label:has(input[value="Kharkiv"]) .pf-filter-checkbox-count',
    );
    await expect.poll(() => topicCount.textContent()).toBe("1");
    await open("?q=Kharkiv");
    await expectTitles(KHARKIV);
    await openFilter("Topic");
    await expect.poll(() => topicCount.textContent()).toBe("3");
  });

  it("separates languages with the language filter, and counts each value", async () => {
    await open("?q=Kharkiv");
    await expectTitles(KHARKIV);
    await openFilter("Language");
    const count = (value: string) =>
      page
        .locator(`pagefind-filter-pane label:has(input[value="${value}"]) .pf-filter-checkbox-count`)
        .innerText();
    expect([await count("en"), await count("ru"), await count("uk")]).toEqual(["1", "1", "1"]);
    await page.locator('pagefind-filter-pane input[name="language"][value="ru"]').check();
    await expectTitles([T.kharkivRu]);
    expect(params().getAll("lang")).toEqual(["ru"]);
  });

  it("ORs values of one filter and ANDs different filters, with or without words", async () => {
    await open("?topic=Kharkiv&topic=Elections");
    await expectTitles([...KHARKIV, T.electionEn]);
    await open("?topic=Kharkiv&topic=Elections&source=Meduza");
    await expectTitles([T.kharkivRu]);
    await open("?q=Kharkiv&source=Meduza&source=Ukrainska%20Pravda");
    await expectTitles([T.kharkivRu, T.kharkivUk]);
  });

  it("filters by year and by year-month", async () => {
    await open("?year=2023");
    await expectTitles([T.callUpEn, T.kharkivRu]);
    await open("?month=2024-03");
    await expectTitles([T.kharkivEn, T.kharkivUk, T.electionEn]);
  });

  it("sorts newest first or by relevance, as the reader chooses", async () => {
    await open("?topic=Kharkiv&topic=Mobilization&sort=newest");
    const newestFirst = [T.kharkivEn, T.kharkivUk, T.mobilizationRu, T.kharkivRu, T.callUpEn];
    await expect.poll(titles, { timeout: 15_000 }).toEqual(newestFirst);
    expect(await page.locator("#search-sort").inputValue()).toBe("newest");
    await page.locator("#search-sort").selectOption("relevance");
    await expect.poll(() => params().get("sort")).toBe(null);
    await page.locator("#search-sort").selectOption("newest");
    await expect.poll(() => params().get("sort")).toBe("newest");
    await expect.poll(titles, { timeout: 15_000 }).toEqual(newestFirst);
  });

  it("keeps the search in the URL: reload, back and forward reproduce it", async () => {
    await open("");
    const input = page.locator("pagefind-input input");
    await input.click();
    await input.pressSequentially("Kharkiv", { delay: 20 });
    await expectTitles(KHARKIV);
    await expect.poll(() => params().get("q")).toBe("Kharkiv");
    await openFilter("Source");
    await page.locator('pagefind-filter-pane input[name="source"][value="Meduza"]').check();
    await expectTitles([T.kharkivRu]);
    expect(params().getAll("source")).toEqual(["Meduza"]);

    await page.goBack();
    await expect.poll(() => params().getAll("source")).toEqual([]);
    await expectTitles(KHARKIV);
    expect(await page.locator('pagefind-filter-pane input[value="Meduza"]').isChecked()).toBe(false);

    await page.goForward();
    await expectTitles([T.kharkivRu]);
    expect(await page.locator('pagefind-filter-pane input[value="Meduza"]').isChecked()).toBe(true);

    await page.reload();
    await expectTitles([T.kharkivRu]);
    await expect.poll(() => page.locator("pagefind-input input").inputValue()).toBe("Kharkiv");
  });

  it("leads from the header search box to the search page", async () => {
    await page.goto(`${site.url}/`);
    await page.locator("#site-search-q").fill("Харків");
    await page.locator(".site-search button").click();
    await page.waitForURL(/\/search\/\?q=/);
    await expectTitles(KHARKIV);
  });

  it("links a result to its article with the searched words as a text fragment the browser highlights", async () => {
    await open("?q=shelled");
    await expectTitles([T.kharkivEn]);
    const link = page.locator("pagefind-results .search-result-title a").first();
    expect(await link.getAttribute("href")).toMatch(/^\/articles\/[^?#]+\/#:~:text=shelled$/);
    await link.click();
    await page.waitForURL(/\/articles\//);
    // The directive names words of the page itself, so the browser's own highlighting finds them.
    expect(await page.locator("article .body").textContent()).toContain("shelled");
  });

  it("keeps article pages free of JavaScript, even when opened from a search", async () => {
    const fetched: string[] = [];
    const listener = (request: { url(): string }) => fetched.push(request.url());
    page.on("request", listener);
    await page.goto(`${site.url}/articles/2024/03/22/kharkiv-power-grid-strike-b1000001/#:~:text=shelled`);
    await page.waitForLoadState("networkidle");
    page.off("request", listener);
    expect(await page.locator("script").count()).toBe(0);
    expect(fetched.some((url) => url.endsWith(".js") || url.includes("/pagefind/"))).toBe(false);
  });

  it("works with the keyboard alone", async () => {
    await open("");
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(() => document.activeElement?.closest("pagefind-input") !== null)) break;
    }
    await page.keyboard.type("Kharkov", { delay: 20 });
    await expectTitles(KHARKIV);
    // Filters: Tab to the filters disclosure and open it, then the Topic group, tick Mobilization.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      const onFilters = await page.evaluate(() =>
        document.activeElement?.matches(".search-filters > summary"),
      );
      if (onFilters) break;
    }
    await page.keyboard.press("Enter");
    await page.locator("pagefind-filter-pane summary", { hasText: "Topic" }).waitFor();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      const onTopic = await page.evaluate(() => {
        const focused = document.activeElement;
        return focused?.tagName === "SUMMARY" && (focused.textContent ?? "").startsWith("Topic");
      });
      if (onTopic) break;
    }
    await page.keyboard.press("Enter");
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press("Tab");
      const value = await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value);
      if (value === "Mobilization") break;
    }
    await page.keyboard.press("Space");
    await expectTitles([T.kharkivUk]);
    expect(params().getAll("topic")).toEqual(["Mobilization"]);
    // Results: back to the input, ArrowDown to the first result, Enter opens it.
    await page.locator("pagefind-input input").focus();
    await page.keyboard.press("ArrowDown");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(T.kharkivUk);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/articles\/2024\/03\/05\//);
  });

  const axeViolations = async () => {
    await page.addScriptTag({ url: "/axe.min.js" });
    return page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document) => Promise<AxeResults> } }).axe;
      interface AxeResults {
        violations: { id: string; help: string; nodes: { target: string[] }[] }[];
      }
      const results = await axe.run(document);
      return results.violations.map(
        (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`,
      );
    });
  };

  it("has no axe violations with results, and with every filter group open", async () => {
    await open("?q=Kharkiv");
    await expectTitles(KHARKIV);
    expect(await axeViolations()).toEqual([]);
    await page.locator(".search-filters > summary").click();
    await page.locator("pagefind-filter-pane summary").first().waitFor();
    for (const summary of await page.locator("pagefind-filter-pane summary").all()) await summary.click();
    await page.locator('pagefind-filter-pane input[value="Meduza"]').check();
    await expectTitles([T.kharkivRu]);
    expect(await axeViolations()).toEqual([]);
  });

  it("says search needs JavaScript when it is off, and links to the archives", async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noJs.newPage();
    await plain.goto(`${site.url}/search/?q=Kharkiv`);
    const notice = plain.locator(".search-needs-js");
    expect(await notice.innerText()).toContain("Search needs JavaScript");
    const links = await notice.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(["/topics/", "/sources/", "/digest/"]);
    expect(await plain.locator(".search-controls").isVisible()).toBe(false);
    await noJs.close();
  });

  it("ran without a console error or CSP violation", () => {
    expect(problems).toEqual([]);
  });
});
