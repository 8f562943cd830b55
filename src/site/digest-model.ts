import { createHash } from "node:crypto";
import type { ArticleFile } from "../content/article-files.ts";
import { localDay } from "../content/dates.ts";
import { absoluteUrl, FEED_FORMATS, type FeedFormat, urls } from "../content/paths.ts";
import type { Registries, Topic } from "../content/registry.ts";
import type { Article, TopicEvidence } from "../content/schema.ts";
import type { SiteSettings } from "../content/site-settings.ts";
import { relatedLookup } from "./related.ts";
import { searchAliases } from "./search-aliases.ts";
import { type ArticleSearchFields, articleSearchFields, type RenderedSearchFields } from "./search-meta.ts";
import { xmlSafeText } from "./text.ts";
import {
  CHART_WEEKS,
  recentWeeks,
  type VolumeChart,
  volumeChart,
  type WeekRef,
  weeklyCounts,
  weekOf,
} from "./volume-chart.ts";

/**
 * The digest as the pages need it: plain data, shaped here, so layouts only print.
 * Everything is sorted newest first and every URL comes from src/content/paths.ts.
 *
 * Two shapes of an article: the {@link ArticleView} its own page prints, and the small
 * {@link ArticleCard} every list prints. Lists hold cards, so a list page's data (and the hash the
 * build caches it by) never carries article bodies, evidence or provenance. Bodies are not in the
 * model at all: the build renders a body only for the pages it actually re-renders.
 */

/** A topic as a link. */
export interface TopicLink {
  id: string;
  label: string;
  url: string;
}

/** A topic of an article, with why it was assigned. */
export interface TopicRef extends TopicLink {
  evidence: TopicEvidence | undefined;
}

/** An article as every list shows it. */
export interface ArticleCard {
  id: string;
  title: string;
  url: string;
  date: string;
  dateLabel: string;
  source: { id: string; name: string; url: string };
  language: string;
  topics: TopicLink[];
  summary: string;
}

export interface ArticleView {
  id: string;
  /** The file it was read from, relative to the articles folder. */
  file: string;
  /**
   * Hash of the file's bytes: it stands for the body in the page's cache key (the body is rendered
   * only when the page is).
   */
  sourceSha: string;
  title: string;
  url: string;
  absoluteUrl: string;
  date: string;
  day: string;
  dateLabel: string;
  dateSource: string;
  dateSourceLabel: string;
  updated: string | undefined;
  updateNote: string | undefined;
  source: { id: string; name: string; url: string };
  originalUrl: string | undefined;
  byline: string | undefined;
  language: string;
  /** The language's English name ("Ukrainian"), for readers who do not know BCP 47 tags. */
  languageLabel: string;
  topics: TopicRef[];
  summary: string;
  quotes: { text: string; speaker: string | undefined }[];
  cited: string[];
  imageCaption: string | undefined;
  imageCredit: string | undefined;
  provenance: Article["provenance"];
  year: string;
  /** The daily and weekly issues the article appears in. */
  dayIssue: IssueLink;
  weekIssue: IssueLink;
  related: RelatedRef[];
  /** Search-only fields (year-month filter, whether the summary is indexed): src/site/search-meta.ts. */
  search: ArticleSearchFields;
}

/** An article page's view with its rendered body and search text: what the article layout prints. */
export type RenderedArticle = Omit<ArticleView, "search"> & {
  bodyHtml: string;
  search: RenderedSearchFields;
};

/** A related article, as the article page lists it. */
export interface RelatedRef {
  title: string;
  url: string;
  sourceName: string;
  date: string;
  dateLabel: string;
  language: string;
  sharedTopics: string[];
}

export interface IssueLink {
  url: string;
  label: string;
}

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
  articles: ArticleCard[];
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
  articles: ArticleCard[];
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
  articles: ArticleCard[];
}

export interface SourceSummary {
  id: string;
  name: string;
  url: string;
  feeds: FeedLink[];
  count: number;
  chart: VolumeChart | undefined;
  /** Newest first. */
  articles: ArticleCard[];
}

/** What every page knows about the site (the only data all pages share). */
export interface SiteGlobals extends SiteSettings {
  feedUrl: string;
  searchUrl: string;
  topicsUrl: string;
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
  /** Newest first. */
  articles: ArticleView[];
  /** The same articles as cards, in the same order. */
  cards: ArticleCard[];
  topics: TopicSummary[];
  sources: SourceSummary[];
  days: DayIssue[];
  weeks: WeekIssue[];
  months: MonthArchive[];
  latestDay: DayIssue | undefined;
  latestArticles: ArticleCard[];
  /** Every spelling a search may use for each topic, by the topic's filter value (its label). */
  searchAliases: Record<string, string[]>;
}

const DATE_SOURCE_LABELS: Record<string, string> = {
  meta: "from the page's metadata",
  feed: "from the feed",
  text: "from the article text",
  cli: "given by the editor at ingest",
  ingested: "not known; this is when it was ingested",
};

/** How many articles the home page lists besides the latest issue. */
const LATEST_ARTICLES_ON_HOME = 10;

// Formatters are made once: making one costs more than formatting thousands of dates.
const dayFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });
const monthYearFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

/** A day as people read it, computed from the YYYY-MM-DD string alone (no time zone can shift it). */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return dayFormat.format(new Date(Date.UTC(y, m - 1, d)));
}

/** Topics of an article after the editor's override: (topics ∪ add) − remove, in registry order. */
export function effectiveTopics(article: Article, topics: readonly Topic[]): string[] {
  const chosen = new Set([...article.topics, ...(article.topics_override?.add ?? [])]);
  for (const removed of article.topics_override?.remove ?? []) chosen.delete(removed);
  return topics.filter((t) => chosen.has(t.id)).map((t) => t.id);
}

/** Evidence terms and snippet come from article text: made XML-safe like every other string. */
function safeEvidence(evidence: TopicEvidence | undefined): TopicEvidence | undefined {
  if (!evidence) return undefined;
  return {
    ...evidence,
    terms: evidence.terms.map((t) => ({ ...t, term: xmlSafeText(t.term) })),
    ...(evidence.snippet !== undefined ? { snippet: xmlSafeText(evidence.snippet) } : {}),
  };
}

/**
 * What articles share, computed once per build instead of once per article: topic links and
 * labels of days and weeks.
 */
interface Shared {
  registries: Registries;
  settings: SiteSettings;
  topicLinks: Map<string, TopicLink>;
  dayLabels: Map<string, string>;
  weekLinks: Map<string, IssueLink>;
}

function sharedContext(registries: Registries, settings: SiteSettings): Shared {
  const topicLinks = new Map(
    registries.topics.map((t) => [t.id, { id: t.id, label: t.labels.en, url: urls.topic(t.id) }]),
  );
  return {
    registries,
    settings,
    topicLinks,
    dayLabels: new Map(),
    weekLinks: new Map(),
  };
}

function memo<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

function articleView(file: ArticleFile, shared: Shared): ArticleView {
  const { article } = file;
  const { registries, settings } = shared;
  const source = registries.sourceById.get(article.source);
  const url = urls.article(article);
  const day = localDay(article.date);
  const dateLabel = memo(shared.dayLabels, day, () => dayLabel(day));
  const topicIds = effectiveTopics(article, registries.topics);
  const topics = topicIds.map((id) => ({
    ...(shared.topicLinks.get(id) as TopicLink),
    evidence: safeEvidence(article.topic_evidence[id]),
  }));
  return {
    id: article.id,
    file: file.file,
    sourceSha: file.sha,
    title: xmlSafeText(article.title),
    url,
    absoluteUrl: absoluteUrl(settings.url, url),
    date: article.date,
    day,
    dateLabel,
    dateSource: article.date_source,
    dateSourceLabel: DATE_SOURCE_LABELS[article.date_source] ?? article.date_source,
    updated: article.updated,
    updateNote: article.update_note && xmlSafeText(article.update_note),
    source: {
      id: article.source,
      name: xmlSafeText(source?.name ?? article.source),
      url: urls.source(article.source),
    },
    // The schema checked it parses as http(s); the parser's form has no raw control characters.
    originalUrl: article.url && new URL(article.url).href,
    byline: article.byline && xmlSafeText(article.byline),
    language: article.language,
    languageLabel: languageLabel(article.language),
    topics,
    summary: xmlSafeText(article.summary),
    quotes: article.quotes.map((q) => ({
      text: xmlSafeText(q.text),
      speaker: q.speaker && xmlSafeText(q.speaker),
    })),
    cited: article.cited.map(xmlSafeText),
    imageCaption: article.image_caption && xmlSafeText(article.image_caption),
    imageCredit: article.image_credit && xmlSafeText(article.image_credit),
    provenance: {
      ...article.provenance,
      input: xmlSafeText(article.provenance.input),
      extractor: xmlSafeText(article.provenance.extractor),
      tool_version: xmlSafeText(article.provenance.tool_version),
    },
    year: article.date.slice(0, 4),
    dayIssue: { url: urls.digestDay(day), label: dateLabel },
    weekIssue: memo(shared.weekLinks, weekOf(day).key, () => ({
      url: urls.digestWeek(day),
      label: weekLabel(weekOf(day)),
    })),
    related: [],
    search: articleSearchFields(article),
  };
}

/**
 * Gives a value that many pages share a hash of itself as its JSON form (a non-enumerable
 * `toJSON`, which layouts never see). Page keys are hashes of pages' JSON (src/site/build.ts): an
 * article's card is on its topic, source, month, day and week lists, and is hashed once, not on
 * every list. The value must not change afterwards.
 */
function hashedForKeys<T extends object>(value: T): Readonly<T> {
  const json = `#${createHash("sha1").update(JSON.stringify(value)).digest("base64")}`;
  Object.defineProperty(value, "toJSON", { value: () => json, enumerable: false });
  return Object.freeze(value);
}

/** The card of an article view: what lists print. */
function cardOf(view: ArticleView, shared: Shared): ArticleCard {
  return hashedForKeys({
    id: view.id,
    title: view.title,
    url: view.url,
    date: view.date,
    dateLabel: view.dateLabel,
    source: view.source,
    language: view.language,
    topics: view.topics.map((t) => shared.topicLinks.get(t.id) as TopicLink),
    summary: view.summary,
  });
}

const LANGUAGE_NAMES = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });

/** The English name of a BCP 47 language tag ("uk" → "Ukrainian"), or the tag when unknown. */
export function languageLabel(tag: string): string {
  try {
    return LANGUAGE_NAMES.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A week as people read it: "Week 12, 2024 (18–24 March 2024)". */
export function weekLabel(week: WeekRef): string {
  const [year, number] = week.key.split("-W");
  return `Week ${Number(number)}, ${year} (${dayRangeLabel(week.monday, week.sunday)})`;
}

/**
 * Two days as a range people read: "18–24 March 2024", "30 March – 5 April 2024",
 * "30 December 2024 – 5 January 2025", or one day when both are the same.
 */
export function dayRangeLabel(first: string, last: string): string {
  if (first === last) return dayLabel(first);
  // Written out by hand: Intl's formatRange spaces differ between ICU versions (thin spaces or not).
  const [y1, m1, d1] = first.split("-").map(Number) as [number, number, number];
  const [y2, m2, d2] = last.split("-").map(Number) as [number, number, number];
  const month = (y: number, m: number) => monthFormat.format(new Date(Date.UTC(y, m - 1, 1)));
  return y1 !== y2
    ? `${d1} ${month(y1, m1)} ${y1} – ${d2} ${month(y2, m2)} ${y2}`
    : m1 !== m2
      ? `${d1} ${month(y1, m1)} – ${d2} ${month(y2, m2)} ${y2}`
      : `${d1}–${d2} ${month(y2, m2)} ${y2}`;
}

/** A YYYY-MM month as people read it: "March 2024". */
export function monthLabel(month: string): string {
  return monthYearFormat.format(new Date(`${month}-01T00:00:00Z`));
}

function relatedRef(article: ArticleView, to: ArticleView): RelatedRef {
  const topics = new Set(to.topics.map((t) => t.id));
  return {
    title: article.title,
    url: article.url,
    sourceName: article.source.name,
    date: article.date,
    dateLabel: article.dateLabel,
    language: article.language,
    sharedTopics: article.topics.filter((t) => topics.has(t.id)).map((t) => t.label),
  };
}

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

/** Newest first; ties broken by id so the order never depends on the file system. */
export function byNewest(a: { date: string; id: string }, b: { date: string; id: string }): number {
  const diff = Date.parse(b.date) - Date.parse(a.date);
  return diff !== 0 ? diff : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Sorted by {@link byNewest}, each date parsed once. */
function newestFirst<T extends { date: string; id: string }>(items: readonly T[]): T[] {
  return items
    .map((item) => ({ item, time: Date.parse(item.date) }))
    .sort((a, b) => b.time - a.time || (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0))
    .map((entry) => entry.item);
}

/** Articles grouped by topic (registry order), with the untagged ones last under "Other news". */
export function groupByTopic(articles: readonly ArticleCard[], topics: readonly Topic[]): TopicGroup[] {
  const groups: TopicGroup[] = topics
    .map((topic) => ({
      id: topic.id,
      label: topic.labels.en,
      url: urls.topic(topic.id),
      articles: articles.filter((a) => a.topics.some((t) => t.id === topic.id)),
    }))
    .filter((group) => group.articles.length > 0);
  const untagged = articles.filter((a) => a.topics.length === 0);
  if (untagged.length > 0) groups.push({ id: "other", label: "Other news", url: "", articles: untagged });
  return groups;
}

/** The newest of some ISO dates with offsets, compared as instants. */
function newestDate(dates: readonly string[]): string {
  let newest = dates[0] as string;
  for (const date of dates) if (Date.parse(date) > Date.parse(newest)) newest = date;
  return newest;
}

/** One digest issue per day that has articles, newest first, linked to their neighbours. */
export function dailyIssues(
  articles: readonly ArticleView[],
  cards: ReadonlyMap<string, ArticleCard>,
  topics: readonly Topic[],
): DayIssue[] {
  const issues = groupNewestFirst(articles, (a) => a.day).map(([day, own]) => ({
    day,
    label: dayLabel(day),
    url: urls.digestDay(day),
    groups: groupByTopic(
      own.map((a) => cards.get(a.id) as ArticleCard),
      topics,
    ),
    count: own.length,
    newest: newestDate(own.map((a) => a.updated ?? a.date)),
    week: { url: urls.digestWeek(day), label: weekLabel(weekOf(day)) },
    previous: undefined as IssueLink | undefined,
    next: undefined as IssueLink | undefined,
  }));
  return linkNeighbours(issues);
}

/** One digest issue per ISO week that has articles, newest first, listing its daily issues. */
export function weeklyIssues(
  articles: readonly ArticleView[],
  cards: ReadonlyMap<string, ArticleCard>,
  topics: readonly Topic[],
): WeekIssue[] {
  const issues = groupNewestFirst(articles, (a) => weekOf(a.day).key).map(([key, own]) => {
    const week = weekOf(own[0]?.day as string);
    return {
      key,
      label: weekLabel(week),
      url: urls.digestWeek(week.monday),
      groups: groupByTopic(
        own.map((a) => cards.get(a.id) as ArticleCard),
        topics,
      ),
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
export function monthlyArchive(
  articles: readonly ArticleView[],
  cards: ReadonlyMap<string, ArticleCard>,
): MonthArchive[] {
  const months = groupNewestFirst(articles, (a) => a.day.slice(0, 7)).map(([month, own]) => ({
    month,
    label: monthLabel(month),
    url: urls.archiveMonth(month),
    count: own.length,
    articles: own.map((a) => cards.get(a.id) as ArticleCard),
    previous: undefined as IssueLink | undefined,
    next: undefined as IssueLink | undefined,
  }));
  return linkNeighbours(months);
}

/** The whole digest model from validated article files. */
export function buildDigest(
  files: readonly ArticleFile[],
  registries: Registries,
  settings: SiteSettings,
): Digest {
  const shared = sharedContext(registries, settings);
  const views = newestFirst(files.map((f) => articleView(f, shared)));
  const related = relatedLookup(views);
  for (const view of views) view.related = related(view).map((r) => relatedRef(r, view));
  const cards = views.map((v) => cardOf(v, shared));
  const cardById = new Map(cards.map((c) => [c.id, c]));
  // Every chart covers the same weeks (those up to the newest article), so charts compare at a glance.
  const chartWeeks = views[0] ? recentWeeks(views[0].day, CHART_WEEKS) : [];
  const dayOf = new Map(views.map((v) => [v.id, v.day]));
  const chart = (own: readonly ArticleCard[], subject: string) =>
    chartWeeks.length > 0
      ? volumeChart(
          chartWeeks,
          weeklyCounts(
            own.map((a) => dayOf.get(a.id) as string),
            chartWeeks,
          ),
          subject,
        )
      : undefined;
  const byTopic = new Map<string, ArticleCard[]>(registries.topics.map((t) => [t.id, []]));
  const bySource = new Map<string, ArticleCard[]>(registries.sources.map((s) => [s.id, []]));
  for (const card of cards) {
    for (const topic of card.topics) byTopic.get(topic.id)?.push(card);
    bySource.get(card.source.id)?.push(card);
  }
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
      articles: tagged,
    };
  });
  const days = dailyIssues(views, cardById, registries.topics);
  return {
    site: {
      ...settings,
      feedUrl: urls.feed(),
      searchUrl: urls.search(),
      topicsUrl: urls.topics(),
      digestsUrl: urls.digests(),
      sourcesUrl: urls.sources(),
      archiveUrl: urls.archive(),
      opmlUrl: urls.opml(),
      sitemapUrl: urls.sitemap(),
      feeds: feedLinks(`${settings.title}: all articles`, (f) => urls.feed(f)),
      digestFeeds: feedLinks(`${settings.title}: digest issues`, (f) => urls.digestFeed(f)),
    },
    articles: views,
    cards,
    topics,
    sources: registries.sources.map((source) => {
      const own = bySource.get(source.id) ?? [];
      return {
        id: source.id,
        name: xmlSafeText(source.name),
        url: urls.source(source.id),
        feeds: feedLinks(`${source.name} — ${settings.title}`, (f) => urls.sourceFeed(source.id, f)),
        count: own.length,
        chart: chart(own, source.name),
        articles: own,
      };
    }),
    days,
    weeks: weeklyIssues(views, cardById, registries.topics),
    months: monthlyArchive(views, cardById),
    latestDay: days[0],
    latestArticles: cards.slice(0, LATEST_ARTICLES_ON_HOME),
    searchAliases: Object.fromEntries(registries.topics.map((t) => [t.labels.en, searchAliases(t)])),
  };
}
