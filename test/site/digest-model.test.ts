import { describe, expect, it } from "vitest";
import { loadTopics } from "../../src/content/registry.ts";
import { type Article, ArticleFrontMatterSchema } from "../../src/content/schema.ts";
import { effectiveTopics } from "../../src/site/digest-model.ts";
import { validArticle } from "../helpers/article-fixture.ts";

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
