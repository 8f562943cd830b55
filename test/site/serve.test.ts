import { describe, expect, it } from "vitest";
import { servedSite } from "../helpers/browser.ts";
import { siteOptions } from "../helpers/site.ts";

describe("the built site served with netlify.toml's headers", () => {
  const site = servedSite(siteOptions());

  it.each([
    ["/feed.xml", "application/atom+xml; charset=utf-8"],
    ["/topics/kharkiv/feed.xml", "application/atom+xml; charset=utf-8"],
    ["/feed.rss", "application/rss+xml; charset=utf-8"],
    ["/sources/kyiv-independent/feed.rss", "application/rss+xml; charset=utf-8"],
    ["/feed.json", "application/feed+json; charset=utf-8"],
    ["/digest/feed.json", "application/feed+json; charset=utf-8"],
    ["/topics/kharkiv/feed.json", "application/feed+json; charset=utf-8"],
    ["/sources/moscow-times/feed.json", "application/feed+json; charset=utf-8"],
    ["/feeds.opml", "text/x-opml; charset=utf-8"],
    ["/sitemap.xml", "application/xml; charset=utf-8"],
    ["/sitemaps/pages.xml", "application/xml; charset=utf-8"],
    ["/sitemaps/articles-2024-03.xml", "application/xml; charset=utf-8"],
    ["/search/aliases.json", "application/json"],
    ["/pagefind/parts.json", "application/json"],
    ["/pagefind/pagefind-entry.json", "application/json"],
    ["/", "text/html; charset=utf-8"],
  ])("serves %s as %s", async (path, type) => {
    const response = await fetch(`${site.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe(type);
  });
});
