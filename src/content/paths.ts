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
  topicFeed: (topicId: string) => `/topics/${topicId}/feed.xml`,
  digestDay: (day: string) => `/digest/${day.replaceAll("-", "/")}/`,
  digestWeek: (day: string) => {
    const { year, week } = isoWeek(day);
    return `/digest/${year}/w${pad(week)}/`;
  },
  digests: () => "/digest/",
  sources: () => "/sources/",
  source: (sourceId: string) => `/sources/${sourceId}/`,
  search: () => "/search/",
  feed: () => "/feed.xml",
  sitemap: () => "/sitemap.xml",
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

/** The tag: URI of a feed itself. */
export function feedTagUri(authority: string, name: string): string {
  return `tag:${authority},2024:feeds/${name}`;
}
