import { describe, expect, it } from "vitest";
import { makeArticleId, slugify } from "../../src/content/ids.ts";
import { ARTICLE_ID } from "../../src/content/schema.ts";

const base = { source: "moscow-times", day: "2024-03-22" };

describe("makeArticleId", () => {
  it("transliterates Cyrillic titles into a readable slug", () => {
    expect(slugify("Харків під обстрілом")).toBe("kharkiv-pid-obstrilom");
    expect(makeArticleId({ ...base, title: "Мобилизация в Харькове" })).toMatch(
      /^mobylyzatsyya-v-kharkove-[0-9a-f]{8}$/,
    );
  });
  it("gives emoji-only and empty titles valid, distinct ids", () => {
    const emoji = makeArticleId({ ...base, title: "🔥🔥" });
    const empty = makeArticleId({ ...base, title: "" });
    expect(emoji).toMatch(/^article-[0-9a-f]{8}$/);
    expect(empty).toMatch(/^article-[0-9a-f]{8}$/);
    expect(emoji).not.toBe(empty);
  });
  it("keeps titles that differ only in punctuation apart", () => {
    const a = makeArticleId({ ...base, title: "Kharkiv: next?" });
    const b = makeArticleId({ ...base, title: "Kharkiv next!" });
    expect(slugify("Kharkiv: next?")).toBe(slugify("Kharkiv next!"));
    expect(a).not.toBe(b);
  });
  it("is stable, and uses the URL as identity when there is one", () => {
    expect(makeArticleId({ ...base, title: "A" })).toBe(makeArticleId({ ...base, title: "A" }));
    const url = "https://www.themoscowtimes.com/a";
    expect(makeArticleId({ ...base, title: "A", url }).slice(-8)).toBe(
      makeArticleId({ ...base, title: "B", url }).slice(-8),
    );
  });
  it("always makes ids that pass the schema and stay short", () => {
    for (const title of ["Kharkiv", "Харьков", "", "…", "🔥", "x".repeat(500), "a — b – c"]) {
      const id = makeArticleId({ ...base, title });
      expect(id).toMatch(ARTICLE_ID);
      expect(id.length).toBeLessThanOrEqual(120);
    }
  });
});
