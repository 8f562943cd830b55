import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { serializeArticle } from "../../src/content/front-matter.ts";
import { type BuildReport, buildSite } from "../../src/site/build.ts";
import { validArticle } from "../helpers/article-fixture.ts";
import { copyOfFixtures, siteOptions } from "../helpers/site.ts";

/**
 * Issue 13: a page ingest judged not to be an article is kept as a held draft (`held:` in its front
 * matter) and is not published until an editor says so: the site has no page of it, lists it
 * nowhere, and neither its feeds, its sitemap nor its search index know it. The build says so.
 */
describe("a held draft in the articles folder", () => {
  const dir = copyOfFixtures();
  const options = siteOptions(dir);
  const TITLE = "Checkout - Kharkiv Gift Shop";
  const ID = "checkout-kharkiv-gift-shop-33cc44dd";
  const lines: string[] = [];
  let report: BuildReport;
  const files = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? files(join(folder, entry.name)) : [join(folder, entry.name)],
    );

  beforeAll(async () => {
    mkdirSync(join(dir, "2026/12"), { recursive: true });
    writeFileSync(
      join(dir, `2026/12/${ID}.md`),
      serializeArticle({
        ...validArticle(),
        id: ID,
        title: TITLE,
        // Newer than every fixture: were it published, it would lead every list.
        date: "2026-12-03T08:00:00+00:00",
        source: "moscow-times",
        topics: ["mobilization", "kharkiv"],
        topic_evidence: {},
        places: [],
        held: 'not an article (page kind "product")',
      } as never),
    );
    report = await buildSite(options, (line) => lines.push(line));
  });

  it("is counted as held, not published", () => {
    expect(lines.join("\n")).toMatch(/; 1 held draft not published \(npm run ingest -- --held\)/);
    expect(report.indexed).toBe(report.articles);
  });

  it("is in no file of the site: no page, list, issue, feed, sitemap or search record", () => {
    const site = files(options.outputDir);
    expect(site.some((file) => file.includes(ID))).toBe(false);
    const mentions = site.filter((file) => {
      if (file.includes(`${join("pagefind", "")}`) && !/\.(json|js|css|html)$/.test(file)) return false;
      return readFileSync(file, "utf8").includes("Kharkiv Gift Shop");
    });
    expect(mentions).toEqual([]);
  });

  it("still leaves the published articles where they were", () => {
    const home = readFileSync(join(options.outputDir, "index.html"), "utf8");
    expect(home).toContain("Low turnout expected in occupied-area");
  });
});
