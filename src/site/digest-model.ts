import type { ArticleFile } from "../content/article-files.ts";
import { urls } from "../content/paths.ts";
import type { Place } from "../content/places.ts";
import type { Registries } from "../content/registry.ts";
import type { SiteSettings } from "../content/site-settings.ts";
import { describeWatch, matchesWatch, type WatchExpression } from "../content/watches.ts";
import {
  type ArticleEntry,
  type ArticleKeys,
  ArticlePage,
  ArticleViews,
  type CardRef,
} from "./article-views.ts";
import { type FeedLink, feedLinks } from "./feed-links.ts";
import {
  type DayIssue,
  dailyIssues,
  type MonthArchive,
  monthlyArchive,
  type WeekIssue,
  weeklyIssues,
} from "./issues.ts";
import { dayLabel, languageLabel } from "./labels.ts";
import { relatedLookup } from "./related.ts";
import { searchAliases } from "./search-aliases.ts";
import { ArchiveStories, type StoryNames, type StorySummary, storyLink, storySummaries } from "./stories.ts";
import { xmlSafeText } from "./text.ts";
import {
  CHART_WEEKS,
  recentWeeks,
  type VolumeChart,
  volumeChart,
  weeklyCounts,
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
export { FEED_FORMAT_INFO, type FeedLink, feedLinks } from "./feed-links.ts";
export type { DayIssue, MonthArchive, WeekIssue } from "./issues.ts";
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
  /** Stories with two reports or more, each with its page and feeds; newest report first. */
  stories: StorySummary[];
  latestDay: DayIssue | undefined;
  /** Every spelling a search may use for each topic, by the topic's filter value (its label). */
  searchAliases: Record<string, string[]>;
}

/** How many places a topic page lists ("Elections · Russia 12 · Ukraine 3 · …"). */
export const PLACES_PER_TOPIC = 12;

/**
 * Each article's page: its related articles (src/site/related.ts) and the topics they share, its
 * story, and the copies of its text.
 */
function articlePages(
  views: ArticleViews,
  registries: Registries,
  stories: ArchiveStories,
  names: Pick<StoryNames, "title" | "source">,
): ArticlePage[] {
  const labels = new Map(registries.topics.map((t) => [t.id, t.labels.en]));
  const related = relatedLookup(views.entries);
  const copiedBy = new Map<string, string[]>();
  for (const entry of views.entries) {
    const original = stories.copyOf(entry.id);
    if (original)
      copiedBy.set(original, [...(copiedBy.get(original) ?? []), names.source(entry.sourceId).name]);
  }
  // Ten thousand pages name the same few lists of topics, and most name no other outlet: each list
  // is made once and shared (page data is only read), which keeps the model small.
  const topicLists = new Map<string, string[]>();
  const sharedList = (ids: string[]) => {
    const key = ids.join(" ");
    let list = topicLists.get(key);
    if (!list) {
      list = ids.map((id) => labels.get(id) as string);
      topicLists.set(key, list);
    }
    return list;
  };
  const none: string[] = [];
  return views.entries.map((entry) => {
    const own = new Set(entry.topicIds);
    const links = related(entry).map((other) => ({
      card: views.cardRef(other.id),
      sharedTopics: sharedList(other.topicIds.filter((id) => own.has(id))),
    }));
    const original = stories.copyOf(entry.id);
    const copies = copiedBy.get(entry.id);
    return new ArticlePage(entry.id, links, views, {
      story: storyLink(stories, entry, names),
      copyOf: original === undefined ? undefined : views.cardRef(original),
      alsoPublishedBy: copies ? [...new Set(copies)].sort() : none,
    });
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

/** What every page knows about the site, from its settings (and whether it has watches, for the menu). */
export function siteGlobals(settings: SiteSettings, registries: Pick<Registries, "watches">): SiteGlobals {
  const hasWatches = registries.watches.length > 0;
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
  // Undated articles (dated by ingest time) are listed last and counted in no chart.
  const datedEntries = entries.filter((entry) => !entry.undated);
  const newest = datedEntries[0]?.day;
  const oldest = datedEntries.at(-1)?.day;
  const chartWeeks =
    newest && oldest ? recentWeeks(newest, Math.min(CHART_WEEKS, weeksSpanned(oldest, newest))) : [];
  const chart = (own: readonly ArticleEntry[], subject: string) =>
    chartWeeks.length > 0
      ? volumeChart(
          chartWeeks,
          weeklyCounts(
            own.filter((a) => !a.undated).map((a) => a.day),
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
  // A topic and a place of one name (Kharkiv) say which they are in a watch's description.
  const topicLabels = new Set(registries.topics.map((t) => t.labels.en));
  const placeLabels = new Set(placeLabel.values());
  const refName = (ref: WatchExpression) => {
    if (ref.op === "topic") {
      const label = registries.topicById.get(ref.id)?.labels.en ?? ref.id;
      return placeLabels.has(label) ? `${label} (the topic)` : label;
    }
    if (ref.op !== "place") return "";
    const label = placeLabel.get(ref.id) ?? ref.id;
    return topicLabels.has(label) ? `${label} (the place)` : label;
  };
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
  const stories = new ArchiveStories(entries);
  const names: StoryNames = {
    card: (id) => views.cardRef(id),
    title: (entry) => xmlSafeText(entry.file.outline.title),
    source: (id) => ({
      id,
      name: xmlSafeText(registries.sourceById.get(id)?.name ?? id),
      url: urls.source(id),
    }),
    topic: (id) => {
      const topic = registries.topicById.get(id);
      return topic && { id, label: topic.labels.en, url: urls.topic(id) };
    },
    place: (id) => {
      const label = placeLabel.get(id);
      return label === undefined ? undefined : { id, label, url: urls.place(id) };
    },
    dayLabel,
    language: languageLabel,
    feeds: (story) => feedLinks(`${story.headline} — ${settings.title}`, (f) => urls.storyFeed(story.id, f)),
  };
  const days = dailyIssues(views, registries.topics, stories);
  return {
    site: siteGlobals(settings, registries),
    views,
    articles: entries,
    articlePages: articlePages(views, registries, stories, names),
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
    weeks: weeklyIssues(views, stories),
    months: monthlyArchive(views),
    stories: storySummaries(stories, names),
    latestDay: days[0],
    searchAliases: Object.fromEntries(registries.topics.map((t) => [t.labels.en, searchAliases(t)])),
  };
}
