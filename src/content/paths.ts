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
  /** A topic's own page: its newest articles. */
  topic: (topicId: string) => `/topics/${topicId}/`,
  /**
   * A numbered page of a topic's articles. Pages count from the oldest articles, so a full page
   * never changes when new articles arrive (see src/site/listing-pages.ts).
   */
  topicPage: (topicId: string, page: number) => `/topics/${topicId}/page/${page}/`,
  topicFeed: (topicId: string, format: FeedFormat = "atom") => `/topics/${topicId}/${FEED_FILES[format]}`,
  places: () => "/places/",
  /** A place's own page: the newest articles about it. */
  place: (placeId: string) => `/places/${placeId}/`,
  /** A numbered page of a place's articles, counted from the oldest. */
  placePage: (placeId: string, page: number) => `/places/${placeId}/page/${page}/`,
  placeFeed: (placeId: string, format: FeedFormat = "atom") => `/places/${placeId}/${FEED_FILES[format]}`,
  /** A story's page: one event's reports across outlets, as a timeline. */
  story: (storyId: string) => `/stories/${storyId}/`,
  storyFeed: (storyId: string, format: FeedFormat = "atom") => `/stories/${storyId}/${FEED_FILES[format]}`,
  watches: () => "/watches/",
  /** A watch's own page (an operator's saved search over topics and places). */
  watch: (watchId: string) => `/watches/${watchId}/`,
  /** A numbered page of a watch's articles, counted from the oldest. */
  watchPage: (watchId: string, page: number) => `/watches/${watchId}/page/${page}/`,
  watchFeed: (watchId: string, format: FeedFormat = "atom") => `/watches/${watchId}/${FEED_FILES[format]}`,
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
  /** A numbered page of a month's articles, counted from the month's oldest. */
  archiveMonthPage: (month: string, page: number) => `/archive/${month.replace("-", "/")}/page/${page}/`,
  archive: () => "/archive/",
  sources: () => "/sources/",
  source: (sourceId: string) => `/sources/${sourceId}/`,
  /** A numbered page of a source's articles, counted from its oldest. */
  sourcePage: (sourceId: string, page: number) => `/sources/${sourceId}/page/${page}/`,
  sourceFeed: (sourceId: string, format: FeedFormat = "atom") => `/sources/${sourceId}/${FEED_FILES[format]}`,
  search: () => "/search/",
  /** The search page with filters set (`topic`, `place`, `source`, `lang`… as src/browser/search-state.ts reads them). */
  searchFor: (filters: Record<string, string>) => `/search/?${new URLSearchParams(filters).toString()}`,
  /** Every spelling of each topic, for the search page (src/site/search-aliases.ts). */
  searchAliases: () => "/search/aliases.json",
  feed: (format: FeedFormat = "atom") => `/${FEED_FILES[format]}`,
  opml: () => "/feeds.opml",
  /** The sitemap index: it lists the sitemaps below, so no single file nears the 50,000-URL limit. */
  sitemap: () => "/sitemap.xml",
  /** The sitemap of every page but articles. */
  sitemapPages: () => "/sitemaps/pages.xml",
  /** The sitemap of one month's articles (`YYYY-MM`). */
  sitemapArticles: (month: string) => `/sitemaps/articles-${month}.xml`,
  /** The list of search index parts the search page loads (src/site/search-parts.ts). */
  searchParts: () => "/pagefind/parts.json",
  /** Where one search index part is published: its name carries its content hash, so it caches forever. */
  searchPart: (key: string, hash: string) => `/pagefind/parts/${key}-${hash}/`,
  robots: () => "/robots.txt",
  notFound: () => "/404.html",
} as const;

/**
 * The file a site path is written to, relative to the output folder: `/a/b/` → `a/b/index.html`,
 * `/feed.xml` → `feed.xml`.
 */
export function outputFileFor(path: string): string {
  const relative = path.replace(/^\/+/, "");
  return relative === "" || relative.endsWith("/") ? `${relative}index.html` : relative;
}

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
