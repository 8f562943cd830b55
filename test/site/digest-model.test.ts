import { describe, expect, it } from "vitest";
import { readArticles } from "../../src/content/article-files.ts";
import { loadRegistries, loadTopics } from "../../src/content/registry.ts";
import { type Article, ArticleFrontMatterSchema } from "../../src/content/schema.ts";
import { loadSiteSettings } from "../../src/content/site-settings.ts";
import {
  buildDigest,
  dayLabel,
  effectiveTopics,
  languageLabel,
  monthLabel,
  weekLabel,
} from "../../src/site/digest-model.ts";
import { weekOf } from "../../src/site/volume-chart.ts";
import { validArticle } from "../helpers/article-fixture.ts";
import { FIXTURE_ARTICLES } from "../helpers/site.ts";

const registries = loadRegistries();
const settings = loadSiteSettings(undefined, { DIGEST_SITE_URL: "https://digest.test/" });
const digest = buildDigest(readArticles(FIXTURE_ARTICLES, registries), registries, settings);

describe("the digest model of the fixture articles", () => {
  it("makes one weekly issue per ISO week with articles, newest first, linked to neighbours", () => {
    expect(digest.weeks.map((w) => [w.url, w.count])).toEqual([
      ["/digest/2024/w15/", 1],
      ["/digest/2024/w14/", 1],
      ["/digest/2024/w12/", 3],
      ["/digest/2024/w11/", 1],
    ]);
    const w12 = digest.weeks[2];
    expect(w12?.label).toBe("Week 12, 2024 (18–24 March 2024)");
    expect(w12?.days.map((d) => [d.label, d.count])).toEqual([
      ["23 March 2024", 2],
      ["22 March 2024", 1],
    ]);
    // Three reports without a story: three stories of one outlet each, the newest first.
    expect(w12?.stories.map((s) => [s.key, s.outlets, s.others.length])).toEqual([
      ["kharkiv-call-up-points-bb22cc33", 1, 0],
      ["kharkiv-shelling-report-aa11bb22", 1, 0],
      ["duma-election-law-cc33dd44", 1, 0],
    ]);
    expect(w12?.previous?.url).toBe("/digest/2024/w11/");
    expect(w12?.next?.url).toBe("/digest/2024/w14/");
  });

  it("links each daily issue to its week", () => {
    expect(digest.days.find((d) => d.day === "2024-03-23")?.week).toEqual({
      url: "/digest/2024/w12/",
      label: "Week 12, 2024 (18–24 March 2024)",
    });
  });

  it("files articles by month for the archive, newest first", () => {
    expect(digest.months.map((m) => [m.url, m.label, m.count])).toEqual([
      ["/archive/2024/04/", "April 2024", 2],
      ["/archive/2024/03/", "March 2024", 4],
    ]);
    expect(digest.months[1]?.next?.url).toBe("/archive/2024/04/");
  });

  it("relates articles on shared topics from the same days", () => {
    const callUp = digest.articlePages.find((a) => a.id === "kharkiv-call-up-points-bb22cc33")?.materialize();
    // Same day first; the 11 March article on mobilization is more than a week away.
    expect(callUp?.related.map((r) => [r.title, r.sharedTopics])).toEqual([
      ["Обстріл Харкова: що відомо", ["Kharkiv"]],
      ["Дума приняла закон о выборах", ["Mobilization"]],
    ]);
  });

  it("draws every topic's chart over the same weeks: the archive's (twelve at most), ending with the newest article's", () => {
    const charts = digest.topics.map((t) => t.chart);
    // The fixtures run from 11 March (W11) to 9 April 2024 (W15): no empty weeks before them.
    expect(charts.every((c) => c?.bars.length === 5)).toBe(true);
    expect(charts[0]?.title).toBe("Mobilization: articles per ISO week, 2024-W11 to 2024-W15");
    expect(charts[0]?.bars.filter((b) => b.height > 0).map((b) => b.label)).toEqual([
      "2024-W11: 1 article",
      "2024-W12: 2 articles",
    ]);
  });

  it("gives topics and sources their three feeds", () => {
    expect(digest.topics[1]?.feeds.map((f) => [f.url, f.type])).toEqual([
      ["/topics/kharkiv/feed.xml", "application/atom+xml"],
      ["/topics/kharkiv/feed.rss", "application/rss+xml"],
      ["/topics/kharkiv/feed.json", "application/feed+json"],
    ]);
    expect(digest.sources.map((s) => s.feeds[0]?.url)).toEqual([
      "/sources/moscow-times/feed.xml",
      "/sources/kyiv-independent/feed.xml",
    ]);
  });
});

describe("labels", () => {
  it("names languages, weeks and months in English", () => {
    expect(languageLabel("uk")).toBe("Ukrainian");
    expect(languageLabel("ru")).toBe("Russian");
    expect(weekLabel(weekOf("2024-12-31"))).toBe("Week 1, 2025 (30 December 2024 – 5 January 2025)");
    expect(monthLabel("2024-03")).toBe("March 2024");
  });

  it("writes every day and month as Intl's British English long dates do, without Intl", () => {
    const intlDay = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
    const intlMonth = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
    // Four years, a leap day among them, one day at a time.
    for (let time = Date.UTC(2023, 0, 1); time < Date.UTC(2027, 0, 1); time += 86_400_000) {
      const day = new Date(time).toISOString().slice(0, 10);
      expect(dayLabel(day)).toBe(intlDay.format(new Date(time)));
      expect(monthLabel(day.slice(0, 7))).toBe(intlMonth.format(new Date(time)));
    }
    expect(dayLabel("2024-02-29")).toBe("29 February 2024");
  });
});

const topics = loadTopics();

function article(
  override?: { add?: string[]; remove?: string[] },
  tagged = ["kharkiv", "elections"],
): Article {
  const { body, ...fields } = validArticle();
  const parsed = ArticleFrontMatterSchema.parse({
    ...fields,
    topics: tagged,
    ...(override ? { topics_override: override } : {}),
  });
  return { ...parsed, body };
}

describe("effectiveTopics: the editor's override wins over the tagger", () => {
  it("keeps the tagger's topics when there is no override", () => {
    expect(effectiveTopics(article(), topics)).toEqual(["kharkiv", "elections"]);
  });
  it("adds and removes, in registry order", () => {
    expect(effectiveTopics(article({ add: ["mobilization"], remove: ["elections"] }), topics)).toEqual([
      "mobilization",
      "kharkiv",
    ]);
  });
  it("lets remove win when a topic is both added and removed", () => {
    expect(effectiveTopics(article({ add: ["elections"], remove: ["elections"] }), topics)).toEqual([
      "kharkiv",
    ]);
  });
  it("removes a topic the tagger did not assign without complaint", () => {
    expect(effectiveTopics(article({ remove: ["mobilization"] }, []), topics)).toEqual([]);
  });
});
