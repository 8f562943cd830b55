// `npm run screenshots`: builds the site from the test fixtures and writes PNG screenshots of every
// page type (test/helpers/page-types.ts) at phone and desktop widths, light and dark, into
// screenshots/, printing each path.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { buildSite } from "../src/site/build.ts";
import { PROJECT_ROOT } from "../src/site/plugin.ts";
import { serveStatic } from "../src/site/serve.ts";
import { PAGE_TYPES } from "./fixture-pages.ts";

const PAGES: Record<string, string> = {
  ...PAGE_TYPES,
  // The search page with results: the layout that must fit every width.
  search: "/search/?q=kharkiv",
};
const WIDTHS = { phone: 390, desktop: 1280 };
const COLOR_SCHEMES = ["light", "dark"] as const;

const outputDir = resolve(PROJECT_ROOT, ".cache/screenshots-site");
const shotsDir = resolve(PROJECT_ROOT, "screenshots");
await buildSite({ articlesDir: resolve(PROJECT_ROOT, "test/fixtures/articles"), outputDir });
mkdirSync(shotsDir, { recursive: true });
const server = await serveStatic(outputDir);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
try {
  for (const [name, path] of Object.entries(PAGES)) {
    for (const [device, width] of Object.entries(WIDTHS)) {
      for (const colorScheme of COLOR_SCHEMES) {
        const page = await browser.newPage({ viewport: { width, height: 900 }, colorScheme });
        await page.goto(`${server.url}${path}`);
        // The search page draws its results after loading the index.
        if (path.includes("?q=")) await page.waitForSelector(".search-result", { timeout: 15_000 });
        const file = join(shotsDir, `${name.replaceAll(" ", "-")}-${device}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        await page.close();
        console.log(file);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
