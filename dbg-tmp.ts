import { chromium } from "playwright-core";
import { serveStatic } from "./src/site/serve.ts";

const server = await serveStatic("/tmp/sf/_site", {});
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
  ],
});
const page = await browser.newPage();
page.on("console", (m) => console.log("console:", m.text()));
await page.goto(`${server.url}/search/?q=Kharkiv`);
await page.evaluate(() => {
  const inst = (window as any).PagefindComponents.getInstanceManager().getInstance("default");
  inst.on("filters", (f: any) =>
    console.log(
      "filters event",
      JSON.stringify(f.available?.source),
      JSON.stringify(f.total?.source),
      Object.keys(f.total ?? {}).join(","),
    ),
  );
});
await page.waitForTimeout(2000);
await page.locator(".search-filters > summary").click();
await page.waitForTimeout(2000);
for (const summary of await page.locator("pagefind-filter-pane summary").all()) await summary.click();
await page.waitForTimeout(1000);
console.log(
  await page.locator('pagefind-filter-pane label:has(input[value="Meduza"])').evaluate((e) => e.outerHTML),
);
await browser.close();
await server.close();
