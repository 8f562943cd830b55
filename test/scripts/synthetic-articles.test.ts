import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  syntheticArticle,
  writeSyntheticArticles,
  writeSyntheticRegistry,
} from "../../scripts/bench/synthetic-articles.ts";
import { readArticles } from "../../src/content/article-files.ts";
import { loadRegistries } from "../../src/content/registry.ts";
import { articleSearchFields, summaryInBody } from "../../src/site/search-meta.ts";
import { tempDir } from "../helpers/site.ts";

describe("the synthetic corpus of the search benchmark (smoke size)", () => {
  const dir = tempDir("media-digest-synthetic-");

  it("writes articles that pass the contract and the registries", () => {
    const registries = loadRegistries(writeSyntheticRegistry(join(dir, "registry")));
    writeSyntheticArticles(join(dir, "articles"), 60);
    const files = readArticles(join(dir, "articles"), registries);
    expect(files).toHaveLength(60);
    const languages = new Set(files.map((f) => f.article.language));
    expect([...languages].sort()).toEqual(["en", "ru", "uk"]);
    expect(new Set(files.map((f) => f.article.source)).size).toBeGreaterThan(2);
    expect(new Set(files.map((f) => f.article.date.slice(0, 4)))).toEqual(new Set(["2023", "2024"]));
    const words = files.map((f) => f.article.body.split(/\s+/u).length);
    expect(Math.min(...words)).toBeGreaterThan(100);
  });

  it("is the same for the same seed", () => {
    expect(syntheticArticle(7, 3)).toEqual(syntheticArticle(7, 3));
    expect(syntheticArticle(7, 3).id).not.toBe(syntheticArticle(8, 3).id);
  });

  it("leaves a summary out of the index when the body repeats it", () => {
    const article = syntheticArticle(1);
    expect(summaryInBody(article.summary, article.body)).toBe(true);
    expect(summaryInBody("Something else entirely.", article.body)).toBe(false);
    // Case, markdown marks and spacing do not count.
    expect(summaryInBody("Lead  of the STORY.", "**Lead** of the story. More.")).toBe(true);
  });

  it("sorts by the instant, not by the date as each outlet writes it", () => {
    const kyiv = articleSearchFields({ date: "2024-03-05T09:00:00+02:00", date_source: "meta" });
    const london = articleSearchFields({ date: "2024-03-05T08:30:00+00:00", date_source: "meta" });
    expect(kyiv.sortDate < london.sortDate).toBe(true);
    expect(kyiv.month).toBe("2024-03");
  });

  it("sorts an undated article (dated by ingest time) as the oldest", () => {
    const undated = articleSearchFields({ date: "2026-12-03T09:00:00+00:00", date_source: "ingested" });
    const old = articleSearchFields({ date: "1999-01-01T00:00:00+00:00", date_source: "meta" });
    expect(undated.sortDate < old.sortDate).toBe(true);
    expect(undated.month).toBe("2026-12");
  });
});
