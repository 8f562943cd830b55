import { describe, expect, it } from "vitest";
import { absoluteUrl, articleFilePath, articleTagUri, outputFileFor, urls } from "../../src/content/paths.ts";

const article = { id: "kremlin-plan-1c133420", date: "2024-03-22T01:00:00+03:00" };

describe("paths and URLs", () => {
  it("places article files under YYYY/MM of the article's own date", () => {
    expect(articleFilePath(article)).toBe("2024/03/kremlin-plan-1c133420.md");
  });
  it("builds article, topic and digest URLs", () => {
    expect(urls.article(article)).toBe("/articles/2024/03/22/kremlin-plan-1c133420/");
    expect(urls.topic("kharkiv")).toBe("/topics/kharkiv/");
    expect(urls.topicPage("kharkiv", 2)).toBe("/topics/kharkiv/page/2/");
    expect(urls.sourcePage("meduza", 3)).toBe("/sources/meduza/page/3/");
    expect(urls.archiveMonthPage("2024-03", 1)).toBe("/archive/2024/03/page/1/");
    expect(urls.digestDay("2024-03-22")).toBe("/digest/2024/03/22/");
    expect(urls.digestWeek("2024-03-22")).toBe("/digest/2024/w12/");
  });
  it("writes a site path to the file a static host serves for it", () => {
    expect(outputFileFor("/")).toBe("index.html");
    expect(outputFileFor("/topics/kharkiv/")).toBe("topics/kharkiv/index.html");
    expect(outputFileFor("/feed.xml")).toBe("feed.xml");
    expect(outputFileFor("/404.html")).toBe("404.html");
  });
  it("makes absolute URLs and stable tag URIs", () => {
    expect(absoluteUrl("https://example.org", "/feed.xml")).toBe("https://example.org/feed.xml");
    expect(articleTagUri("media-digest.example", article)).toBe(
      "tag:media-digest.example,2024:articles/kremlin-plan-1c133420",
    );
  });
});
