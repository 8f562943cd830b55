import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/build.ts";
import { parseWithFeedparser, xmllintErrors } from "../helpers/feeds.ts";
import { canRun, feedparser, xmllint } from "../helpers/requirements.ts";
import { siteOptions } from "../helpers/site.ts";

const FEEDS = {
  "feed.xml": 3,
  "topics/kharkiv/feed.xml": 1,
  "topics/elections/feed.xml": 1,
  "topics/mobilization/feed.xml": 1,
};

describe.runIf(canRun(feedparser, xmllint))("Atom feeds read by real clients", () => {
  const options = siteOptions();
  beforeAll(async () => {
    await buildSite(options);
  });

  it.each(Object.entries(FEEDS))("%s is well-formed and parses with no bozo flag", (path, count) => {
    const file = join(options.outputDir, path);
    expect(xmllintErrors(file)).toBe("");
    const feed = parseWithFeedparser(file);
    expect(feed.bozoException).toBeNull();
    expect(feed.bozo).toBe(false);
    expect(feed.version).toBe("atom10");
    expect(feed.entries).toHaveLength(count);
    for (const entry of feed.entries) {
      expect(entry.id).toMatch(/^tag:media-digest\.example,\d{4}:articles\/[a-z0-9-]+$/);
      expect(entry.link).toMatch(/^https:\/\/digest\.test\/articles\//);
    }
  });

  it("gives each entry its topics as categories and its own author, newest first", () => {
    const feed = parseWithFeedparser(join(options.outputDir, "feed.xml"));
    expect(feed.entries.map((e) => e.title)).toEqual([
      "City adopts budget & <b>plan</b>",
      "Обстріл Харкова: що відомо",
      "Дума приняла закон о выборах",
    ]);
    expect(feed.entries[1]?.tags).toEqual(["kharkiv"]);
    expect(feed.entries[1]?.author).toBe("Olena Example");
    expect(feed.entries[2]?.tags).toEqual(["mobilization", "elections"]);
  });

  it("changes no byte when the same articles are built again", async () => {
    const again = siteOptions();
    await buildSite(again);
    for (const path of Object.keys(FEEDS)) {
      expect(readFileSync(join(again.outputDir, path), "utf8")).toBe(
        readFileSync(join(options.outputDir, path), "utf8"),
      );
    }
  });
});
