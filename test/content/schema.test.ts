import { describe, expect, it } from "vitest";
import { ArticleFrontMatterSchema } from "../../src/content/schema.ts";
import { validArticle } from "../helpers/article-fixture.ts";

function frontMatter(changes: Record<string, unknown> = {}) {
  const { body: _body, ...fields } = validArticle();
  return { ...fields, ...changes };
}

describe("ArticleFrontMatterSchema", () => {
  it("accepts a valid article and applies defaults", () => {
    const parsed = ArticleFrontMatterSchema.parse(frontMatter({ quotes: undefined }));
    expect(parsed.quotes).toEqual([]);
    expect(parsed.duplicates).toEqual([]);
  });
  it("refuses an unknown field", () => {
    const result = ArticleFrontMatterSchema.safeParse(frontMatter({ tittle: "typo" }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
  });
  it.each([
    ["an id with capitals", { id: "Kremlin-Plan" }],
    ["an id with a double hyphen", { id: "kremlin--plan" }],
    ["an id with Cyrillic", { id: "харків-1" }],
  ])("refuses %s", (_name, change) => {
    const result = ArticleFrontMatterSchema.safeParse(frontMatter(change));
    expect(result.error?.issues[0]?.path).toEqual(["id"]);
  });
  it.each([
    ["a relative URL", "/2024/03/22/a"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["no URL at all", "not a url"],
  ])("refuses %s", (_name, url) => {
    const result = ArticleFrontMatterSchema.safeParse(frontMatter({ url }));
    expect(result.error?.issues[0]?.path).toEqual(["url"]);
  });
  it("refuses a missing or blank title", () => {
    expect(
      ArticleFrontMatterSchema.safeParse(frontMatter({ title: undefined })).error?.issues[0]?.path,
    ).toEqual(["title"]);
    expect(ArticleFrontMatterSchema.safeParse(frontMatter({ title: "  " })).success).toBe(false);
  });
  it("refuses a date without offset and one that does not exist", () => {
    expect(ArticleFrontMatterSchema.safeParse(frontMatter({ date: "2024-03-22" })).success).toBe(false);
    expect(ArticleFrontMatterSchema.safeParse(frontMatter({ date: "2026-02-30T00:00:00Z" })).success).toBe(
      false,
    );
  });
  it("refuses a provenance hash that is not sha256 hex", () => {
    const { provenance } = frontMatter();
    const result = ArticleFrontMatterSchema.safeParse(
      frontMatter({ provenance: { ...provenance, sha256: "abc" } }),
    );
    expect(result.error?.issues[0]?.path).toEqual(["provenance", "sha256"]);
  });
});
