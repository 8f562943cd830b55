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

/** One page per item of the list `data` (global data); each page gets its item as `alias`, and the
 * item's `url` (site pages) or `path` (feed files) is where it is written. */
function pagePerItem(
  config: EleventyConfig,
  name: string,
  layout: string,
  data: string,
  alias: string,
  key: "url" | "path" = "url",
): void {
  page(config, name, { layout, pagination: { data, size: 1, alias }, permalink: by(alias, key) });
}

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
  pagePerItem(config, "article", "article.njk", "digest.articles", "article");
  page(config, "topics", { layout: "topics.njk", permalink: urls.topics() });
  pagePerItem(config, "topic", "topic.njk", "digest.topicPages", "topicPage");
  pagePerItem(config, "digest-day", "digest-day.njk", "digest.days", "issue");
  pagePerItem(config, "digest-week", "digest-week.njk", "digest.weeks", "issue");
  page(config, "digests", { layout: "digests.njk", permalink: urls.digests() });
  page(config, "archive", { layout: "archive.njk", permalink: urls.archive() });
  pagePerItem(config, "archive-month", "archive-month.njk", "digest.months", "month");
  page(config, "sources", { layout: "sources.njk", permalink: urls.sources() });
  pagePerItem(config, "source", "source.njk", "digest.sources", "source");
  page(config, "search", { layout: "search.njk", permalink: urls.search() });
  page(config, "not-found", { layout: "404.njk", permalink: urls.notFound() });
  pagePerItem(config, "atom-feed", "feeds/atom.njk", "atomFeeds", "feedPage", "path");
  pagePerItem(config, "rss-feed", "feeds/rss.njk", "rssFeeds", "feedPage", "path");
  dataFile(
    config,
    "json-feed",
    { pagination: { data: "jsonFeeds", size: 1, alias: "feedPage" }, permalink: by("feedPage", "path") },
    (data) => `${JSON.stringify(jsonFeed((data.feedPage as FeedInFormat).feed), null, 2)}\n`,
  );
  page(config, "opml", { layout: "feeds/opml.njk", permalink: urls.opml() });
  page(config, "sitemap", { layout: "feeds/sitemap.njk", permalink: urls.sitemap() });
  page(config, "robots", { layout: "feeds/robots.njk", permalink: urls.robots() });
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
