import type { ArticleFile } from "../content/article-files.ts";
import { FEED_FORMATS, type FeedFormat, urls } from "../content/paths.ts";
import type { Place } from "../content/places.ts";
import type { Registries, Topic } from "../content/registry.ts";
import type { SiteSettings } from "../content/site-settings.ts";
import {
  type ArticleEntry,
  type ArticleKeys,
  ArticlePage,
  ArticleViews,
  type CardRef,
  type IssueLink,
} from "./article-views.ts";
import { dayLabel, monthLabel, weekLabel } from "./labels.ts";
import { relatedLookup } from "./related.ts";
import { searchAliases } from "./search-aliases.ts";
import { describeWatch, matchesWatch, type WatchExpression } from "../content/watches.ts";
import { xmlSafeText } from "./text.ts";
import {
  CHART_WEEKS,
  recentWeeks,
  type VolumeChart,
  volumeChart,
  weeklyCounts,
  weekOf,
  weeksSpanned,
} from "./volume-chart.ts";

export type {
  ArticleCard,
  ArticleEntry,
  ArticleView,
  IssueLink,
  RelatedRef,
  TopicLink,
  TopicRef,
} from "./article-views.ts";
export { effectiveTopics } from "./article-views.ts";
export { dayLabel, dayRangeLabel, languageLabel, monthLabel, weekLabel } from "./labels.ts";

/**
 * The digest as the pages need it: plain data, shaped here, so layouts only print. Everything is
 * sorted newest first and every URL comes from src/content/paths.ts.
 *
 * The model is made of every article's entry (src/site/article-views.ts), which is cheap: lists
 * hold {@link CardRef}s and article pages {@link ArticlePage}s, made into the cards and views they
 * stand for only for the pages a build renders.
 */

export type { RenderedArticle } from "./article-views.ts";
/** An article page, as the model holds it (see {@link ArticlePage}). */
export type { ArticlePage };

/** A feed as pages link to it (`<link rel="alternate">` and visible links). */
export interface FeedLink {
  format: FeedFormat;
  type: string;
  label: string;
  title: string;
  url: string;
}

/** Media types and names of the feed formats. */
export const FEED_FORMAT_INFO: Record<FeedFormat, { type: string; label: string }> = {
  atom: { type: "application/atom+xml", label: "Atom" },
  rss: { type: "application/rss+xml", label: "RSS" },
  json: { type: "application/feed+json", label: "JSON Feed" },
};

/** The three formats of one feed, titled for a reader's subscription list. */
export function feedLinks(title: string, url: (format: FeedFormat) => string): FeedLink[] {
  return FEED_FORMATS.map((format) => ({
    format,
    ...FEED_FORMAT_INFO[format],
    title: `${title} (${FEED_FORMAT_INFO[format].label})`,
    url: url(format),
  }));
}

export interface TopicGroup {
  id: string;
  label: string;
  url: string;
  articles: CardRef[];
}

export interface DayIssue {
  day: string;
  label: string;
  url: string;
  groups: TopicGroup[];
  count: number;
  /** The newest publication or update time of its articles: the issue's feed date. */
  newest: string;
  week: IssueLink;
  previous: IssueLink | undefined;
  next: IssueLink | undefined;
}

/** A weekly digest issue: Monday to Sunday of one ISO week. */
export interface WeekIssue {
  key: string;
  label: string;
  url: string;
  groups: TopicGroup[];
  count: number;
  days: (IssueLink & { count: number })[];
  previous: IssueLink | undefined;
  next: IssueLink | undefined;
}

/** One month of the archive. */
export interface MonthArchive {
  month: string;
  label: string;
  url: string;
  count: number;
  articles: CardRef[];
  previous: IssueLink | undefined;
  next: IssueLink | undefined;
}

export interface TopicSummary {
  id: string;
  label: string;
  description: string;
  url: string;
  feeds: FeedLink[];
  count: number;
  chart: VolumeChart | undefined;
  /** Newest first. */
  articles: CardRef[];
  /** The places its articles are about, most articles first (at most {@link PLACES_PER_TOPIC}). */
  places: PlaceCount[];
}

/** A place as a topic page lists it: how many of the topic's articles are about it. */
export interface PlaceCount {
  id: string;
  label: string;
  /** The search page, filtered to the topic's articles about the place. */
  url: string;
  count: number;
}

/** A place with articles: its page, feeds and articles. */
export interface PlaceSummary extends Omit<TopicSummary, "places"> {
  kind: Place["kind"];
}

/** An operator's watch (registry/watches.yaml): its page, feeds and the articles it matches. */
export interface WatchSummary extends Omit<TopicSummary, "places"> {
  /** The expression in words ("Elections and Russia"). */
  match: string;
}

export interface SourceSummary {
  id: string;
  name: string;
  url: string;
  feeds: FeedLink[];
  count: number;
  chart: VolumeChart | undefined;
  /** Newest first. */
  articles: CardRef[];
}

/** What every page knows about the site (the only data all pages share). */
export interface SiteGlobals extends SiteSettings {
  feedUrl: string;
  searchUrl: string;
  topicsUrl: string;
  placesUrl: string;
  /** The watches page, when the registry has watches. */
  watchesUrl: string | undefined;
  digestsUrl: string;
  sourcesUrl: string;
  archiveUrl: string;
  opmlUrl: string;
  sitemapUrl: string;
  /** The whole site's feeds, linked from every page. */
  feeds: FeedLink[];
  /** The digest-issues feeds (one entry per daily issue). */
  digestFeeds: FeedLink[];
}

export interface Digest {
  site: SiteGlobals;
  /** Every article: entries, and views and cards on demand. */
  views: ArticleViews;
  /** Newest first. */
  articles: ArticleEntry[];
  /** One per article, in the same order. */
  articlePages: ArticlePage[];
  topics: TopicSummary[];
  /** Places that have articles, in registry order. */
  places: PlaceSummary[];
  /** Every watch of the registry, with or without articles (a reader may follow it before). */
  watches: WatchSummary[];
  sources: SourceSummary[];
  days: DayIssue[];
  weeks: WeekIssue[];
  months: MonthArchive[];
  latestDay: DayIssue | undefined;
  latestArticles: CardRef[];
  /** Every spelling a search may use for each topic, by the topic's filter value (its label). */
  searchAliases: Record<string, string[]>;
}

/** How many articles the home page lists besides the latest issue. */
const LATEST_ARTICLES_ON_HOME = 10;
/** How many places a topic page lists ("Elections · Russia 12 · Ukraine 3 · …"). */
export const PLACES_PER_TOPIC = 12;

/** Links each item to its older (`previous`) and newer (`next`) neighbour; items are newest first. */
function linkNeighbours<T extends { url: string; label: string; previous?: IssueLink; next?: IssueLink }>(
  items: T[],
): T[] {
  items.forEach((item, i) => {
    const older = items[i + 1];
    const newer = items[i - 1];
    item.previous = older && { url: older.url, label: older.label };
    item.next = newer && { url: newer.url, label: newer.label };
  });
  return items;
}

/** Groups items by a key, keeping the items' order inside each group; keys sorted newest first. */
function groupNewestFirst<T>(items: readonly T[], key: (item: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0));
}

/** Articles grouped by topic (registry order), with the untagged ones last under "Other news". */
export function groupByTopic(
  articles: readonly ArticleEntry[],
  topics: readonly Topic[],
  card: (id: string) => CardRef,
): TopicGroup[] {
  const groups: TopicGroup[] = topics
    .map((topic) => ({
      id: topic.id,
      label: topic.labels.en,
      url: urls.topic(topic.id),
      articles: articles.filter((a) => a.topicIds.includes(topic.id)).map((a) => card(a.id)),
    }))
    .filter((group) => group.articles.length > 0);
  const untagged = articles.filter((a) => a.topicIds.length === 0).map((a) => card(a.id));
  if (untagged.length > 0) groups.push({ id: "other", label: "Other news", url: "", articles: untagged });
  return groups;
}

/** The newest of some ISO dates with offsets, compared as instants. */
function newestDate(dates: readonly string[]): string {
  let newest = dates[0] as string;
  for (const date of dates) if (Date.parse(date) > Date.parse(newest)) newest = date;
  return newest;
}

/** The ISO week of each day, worked out once per day. */
const weekKeys = new Map<string, string>();
const weekKeyOf = (day: string) => {
  let key = weekKeys.get(day);
  if (key === undefined) {
    key = weekOf(day).key;
    weekKeys.set(day, key);
  }
  return key;
};

/** One digest issue per day that has articles, newest first, linked to their neighbours. */
export function dailyIssues(views: ArticleViews, topics: readonly Topic[]): DayIssue[] {
  const card = (id: string) => views.cardRef(id);
  const issues = groupNewestFirst(views.entries, (a) => a.day).map(([day, own]) => ({
    day,
    label: dayLabel(day),
    url: urls.digestDay(day),
    groups: groupByTopic(own, topics, card),
    count: own.length,
    newest: newestDate(own.map((a) => a.changed)),
    week: { url: urls.digestWeek(day), label: weekLabel(weekOf(day)) },
    previous: undefined as IssueLink | undefined,
    next: undefined as IssueLink | undefined,
  }));
  return linkNeighbours(issues);
}

/** One digest issue per ISO week that has articles, newest first, listing its daily issues. */
export function weeklyIssues(views: ArticleViews, topics: readonly Topic[]): WeekIssue[] {
  const card = (id: string) => views.cardRef(id);
  const issues = groupNewestFirst(views.entries, (a) => weekKeyOf(a.day)).map(([key, own]) => {
    const week = weekOf(own[0]?.day as string);
    return {
      key,
      label: weekLabel(week),
      url: urls.digestWeek(week.monday),
      groups: groupByTopic(own, topics, card),
      count: own.length,
      days: groupNewestFirst(own, (a) => a.day).map(([day, ofDay]) => ({
        url: urls.digestDay(day),
        label: dayLabel(day),
        count: ofDay.length,
      })),
      previous: undefined as IssueLink | undefined,
      next: undefined as IssueLink | undefined,
    };
  });
  return linkNeighbours(issues);
}

/** One archive month (in the articles' own offsets) per month that has articles, newest first. */
export function monthlyArchive(views: ArticleViews): MonthArchive[] {
  const months = groupNewestFirst(views.entries, (a) => a.day.slice(0, 7)).map(([month, own]) => ({
    month,
    label: monthLabel(month),
    url: urls.archiveMonth(month),
    count: own.length,
    articles: own.map((a) => views.cardRef(a.id)),
    previous: undefined as IssueLink | undefined,
    next: undefined as IssueLink | undefined,
  }));
  return linkNeighbours(months);
}

/** Each article's page: its related articles (src/site/related.ts) and the topics they share. */
function articlePages(views: ArticleViews, registries: Registries): ArticlePage[] {
  const labels = new Map(registries.topics.map((t) => [t.id, t.labels.en]));
  const related = relatedLookup(views.entries);
  return views.entries.map((entry) => {
    const own = new Set(entry.topicIds);
    const links = related(entry).map((other) => ({
      card: views.cardRef(other.id),
      sharedTopics: other.topicIds.filter((id) => own.has(id)).map((id) => labels.get(id) as string),
    }));
    return new ArticlePage(entry.id, links, views);
  });
}

/**
 * The places a topic's articles are about, most articles first, then registry order: each links to
 * the search page filtered to the topic and the place (search filters are labels).
 */
function placeCounts(
  tagged: readonly ArticleEntry[],
  topicLabel: string,
  placeLabel: ReadonlyMap<string, string>,
): PlaceCount[] {
  const counts = new Map<string, number>();
  for (const entry of tagged) for (const id of entry.placeIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const order = [...placeLabel.keys()];
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || order.indexOf(a) - order.indexOf(b))
    .slice(0, PLACES_PER_TOPIC)
    .map(([id, count]) => {
      const label = placeLabel.get(id) as string;
      return { id, label, url: urls.searchFor({ topic: topicLabel, place: label }), count };
    });
}

/** What every page knows about the site, from its settings. */
export function siteGlobals(settings: SiteSettings, hasWatches = false): SiteGlobals {
  return {
    ...settings,
    feedUrl: urls.feed(),
    searchUrl: urls.search(),
    topicsUrl: urls.topics(),
    placesUrl: urls.places(),
    watchesUrl: hasWatches ? urls.watches() : undefined,
    digestsUrl: urls.digests(),
    sourcesUrl: urls.sources(),
    archiveUrl: urls.archive(),
    opmlUrl: urls.opml(),
    sitemapUrl: urls.sitemap(),
    feeds: feedLinks(`${settings.title}: all articles`, (f) => urls.feed(f)),
    digestFeeds: feedLinks(`${settings.title}: digest issues`, (f) => urls.digestFeed(f)),
  };
}

/** The whole digest model from validated article files; `known` are the article keys of the last build. */
export function buildDigest(
  files: readonly ArticleFile[],
  registries: Registries,
  settings: SiteSettings,
  known: ReadonlyMap<string, ArticleKeys> = new Map(),
): Digest {
  const views = new ArticleViews(files, registries, settings, known);
  const entries = views.entries;
  // Charts span the archive's weeks, the last CHART_WEEKS at most: a young archive's chart does not
  // open with empty weeks from before its first article. Every chart shares them, to compare.
  const newest = entries[0]?.day;
  const oldest = entries.at(-1)?.day;
  const chartWeeks =
    newest && oldest ? recentWeeks(newest, Math.min(CHART_WEEKS, weeksSpanned(oldest, newest))) : [];
  const chart = (own: readonly ArticleEntry[], subject: string) =>
    chartWeeks.length > 0
      ? volumeChart(
          chartWeeks,
          weeklyCounts(
            own.map((a) => a.day),
            chartWeeks,
          ),
          subject,
        )
      : undefined;
  const byTopic = new Map<string, ArticleEntry[]>(registries.topics.map((t) => [t.id, []]));
  const bySource = new Map<string, ArticleEntry[]>(registries.sources.map((s) => [s.id, []]));
  const byPlace = new Map<string, ArticleEntry[]>(registries.places.map((p) => [p.id, []]));
  const byWatch = new Map<string, ArticleEntry[]>(registries.watches.map((w) => [w.id, []]));
  for (const entry of entries) {
    for (const topic of entry.topicIds) byTopic.get(topic)?.push(entry);
    for (const place of entry.placeIds) byPlace.get(place)?.push(entry);
    bySource.get(entry.sourceId)?.push(entry);
    if (registries.watches.length === 0) continue;
    const subject = { topics: new Set(entry.topicIds), places: new Set(entry.placeIds) };
    for (const watch of registries.watches)
      if (matchesWatch(watch.expression, subject)) byWatch.get(watch.id)?.push(entry);
  }
  const refs = (own: readonly ArticleEntry[]) => own.map((a) => views.cardRef(a.id));
  const placeLabel = new Map(registries.places.map((p) => [p.id, p.labels.en]));
  const topics: TopicSummary[] = registries.topics.map((topic) => {
    const tagged = byTopic.get(topic.id) ?? [];
    return {
      id: topic.id,
      label: topic.labels.en,
      description: topic.description.en,
      url: urls.topic(topic.id),
      feeds: feedLinks(`${topic.labels.en} — ${settings.title}`, (f) => urls.topicFeed(topic.id, f)),
      count: tagged.length,
      chart: chart(tagged, topic.labels.en),
      articles: refs(tagged),
      places: placeCounts(tagged, topic.labels.en, placeLabel),
    };
  });
  const places: PlaceSummary[] = registries.places
    .filter((place) => (byPlace.get(place.id)?.length ?? 0) > 0)
    .map((place) => {
      const about = byPlace.get(place.id) ?? [];
      return {
        id: place.id,
        kind: place.kind,
        label: place.labels.en,
        description: `News about ${place.labels.en}.`,
        url: urls.place(place.id),
        feeds: feedLinks(`${place.labels.en} — ${settings.title}`, (f) => urls.placeFeed(place.id, f)),
        count: about.length,
        chart: chart(about, place.labels.en),
        articles: refs(about),
      };
    });
  const refName = (ref: WatchExpression) =>
    ref.op === "topic"
      ? (registries.topicById.get(ref.id)?.labels.en ?? ref.id)
      : ref.op === "place"
        ? (placeLabel.get(ref.id) ?? ref.id)
        : "";
  const watches: WatchSummary[] = registries.watches.map((watch) => {
    const matched = byWatch.get(watch.id) ?? [];
    const match = describeWatch(watch.expression, refName);
    return {
      id: watch.id,
      label: watch.label,
      description: watch.description ?? `Articles on ${match}.`,
      match,
      url: urls.watch(watch.id),
      feeds: feedLinks(`${watch.label} — ${settings.title}`, (f) => urls.watchFeed(watch.id, f)),
      count: matched.length,
      chart: chart(matched, watch.label),
      articles: refs(matched),
    };
  });
  const days = dailyIssues(views, registries.topics);
  return {
    site: siteGlobals(settings, registries.watches.length > 0),
    views,
    articles: entries,
    articlePages: articlePages(views, registries),
    topics,
    places,
    watches,
    sources: registries.sources.map((source) => {
      const own = bySource.get(source.id) ?? [];
      return {
        id: source.id,
        name: xmlSafeText(source.name),
        url: urls.source(source.id),
        feeds: feedLinks(`${source.name} — ${settings.title}`, (f) => urls.sourceFeed(source.id, f)),
        count: own.length,
        chart: chart(own, source.name),
        articles: refs(own),
      };
    }),
    days,
    weeks: weeklyIssues(views, registries.topics),
    months: monthlyArchive(views),
    latestDay: days[0],
    latestArticles: refs(entries.slice(0, LATEST_ARTICLES_ON_HOME)),
    searchAliases: Object.fromEntries(registries.topics.map((t) => [t.labels.en, searchAliases(t)])),
  };
}
