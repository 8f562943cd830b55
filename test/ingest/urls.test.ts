import { describe, expect, it } from "vitest";
import { normalizeUrl } from "../../src/ingest/urls.ts";

describe("normalizeUrl", () => {
  it.each([
    ["https://Example.COM:443/a?utm_source=x&utm_medium=y&id=5#top", "https://example.com/a?id=5"],
    ["http://example.com:80/a?fbclid=1&gclid=2&yclid=3&mc_cid=4&mc_eid=5", "http://example.com/a"],
    ["https://example.com/news/amp/", "https://example.com/news/"],
    ["https://example.com/news/story/amp", "https://example.com/news/story"],
    ["https://example.com/story?amp=1", "https://example.com/story"],
    ["https://example.com/story?outputType=amp&page=2", "https://example.com/story?page=2"],
    ["https://example.com:8080/x", "https://example.com:8080/x"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeUrl(input)).toBe(expected);
  });

  it("refuses what is not an http(s) URL", () => {
    expect(normalizeUrl("javascript:alert(1)")).toBeUndefined();
    expect(normalizeUrl("not a url")).toBeUndefined();
  });
});
