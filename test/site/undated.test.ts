import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { serializeArticle } from "../../src/content/front-matter.ts";
import { buildSite } from "../../src/site/build.ts";
import { validArticle } from "../helpers/article-fixture.ts";
import { copyOfFixtures, siteOptions } from "../helpers/site.ts";

/**
 * Issue 13: an article dated only by ingest time (`date_source: ingested`: nothing in the page, the
 * feed, the text or the URL gave a date) is never presented as the latest news. A 2020 radio page
 * ingested today would otherwise lead the home page and the feeds.
 */
describe("an undated article in the built site", () => {
  const dir = copyOfFixtures();
  const options = siteOptions(dir);
  const page = (path: string) =>
    readFileSync(join(options.outputDir, path, path.endsWith("/") ? "index.html" : ""), "utf8");
  const TITLE = "Le journal de 8h, an undated radio page";
  const URL = "/articles/2026/12/03/journal-de-8h-undated-11aa22bb/";

  beforeAll(async () => {
    mkdirSync(join(dir, "2026/12"), { recursive: true });
    writeFileSync(
      join(dir, "2026/12/journal-de-8h-undated-11aa22bb.md"),
      serializeArticle({
        ...validArticle(),
        id: "journal-de-8h-undated-11aa22bb",
        title: TITLE,
        // Newer than every fixture: were it dated, it would lead every list.
        date: "2026-12-03T08:00:00+00:00",
        date_source: "ingested",
        source: "moscow-times",
        url: "https://www.themoscowtimes.com/radio/journal-de-8h",
        topics: ["mobilization"],
        topic_evidence: {},
        places: [],
      } as never),
    );
    await buildSite(options);
  });

  it("has its own page, which says its date is not known", () => {
    expect(page(URL)).toContain(TITLE);
    expect(page(URL)).toContain("not known; this is when it was ingested");
  });

  it("is not on the home page and opens no issue of its ingest day", () => {
    expect(page("/")).not.toContain(TITLE);
    expect(page("/")).toContain("Low turnout expected in occupied-area");
    expect(() => page("/digest/2026/12/03/")).toThrow(/ENOENT/);
    expect(page("/digest/")).not.toContain("2026");
  });

  it("is in no feed", () => {
    for (const feed of [
      "feed.xml",
      "feed.rss",
      "feed.json",
      "topics/mobilization/feed.xml",
      "sources/moscow-times/feed.xml",
    ])
      expect(page(feed), feed).not.toContain("journal-de-8h");
  });

  it("is listed after the dated articles of its topic and source, marked undated", () => {
    for (const list of ["/topics/mobilization/", "/sources/moscow-times/"]) {
      const html = page(list);
      const at = html.indexOf(TITLE);
      expect(at, list).toBeGreaterThan(-1);
      expect(at, list).toBeGreaterThan(html.indexOf("Draft notices reach workplaces in Moscow"));
      expect(html, list).toContain("undated (added 3 December 2026)");
    }
  });
});
