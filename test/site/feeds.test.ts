import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { buildSite } from "../../src/site/build.ts";
import { servedSite } from "../helpers/browser.ts";
import {
  ATOM_SCHEMA,
  jingErrors,
  newsboatItems,
  type ParsedFeed,
  parseAllWithFeedparser,
  xmllintErrors,
} from "../helpers/feeds.ts";
import { canRun, feedparser, jing, newsboat, sqlite3, xmllint } from "../helpers/requirements.ts";
import { siteOptions } from "../helpers/site.ts";

/** Every feed folder of the fixture site, with how many entries its feeds must have. */
const FEED_DIRS: Record<string, number> = {
  "": 6,
  "digest/": 5,
  "topics/mobilization/": 3,
  "topics/kharkiv/": 2,
  "topics/elections/": 2,
  "places/russia/": 1,
  "places/ukraine/": 2,
  "places/kharkiv/": 2,
  "watches/russian-elections/": 1,
  "watches/kharkiv-mobilization/": 1,
  "sources/moscow-times/": 4,
  "sources/kyiv-independent/": 2,
};
const FORMATS = [
  ["feed.xml", "atom10"],
  ["feed.rss", "rss20"],
  ["feed.json", "json11"],
] as const;
const EVERY_FEED = Object.entries(FEED_DIRS).flatMap(([dir, count]) =>
  FORMATS.map(([file, version]) => ({ path: `${dir}${file}`, count, version })),
);
const XML_FEEDS = EVERY_FEED.filter((f) => !f.path.endsWith(".json"));
const JSON_FEEDS = EVERY_FEED.filter((f) => f.path.endsWith(".json"));

const rfc3339 = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/);

/** The JSON Feed 1.1 rules (https://www.jsonfeed.org/version/1.1/) the site's JSON feeds must meet. */
const JsonFeed11 = z.strictObject({
  version: z.literal("https://jsonfeed.org/version/1.1"),
  title: z.string().min(1),
  home_page_url: z.url(),
  feed_url: z.url(),
  description: z.string().optional(),
  language: z.string().min(2),
  items: z.array(
    z
      .strictObject({
        id: z.string().min(1),
        url: z.url(),
        title: z.string().min(1),
        content_html: z.string().optional(),
        content_text: z.string().optional(),
        summary: z.string().optional(),
        date_published: rfc3339,
        date_modified: rfc3339.optional(),
        authors: z.array(z.strictObject({ name: z.string().min(1), url: z.url().optional() })).min(1),
        tags: z.array(z.string().min(1)),
        language: z.string().min(2),
      })
      .refine((item) => item.content_html !== undefined || item.content_text !== undefined, {
        message: "an item needs content_html or content_text",
      }),
  ),
});

describe.runIf(canRun(feedparser, xmllint, jing))("feeds read by real clients", () => {
  const options = siteOptions();
  const file = (path: string) => join(options.outputDir, path);
  /** Every XML feed as feedparser reads it, parsed once after the build (one Python start). */
  let parsed = new Map<string, ParsedFeed>();
  const feedparsed = (path: string): ParsedFeed => {
    const feed = parsed.get(file(path));
    if (!feed) throw new Error(`${path} was not parsed: add it to XML_FEEDS`);
    return feed;
  };
  beforeAll(async () => {
    // Built far from UTC: no byte of a feed may depend on the build machine's time zone.
    const zone = process.env.TZ;
    process.env.TZ = "Asia/Tokyo";
    try {
      await buildSite(options);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    parsed = parseAllWithFeedparser(XML_FEEDS.map((f) => file(f.path)));
  });

  it.each(XML_FEEDS)("$path is well-formed XML", ({ path }) => {
    expect(xmllintErrors(file(path))).toBe("");
  });

  it("writes every Atom feed valid against RFC 4287's schema", () => {
    const atom = XML_FEEDS.filter((f) => f.version === "atom10").map((f) => file(f.path));
    expect(atom).toHaveLength(Object.keys(FEED_DIRS).length);
    expect(jingErrors(ATOM_SCHEMA, ...atom)).toBe("");
  });

  it("proves the Atom schema check can fail", () => {
    expect(jingErrors(ATOM_SCHEMA, file("topics/elections/index.html"))).not.toBe("");
  });

  // Debian's python3-feedparser is 6.0.10, which has no JSON Feed parser (it came after 6.0): JSON
  // feeds are held to the JSON Feed 1.1 rules below instead.
  it.each(XML_FEEDS)(
    "$path parses in feedparser with no bozo flag and $count entries",
    ({ path, count, version }) => {
      const feed = feedparsed(path);
      expect(feed.bozoException).toBeNull();
      expect(feed.bozo).toBe(false);
      expect(feed.version).toBe(version);
      expect(feed.entries).toHaveLength(count);
      for (const entry of feed.entries) {
        expect(entry.id).toMatch(
          /^tag:media-digest\.example,\d{4}:(articles\/[a-z0-9-]+|digest\/\d{4}-\d{2}-\d{2})$/,
        );
        expect(entry.link).toMatch(/^https:\/\/digest\.test\/(articles|digest)\//);
        expect(entry.author).toBeTruthy();
      }
    },
  );

  it.each(["feed.xml", "feed.rss"])(
    "%s gives each entry its topics and places as categories and its own author, newest first",
    (path) => {
      const feed = feedparsed(path);
      expect(feed.entries.map((e) => e.title)).toEqual([
        'Low turnout expected in occupied-area "elections"',
        "City adopts budget & <b>plan</b>",
        "Kharkiv opens new call-up points as mobilization widens",
        "Обстріл Харкова: що відомо",
        "Дума приняла закон о выборах",
        "Draft notices reach workplaces in Moscow",
      ]);
      // Topic kharkiv, then places Ukraine and Kharkiv (scheme /places/).
      expect(feed.entries[3]?.tags).toEqual(["kharkiv", "ukraine", "kharkiv"]);
      expect(feed.entries[3]?.author).toBe("Olena Example");
      expect(feed.entries[4]?.tags).toEqual(["mobilization", "elections", "russia"]);
      // No byline: the outlet, never the site, is the author.
      expect(feed.entries[5]?.author).toBe("The Moscow Times");
      expect(feed.entries.every((e) => e.author !== "Media Digest")).toBe(true);
    },
  );

  it.each(JSON_FEEDS)("$path meets the JSON Feed 1.1 rules and has $count items", ({ path, count }) => {
    const parsed = JsonFeed11.safeParse(JSON.parse(readFileSync(file(path), "utf8")));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.items).toHaveLength(count);
    expect(parsed.data?.feed_url).toBe(`https://digest.test/${path}`);
  });

  it("gives JSON items the same ids, order, tags and authors as the Atom feed", () => {
    const json = JsonFeed11.parse(JSON.parse(readFileSync(file("feed.json"), "utf8")));
    const atom = feedparsed("feed.xml");
    expect(json.items.map((i) => i.id)).toEqual(atom.entries.map((e) => e.id));
    // JSON Feed tags are plain names: a topic and a place of one id (kharkiv) are one tag.
    expect(json.items.map((i) => i.tags)).toEqual(atom.entries.map((e) => [...new Set(e.tags)]));
    expect(json.items.map((i) => i.authors[0]?.name)).toEqual(atom.entries.map((e) => e.author));
    expect(json.items[3]?.title).toBe("Обстріл Харкова: що відомо");
  });

  it("dates RSS entries in UTC, at the instants the Atom feed gives", () => {
    const rss = feedparsed("feed.rss").entries.map((e) => e.published);
    expect(rss.every((date) => date?.endsWith(" GMT"))).toBe(true);
    const instants = (dates: (string | null)[]) => dates.map((date) => Date.parse(date as string));
    expect(instants(rss)).toEqual(instants(feedparsed("feed.xml").entries.map((e) => e.published)));
  });

  it("writes JSON titles as text, never entity-escaped", () => {
    const text = readFileSync(file("feed.json"), "utf8");
    expect(text).toContain('"title": "City adopts budget & <b>plan</b>"');
  });

  it("keeps each article's language in every format", () => {
    const json = JsonFeed11.parse(JSON.parse(readFileSync(file("feed.json"), "utf8")));
    expect(json.items.map((i) => i.language)).toEqual(["en", "en", "en", "uk", "ru", "en"]);
    expect(readFileSync(file("feed.rss"), "utf8")).toContain("<dc:language>uk</dc:language>");
    expect(readFileSync(file("feed.xml"), "utf8")).toContain('<entry xml:lang="uk">');
  });

  it("lists each daily issue in the digest-issues feed, linked to its page", () => {
    const feed = feedparsed("digest/feed.xml");
    expect(feed.entries.map((e) => e.link)).toEqual([
      "https://digest.test/digest/2024/04/09/",
      "https://digest.test/digest/2024/04/02/",
      "https://digest.test/digest/2024/03/23/",
      "https://digest.test/digest/2024/03/22/",
      "https://digest.test/digest/2024/03/11/",
    ]);
    expect(feed.entries[2]?.title).toBe("Digest of 23 March 2024");
    expect(feed.entries[2]?.tags).toEqual(["mobilization", "kharkiv"]);
  });

  it("lists every feed in feeds.opml", () => {
    const opml = file("feeds.opml");
    expect(xmllintErrors(opml)).toBe("");
    const xmlUrls = [...readFileSync(opml, "utf8").matchAll(/xmlUrl="([^"]+)"/g)].map((m) => m[1]);
    expect(xmlUrls.sort()).toEqual(
      Object.keys(FEED_DIRS)
        .map((dir) => `https://digest.test/${dir}feed.xml`)
        .sort(),
    );
  });

  it("changes no byte when the same articles are built again", async () => {
    const again = siteOptions();
    // Only the six fixture articles are indexed for search, not the listings around them.
    expect((await buildSite(again)).indexed).toBe(6);
    for (const { path } of EVERY_FEED) {
      expect(readFileSync(join(again.outputDir, path), "utf8")).toBe(readFileSync(file(path), "utf8"));
    }
    expect(readFileSync(join(again.outputDir, "feeds.opml"), "utf8")).toBe(
      readFileSync(file("feeds.opml"), "utf8"),
    );
  });
});

// newsboat 2.21 (Debian's) reads Atom and RSS; it has no JSON Feed support, so JSON feeds are
// checked by feedparser and the schema above instead.
describe.runIf(canRun(newsboat, sqlite3))("feeds loaded by newsboat over HTTP", () => {
  const site = servedSite(siteOptions());

  it.each(XML_FEEDS)("newsboat loads $count items from $path", async ({ path, count }) => {
    const items = await newsboatItems(`${site.url}/${path}`);
    expect(items).toHaveLength(count);
    for (const item of items) expect(item.url).toMatch(/^https:\/\/digest\.test\//);
  });

  it("shows the article's byline as the author", async () => {
    const items = await newsboatItems(`${site.url}/topics/kharkiv/feed.rss`);
    expect(items.map((i) => i.author).sort()).toEqual(["Anna Example", "Olena Example"]);
  });
});
