import { isoWeek, localDay } from "./dates.ts";

/**
 * The one owner of every URL and file path in the digest. Pages, feeds, sitemaps and ingest
 * all ask here; nothing else builds a URL by hand.
 */

interface Dated {
  id: string;
  date: string;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The three feed formats every feed is published in. */
export type FeedFormat = "atom" | "rss" | "json";
export const FEED_FORMATS: readonly FeedFormat[] = ["atom", "rss", "json"];
/** A feed's file name in its folder: `feed.xml` (Atom), `feed.rss` (RSS 2.0), `feed.json` (JSON Feed 1.1). */
const FEED_FILES: Record<FeedFormat, string> = { atom: "feed.xml", rss: "feed.rss", json: "feed.json" };

/** Where ingest writes an article, relative to the articles folder: `YYYY/MM/<id>.md`. */
export function articleFilePath(article: Dated): string {
  return `${article.date.slice(0, 4)}/${article.date.slice(5, 7)}/${article.id}.md`;
}

export const urls = {
  home: () => "/",
  article: (article: Dated) => `/articles/${localDay(article.date).replaceAll("-", "/")}/${article.id}/`,
  topics: () => "/topics/",
  /** Page 1 is the topic's own URL; later pages live under `page/N/`. */
  topic: (topicId: string, page = 1) =>
    page <= 1 ? `/topics/${topicId}/` : `/topics/${topicId}/page/${page}/`,
  topicFeed: (topicId: string, format: FeedFormat = "atom") => `/topics/${topicId}/${FEED_FILES[format]}`,
  digestDay: (day: string) => `/digest/${day.replaceAll("-", "/")}/`,
  digestWeek: (day: string) => {
    const { year, week } = isoWeek(day);
    return `/digest/${year}/w${pad(week)}/`;
  },
  digests: () => "/digest/",
  /** The digest-issues feed: one entry per daily issue. */
  digestFeed: (format: FeedFormat = "atom") => `/digest/${FEED_FILES[format]}`,
  /** Monthly archive of a `YYYY-MM` month. */
  archiveMonth: (month: string) => `/archive/${month.replace("-", "/")}/`,
  archive: () => "/archive/",
  sources: () => "/sources/",
  source: (sourceId: string) => `/sources/${sourceId}/`,
  sourceFeed: (sourceId: string, format: FeedFormat = "atom") => `/sources/${sourceId}/${FEED_FILES[format]}`,
  search: () => "/search/",
  feed: (format: FeedFormat = "atom") => `/${FEED_FILES[format]}`,
  opml: () => "/feeds.opml",
  sitemap: () => "/sitemap.xml",
  robots: () => "/robots.txt",
  notFound: () => "/404.html",
} as const;

/** An absolute URL for a site path, for feeds, sitemaps and canonical links. */
export function absoluteUrl(siteUrl: string, path: string): string {
  return new URL(path, siteUrl.endsWith("/") ? siteUrl : `${siteUrl}/`).href;
}

/**
 * A tag: URI (RFC 4151) for a feed entry: stable as long as the article id is, whatever the
 * site's host or the article's URL becomes.
 */
export function articleTagUri(authority: string, article: Dated): string {
  return `tag:${authority},${article.date.slice(0, 4)}:articles/${article.id}`;
}

/** A tag: URI for a daily digest issue (`day` is YYYY-MM-DD): stable as long as the day is. */
export function issueTagUri(authority: string, day: string): string {
  return `tag:${authority},${day.slice(0, 4)}:digest/${day}`;
}

/** The tag: URI of a feed itself. */
export function feedTagUri(authority: string, name: string): string {
  return `tag:${authority},2024:feeds/${name}`;
}
