import { type FeedFormat, urls } from "../content/paths.ts";
import type { ArticlePage, CardRef } from "./article-views.ts";
import type {
  DayIssue,
  Digest,
  FeedLink,
  IssueLink,
  MonthArchive,
  PlaceCount,
  PlaceSummary,
  SourceSummary,
  TopicSummary,
  WatchSummary,
  WeekIssue,
} from "./digest-model.ts";
import { dayRangeLabel } from "./digest-model.ts";
import { type Feed, type OpmlGroup, opmlGroups, siteFeeds } from "./feeds.ts";
import { listingSlices } from "./listing-pages.ts";
import type { IssueStory, StorySummary } from "./stories.ts";
import type { VolumeChart } from "./volume-chart.ts";

/**
 * Every file of the site as plain data: its kind (which layout prints it, src/site/templates.ts),
 * its site path (from src/content/paths.ts) and exactly the data its layout prints. Nothing here
 * renders; the build hashes each page's data to decide what to re-render (src/site/build.ts), so a
 * page's data holds what it shows and nothing else.
 */

export type PageKind =
  | "article"
  | "home"
  | "topic-index"
  | "topic"
  | "place-index"
  | "place"
  | "watch-index"
  | "watch"
  | "story"
  | "source-index"
  | "source"
  | "digest-day"
  | "digest-week"
  | "digest-index"
  | "archive"
  | "archive-month"
  | "search"
  | "search-aliases"
  | "not-found"
  | "atom-feed"
  | "rss-feed"
  | "json-feed"
  | "opml"
  | "sitemap-index"
  | "sitemap"
  | "robots";

/** One output file. */
export interface PlannedPage {
  kind: PageKind;
  /** Site path: `/topics/kharkiv/`, `/feed.xml`. */
  path: string;
  data: object;
}

/** One page of a long list (src/site/listing-pages.ts). */
export interface Listing<Of, Front> {
  /** What the list is of: the same on every page of the list. */
  of: Of;
  /** The page's title: the list's name, and on numbered pages the page ("Mobilization, page 3"). */
  title: string;
  /** Counts and charts change with every new article: the front page alone shows them. */
  front: Front | undefined;
  /** 0 on the front page, else the page number counted from the oldest page. */
  number: number;
  articles: CardRef[];
  /** The days a numbered page covers ("1–7 March 2024"); undefined on the front page. */
  span: string | undefined;
  newer: IssueLink | undefined;
  older: IssueLink | undefined;
}

/** What a topic's, a place's or a watch's list is of. */
interface Subject {
  id: string;
  label: string;
  description: string;
  url: string;
  feeds: FeedLink[];
}
export type TopicListing = Listing<
  Subject,
  { count: number; chart: VolumeChart | undefined; places: PlaceCount[] }
>;
export type PlaceListing = Listing<Subject, { count: number; chart: VolumeChart | undefined }>;
export type WatchListing = Listing<
  Subject & { match: string },
  { count: number; chart: VolumeChart | undefined }
>;
export type SourceListing = Listing<
  { id: string; name: string; url: string; feeds: FeedLink[] },
  { count: number; chart: VolumeChart | undefined }
>;
export type MonthListing = Listing<
  { month: string; label: string; url: string },
  { count: number; previous: IssueLink | undefined; next: IssueLink | undefined }
>;

export interface HomePage {
  /** The latest issue, with its leading stories only (at most {@link HOME_STORIES}). */
  latestDay: (Omit<DayIssue, "stories"> & { stories: IssueStory[]; more: number }) | undefined;
  topics: { id: string; label: string; url: string; count: number; chart: VolumeChart | undefined }[];
}

/** How many of the latest issue's stories the home page opens with. */
export const HOME_STORIES = 12;

export interface TopicIndexPage {
  topics: { id: string; label: string; description: string; url: string; count: number; feeds: FeedLink[] }[];
}

export interface PlaceIndexPage {
  /** Countries, then regions, then cities: each kind's places with articles, in registry order. */
  kinds: {
    kind: string;
    label: string;
    places: { id: string; label: string; url: string; count: number }[];
  }[];
}

export interface WatchIndexPage {
  watches: {
    id: string;
    label: string;
    description: string;
    match: string;
    url: string;
    count: number;
    feeds: FeedLink[];
  }[];
}

export interface SourceIndexPage {
  sources: { id: string; name: string; url: string; count: number; feeds: FeedLink[] }[];
}

type Counted = IssueLink & { count: number };

export interface DigestIndexPage {
  days: Counted[];
  weeks: Counted[];
}

export interface ArchivePage {
  months: Counted[];
}

/** Each topic's filter value (its label) with every word a search may use for it. */
export interface SearchAliasesPage {
  topics: Record<string, string[]>;
}

/** A feed in one format: what a feed template receives. */
export interface FeedPage {
  format: FeedFormat;
  feed: Feed;
}

export interface OpmlPage {
  groups: OpmlGroup[];
  updated: string | undefined;
}

/** Site paths of the sitemaps the index lists. */
export interface SitemapIndexPage {
  sitemaps: string[];
}

/** Site paths of the pages one sitemap lists. */
export interface SitemapPage {
  paths: string[];
}

const counted = (item: IssueLink & { count: number }): Counted => ({
  url: item.url,
  label: item.label,
  count: item.count,
});

/** The pages of one long list, with the URLs of its front and numbered pages. */
function listing<Of, Front>(
  articles: readonly CardRef[],
  pageSize: number,
  name: string,
  of: Of,
  front: Front,
  url: (page: number) => string,
  days: ReadonlyMap<string, string>,
): { path: string; data: Listing<Of, Front> }[] {
  const link = (page: number | undefined): IssueLink | undefined =>
    page === undefined ? undefined : { url: url(page), label: page === 0 ? "Newest" : `Page ${page}` };
  return listingSlices(articles, pageSize).map((slice) => {
    const newest = slice.items[0];
    const oldest = slice.items.at(-1);
    return {
      path: url(slice.number),
      data: {
        of,
        title: slice.number === 0 ? name : `${name}, page ${slice.number}`,
        front: slice.number === 0 ? front : undefined,
        number: slice.number,
        articles: slice.items,
        span:
          slice.number > 0 && newest && oldest
            ? dayRangeLabel(days.get(oldest.id) as string, days.get(newest.id) as string)
            : undefined,
        newer: link(slice.newer),
        older: link(slice.older),
      },
    };
  });
}

const subjectOf = (s: TopicSummary | PlaceSummary | WatchSummary): Subject => ({
  id: s.id,
  label: s.label,
  description: s.description,
  url: s.url,
  feeds: s.feeds,
});

function topicListings(topic: TopicSummary, pageSize: number, days: ReadonlyMap<string, string>) {
  return listing(
    topic.articles,
    pageSize,
    topic.label,
    subjectOf(topic),
    { count: topic.count, chart: topic.chart, places: topic.places },
    (page) => (page === 0 ? urls.topic(topic.id) : urls.topicPage(topic.id, page)),
    days,
  );
}

function placeListings(place: PlaceSummary, pageSize: number, days: ReadonlyMap<string, string>) {
  return listing(
    place.articles,
    pageSize,
    place.label,
    subjectOf(place),
    { count: place.count, chart: place.chart },
    (page) => (page === 0 ? urls.place(place.id) : urls.placePage(place.id, page)),
    days,
  );
}

function watchListings(watch: WatchSummary, pageSize: number, days: ReadonlyMap<string, string>) {
  return listing(
    watch.articles,
    pageSize,
    watch.label,
    { ...subjectOf(watch), match: watch.match },
    { count: watch.count, chart: watch.chart },
    (page) => (page === 0 ? urls.watch(watch.id) : urls.watchPage(watch.id, page)),
    days,
  );
}

/** How the places index names each kind of place. */
const PLACE_KIND_LABELS: Record<PlaceSummary["kind"], string> = {
  country: "Countries",
  region: "Regions",
  city: "Cities",
};

function sourceListings(source: SourceSummary, pageSize: number, days: ReadonlyMap<string, string>) {
  return listing(
    source.articles,
    pageSize,
    source.name,
    { id: source.id, name: source.name, url: source.url, feeds: source.feeds },
    { count: source.count, chart: source.chart },
    (page) => (page === 0 ? urls.source(source.id) : urls.sourcePage(source.id, page)),
    days,
  );
}

function monthListings(month: MonthArchive, pageSize: number, days: ReadonlyMap<string, string>) {
  return listing(
    month.articles,
    pageSize,
    month.label,
    { month: month.month, label: month.label, url: month.url },
    { count: month.count, previous: month.previous, next: month.next },
    (page) => (page === 0 ? urls.archiveMonth(month.month) : urls.archiveMonthPage(month.month, page)),
    days,
  );
}

const FEED_KINDS: Record<FeedFormat, PageKind> = { atom: "atom-feed", rss: "rss-feed", json: "json-feed" };

/** Every page of the site, in a stable order. */
export function planPages(digest: Digest): PlannedPage[] {
  const { site } = digest;
  const pageSize = site.page_size;
  const days = new Map(digest.articles.map((a) => [a.id, a.day]));
  const pages: PlannedPage[] = [];
  const add = (kind: PageKind, path: string, data: object) => pages.push({ kind, path, data });

  add("home", urls.home(), {
    latestDay: digest.latestDay && {
      ...digest.latestDay,
      stories: digest.latestDay.stories.slice(0, HOME_STORIES),
      more: Math.max(0, digest.latestDay.stories.length - HOME_STORIES),
    },
    topics: digest.topics.map((t) => ({
      id: t.id,
      label: t.label,
      url: t.url,
      count: t.count,
      chart: t.chart,
    })),
  } satisfies HomePage);
  digest.articlePages.forEach((article, i) => {
    add("article", (digest.articles[i] as { url: string }).url, article satisfies ArticlePage);
  });

  add("topic-index", urls.topics(), {
    topics: digest.topics.map((t) => ({
      id: t.id,
      label: t.label,
      description: t.description,
      url: t.url,
      count: t.count,
      feeds: t.feeds,
    })),
  } satisfies TopicIndexPage);
  for (const topic of digest.topics)
    for (const { path, data } of topicListings(topic, pageSize, days)) add("topic", path, data);

  add("place-index", urls.places(), {
    kinds: (Object.keys(PLACE_KIND_LABELS) as PlaceSummary["kind"][])
      .map((kind) => ({
        kind,
        label: PLACE_KIND_LABELS[kind],
        places: digest.places
          .filter((p) => p.kind === kind)
          .map((p) => ({ id: p.id, label: p.label, url: p.url, count: p.count })),
      }))
      .filter((k) => k.places.length > 0),
  } satisfies PlaceIndexPage);
  for (const place of digest.places)
    for (const { path, data } of placeListings(place, pageSize, days)) add("place", path, data);

  if (digest.watches.length > 0)
    add("watch-index", urls.watches(), {
      watches: digest.watches.map((w) => ({
        id: w.id,
        label: w.label,
        description: w.description,
        match: w.match,
        url: w.url,
        count: w.count,
        feeds: w.feeds,
      })),
    } satisfies WatchIndexPage);
  for (const watch of digest.watches)
    for (const { path, data } of watchListings(watch, pageSize, days)) add("watch", path, data);

  for (const story of digest.stories) add("story", story.url, story satisfies StorySummary);

  add("source-index", urls.sources(), {
    sources: digest.sources.map((s) => ({
      id: s.id,
      name: s.name,
      url: s.url,
      count: s.count,
      feeds: s.feeds,
    })),
  } satisfies SourceIndexPage);
  for (const source of digest.sources)
    for (const { path, data } of sourceListings(source, pageSize, days)) add("source", path, data);

  add("digest-index", urls.digests(), {
    days: digest.days.map(counted),
    weeks: digest.weeks.map(counted),
  } satisfies DigestIndexPage);
  for (const issue of digest.days) add("digest-day", issue.url, issue satisfies DayIssue);
  for (const issue of digest.weeks) add("digest-week", issue.url, issue satisfies WeekIssue);

  add("archive", urls.archive(), { months: digest.months.map(counted) } satisfies ArchivePage);
  for (const month of digest.months)
    for (const { path, data } of monthListings(month, pageSize, days)) add("archive-month", path, data);

  add("search", urls.search(), {});
  add("search-aliases", urls.searchAliases(), { topics: digest.searchAliases } satisfies SearchAliasesPage);
  add("not-found", urls.notFound(), {});

  const feeds = siteFeeds(digest);
  for (const feed of feeds)
    for (const format of ["atom", "rss", "json"] as const)
      add(FEED_KINDS[format], feed.paths[format], { format, feed } satisfies FeedPage);
  add("opml", urls.opml(), {
    groups: opmlGroups(feeds),
    updated: feeds[0]?.updatedRfc822,
  } satisfies OpmlPage);

  // Every page worth a search engine's visit: articles in monthly sitemaps, the rest in one.
  const htmlPages = pages
    .filter((p) => p.path.endsWith("/") && p.kind !== "article" && p.kind !== "search")
    .map((p) => p.path);
  const articleMonths = new Map<string, string[]>();
  for (const article of [...digest.articles].reverse()) {
    const month = article.day.slice(0, 7);
    const list = articleMonths.get(month) ?? [];
    list.push(article.url);
    articleMonths.set(month, list);
  }
  const sitemaps = [urls.sitemapPages(), ...[...articleMonths.keys()].map((m) => urls.sitemapArticles(m))];
  add("sitemap-index", urls.sitemap(), { sitemaps } satisfies SitemapIndexPage);
  add("sitemap", urls.sitemapPages(), { paths: htmlPages } satisfies SitemapPage);
  for (const [month, paths] of articleMonths)
    add("sitemap", urls.sitemapArticles(month), { paths } satisfies SitemapPage);
  add("robots", urls.robots(), {});
  return pages;
}
