import { urls } from "../content/paths.ts";
import type { Digest } from "./digest-model.ts";
import type { EleventyConfig, PageData } from "./eleventy.ts";
import { type FeedInFormat, feedsIn, jsonFeed, opmlGroups, siteFeeds } from "./feeds.ts";

/**
 * Every page of the site, defined in TypeScript as a virtual template: its layout, its URL (from
 * src/content/paths.ts) and, for lists, what it paginates over. Layouts in layouts/ only print.
 */

function page(config: EleventyConfig, name: string, data: PageData): void {
  // Content is empty: a page is its layout filled with ready data, so no article text is ever
  // compiled as a template.
  config.addTemplate(`_pages/${name}.11ty.js`, { data: () => data, render: () => "" });
}

/** A page written by code rather than a layout: JSON serialised with JSON.stringify. */
function dataFile(
  config: EleventyConfig,
  name: string,
  data: PageData,
  render: (data: Record<string, unknown>) => string,
) {
  config.addTemplate(`_pages/${name}.11ty.js`, { data: () => data, render });
}

interface Paged {
  [key: string]: { url?: string; path?: string };
}

const by = (alias: string, key: "url" | "path") => (data: Record<string, unknown>) =>
  String((data as Paged)[alias]?.[key]);

/** Registers all pages. `digest` is also global data, so layouts can reach site-wide lists. */
export function addPages(config: EleventyConfig, digest: Digest): void {
  const feeds = siteFeeds(digest);
  config.addGlobalData("atomFeeds", feedsIn("atom", feeds));
  config.addGlobalData("rssFeeds", feedsIn("rss", feeds));
  config.addGlobalData("jsonFeeds", feedsIn("json", feeds));
  config.addGlobalData("opml", {
    groups: opmlGroups(feeds),
    updated: feeds[0]?.updatedRfc822,
  });
  config.addGlobalData("sitemapUrls", sitemapUrls(digest));

  page(config, "home", { layout: "home.njk", permalink: urls.home() });
  page(config, "article", {
    layout: "article.njk",
    pagination: { data: "digest.articles", size: 1, alias: "article" },
    permalink: by("article", "url"),
  });
  page(config, "topics", { layout: "topics.njk", permalink: urls.topics() });
  page(config, "topic", {
    layout: "topic.njk",
    pagination: { data: "digest.topicPages", size: 1, alias: "topicPage" },
    permalink: by("topicPage", "url"),
  });
  page(config, "digest-day", {
    layout: "digest-day.njk",
    pagination: { data: "digest.days", size: 1, alias: "issue" },
    permalink: by("issue", "url"),
  });
  page(config, "digest-week", {
    layout: "digest-week.njk",
    pagination: { data: "digest.weeks", size: 1, alias: "issue" },
    permalink: by("issue", "url"),
  });
  page(config, "digests", { layout: "digests.njk", permalink: urls.digests() });
  page(config, "archive", { layout: "archive.njk", permalink: urls.archive() });
  page(config, "archive-month", {
    layout: "archive-month.njk",
    pagination: { data: "digest.months", size: 1, alias: "month" },
    permalink: by("month", "url"),
  });
  page(config, "sources", { layout: "sources.njk", permalink: urls.sources() });
  page(config, "source", {
    layout: "source.njk",
    pagination: { data: "digest.sources", size: 1, alias: "source" },
    permalink: by("source", "url"),
  });
  page(config, "search", { layout: "search.njk", permalink: urls.search() });
  page(config, "not-found", { layout: "404.njk", permalink: urls.notFound() });
  page(config, "atom-feed", {
    layout: "feeds/atom.njk",
    pagination: { data: "atomFeeds", size: 1, alias: "feedPage" },
    permalink: by("feedPage", "path"),
  });
  page(config, "rss-feed", {
    layout: "feeds/rss.njk",
    pagination: { data: "rssFeeds", size: 1, alias: "feedPage" },
    permalink: by("feedPage", "path"),
  });
  dataFile(
    config,
    "json-feed",
    { pagination: { data: "jsonFeeds", size: 1, alias: "feedPage" }, permalink: by("feedPage", "path") },
    (data) => `${JSON.stringify(jsonFeed((data.feedPage as FeedInFormat).feed), null, 2)}\n`,
  );
  page(config, "opml", { layout: "feeds/opml.njk", permalink: urls.opml() });
  page(config, "sitemap", { layout: "feeds/sitemap.njk", permalink: urls.sitemap() });
  page(config, "robots", { layout: "feeds/robots.njk", permalink: "/robots.txt" });
}

/** Every HTML page worth a search engine's visit, as site paths. */
export function sitemapUrls(digest: Digest): string[] {
  return [
    urls.home(),
    urls.topics(),
    ...digest.topicPages.map((p) => p.url),
    urls.sources(),
    ...digest.sources.map((s) => s.url),
    urls.digests(),
    ...digest.days.map((d) => d.url),
    ...digest.weeks.map((w) => w.url),
    urls.archive(),
    ...digest.months.map((m) => m.url),
    ...digest.articles.map((a) => a.url),
  ];
}
