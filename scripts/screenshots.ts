// `npm run screenshots`: builds the site from the test fixtures and writes PNG screenshots of the
// main page types at phone and desktop widths into screenshots/, printing each path.
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";
import { buildSite } from "../src/site/build.ts";
import { PROJECT_ROOT } from "../src/site/plugin.ts";
import { serveStatic } from "../src/site/serve.ts";

const PAGES = {
  home: "/",
  topic: "/topics/mobilization/",
  digest: "/digest/2024/w12/",
  article: "/articles/2024/03/23/kharkiv-call-up-points-bb22cc33/",
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
        const file = join(shotsDir, `${name}-${device}-${colorScheme}.png`);
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
