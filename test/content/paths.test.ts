import { describe, expect, it } from "vitest";
import { absoluteUrl, articleFilePath, articleTagUri, urls } from "../../src/content/paths.ts";

const article = { id: "kremlin-plan-1c133420", date: "2024-03-22T01:00:00+03:00" };

describe("paths and URLs", () => {
  it("places article files under YYYY/MM of the article's own date", () => {
    expect(articleFilePath(article)).toBe("2024/03/kremlin-plan-1c133420.md");
  });
  it("builds article, topic and digest URLs", () => {
    expect(urls.article(article)).toBe("/articles/2024/03/22/kremlin-plan-1c133420/");
    expect(urls.topic("kharkiv")).toBe("/topics/kharkiv/");
    expect(urls.topic("kharkiv", 2)).toBe("/topics/kharkiv/page/2/");
    expect(urls.digestDay("2024-03-22")).toBe("/digest/2024/03/22/");
    expect(urls.digestWeek("2024-03-22")).toBe("/digest/2024/w12/");
  });
  it("makes absolute URLs and stable tag URIs", () => {
    expect(absoluteUrl("https://example.org", "/feed.xml")).toBe("https://example.org/feed.xml");
    expect(articleTagUri("media-digest.example", article)).toBe(
      "tag:media-digest.example,2024:articles/kremlin-plan-1c133420",
    );
  });
});
