import type { ArticleFile } from "../content/article-files.ts";
import { localDay } from "../content/dates.ts";
import { absoluteUrl, urls } from "../content/paths.ts";
import type { Registries, Topic } from "../content/registry.ts";
import type { Article, TopicEvidence } from "../content/schema.ts";
import type { SiteSettings } from "../content/site-settings.ts";
import { renderMarkdown } from "./markdown.ts";
import { xmlSafeText } from "./text.ts";

/**
 * The digest as the pages need it: plain data, shaped here, so layouts only print.
 * Everything is sorted newest first and every URL comes from src/content/paths.ts.
 */

export interface TopicRef {
  id: string;
  label: string;
  url: string;
  evidence: TopicEvidence | undefined;
  /** Terms of the topic in every language, so a search for Харків finds an article that says Kharkiv. */
  aliases: string[];
}

export interface ArticleView {
  id: string;
  file: string;
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
  topics: TopicRef[];
  summary: string;
  quotes: { text: string; speaker: string | undefined }[];
  cited: string[];
  imageCaption: string | undefined;
  imageCredit: string | undefined;
  bodyHtml: string;
  provenance: Article["provenance"];
  year: string;
}

export interface TopicGroup {
  id: string;
  label: string;
  url: string;
  articles: ArticleView[];
}

export interface DayIssue {
  day: string;
  label: string;
  url: string;
  groups: TopicGroup[];
  count: number;
  previous: { url: string; label: string } | undefined;
  next: { url: string; label: string } | undefined;
}

export interface TopicPage {
  topic: { id: string; label: string; description: string; url: string; feedUrl: string; count: number };
  page: number;
  totalPages: number;
  url: string;
  articles: ArticleView[];
  previousUrl: string | undefined;
  nextUrl: string | undefined;
}

export interface TopicSummary {
  id: string;
  label: string;
  description: string;
  url: string;
  feedUrl: string;
  count: number;
  articles: ArticleView[];
}

export interface SourceSummary {
  id: string;
  name: string;
  url: string;
  count: number;
  articles: ArticleView[];
}

export interface Digest {
  site: SiteSettings & {
    feedUrl: string;
    searchUrl: string;
    topicsUrl: string;
    digestsUrl: string;
    sourcesUrl: string;
  };
  articles: ArticleView[];
  topics: TopicSummary[];
  topicPages: TopicPage[];
  sources: SourceSummary[];
  days: DayIssue[];
  latestDay: DayIssue | undefined;
  latestArticles: ArticleView[];
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

/** A day as people read it, computed from the YYYY-MM-DD string alone (no time zone can shift it). */
export function dayLabel(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Topics of an article after the editor's override: (topics ∪ add) − remove, in registry order. */
export function effectiveTopics(article: Article, topics: readonly Topic[]): string[] {
  const chosen = new Set([...article.topics, ...(article.topics_override?.add ?? [])]);
  for (const removed of article.topics_override?.remove ?? []) chosen.delete(removed);
  return topics.filter((t) => chosen.has(t.id)).map((t) => t.id);
}

function topicAliases(topic: Topic): string[] {
  const words = new Set<string>([topic.labels.en, topic.labels.ru ?? "", topic.labels.uk ?? ""]);
  for (const list of Object.values(topic.terms))
    for (const { term } of list ?? []) words.add(term.replace(/\*/g, ""));
  return [...words].filter(Boolean);
}

function articleView(file: ArticleFile, registries: Registries, settings: SiteSettings): ArticleView {
  const { article } = file;
  const source = registries.sourceById.get(article.source);
  const url = urls.article(article);
  const day = localDay(article.date);
  return {
    id: article.id,
    file: file.file,
    title: xmlSafeText(article.title),
    url,
    absoluteUrl: absoluteUrl(settings.url, url),
    date: article.date,
    day,
    dateLabel: dayLabel(day),
    dateSource: article.date_source,
    dateSourceLabel: DATE_SOURCE_LABELS[article.date_source] ?? article.date_source,
    updated: article.updated,
    updateNote: article.update_note && xmlSafeText(article.update_note),
    source: { id: article.source, name: source?.name ?? article.source, url: urls.source(article.source) },
    originalUrl: article.url,
    byline: article.byline && xmlSafeText(article.byline),
    language: article.language,
    topics: effectiveTopics(article, registries.topics).map((id) => {
      const topic = registries.topicById.get(id) as Topic;
      return {
        id,
        label: topic.labels.en,
        url: urls.topic(id),
        evidence: article.topic_evidence[id],
        aliases: topicAliases(topic),
      };
    }),
    summary: xmlSafeText(article.summary),
    quotes: article.quotes.map((q) => ({
      text: xmlSafeText(q.text),
      speaker: q.speaker && xmlSafeText(q.speaker),
    })),
    cited: article.cited.map(xmlSafeText),
    imageCaption: article.image_caption && xmlSafeText(article.image_caption),
    imageCredit: article.image_credit && xmlSafeText(article.image_credit),
    bodyHtml: xmlSafeText(renderMarkdown(article.body)),
    provenance: article.provenance,
    year: article.date.slice(0, 4),
  };
}

/** Newest first; ties broken by id so the order never depends on the file system. */
export function byNewest(a: { date: string; id: string }, b: { date: string; id: string }): number {
  const diff = new Date(b.date).getTime() - new Date(a.date).getTime();
  return diff !== 0 ? diff : a.id.localeCompare(b.id);
}

/** Articles grouped by topic (registry order), with the untagged ones last under "Other news". */
export function groupByTopic(articles: readonly ArticleView[], topics: readonly Topic[]): TopicGroup[] {
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

/** One digest issue per day that has articles, newest first, linked to their neighbours. */
export function dailyIssues(articles: readonly ArticleView[], topics: readonly Topic[]): DayIssue[] {
  const byDay = new Map<string, ArticleView[]>();
  for (const article of articles) byDay.set(article.day, [...(byDay.get(article.day) ?? []), article]);
  const days = [...byDay.keys()].sort().reverse();
  const issues = days.map((day) => ({
    day,
    label: dayLabel(day),
    url: urls.digestDay(day),
    groups: groupByTopic(byDay.get(day) ?? [], topics),
    count: byDay.get(day)?.length ?? 0,
    previous: undefined as DayIssue["previous"],
    next: undefined as DayIssue["next"],
  }));
  issues.forEach((issue, i) => {
    const older = issues[i + 1];
    const newer = issues[i - 1];
    issue.previous = older && { url: older.url, label: older.label };
    issue.next = newer && { url: newer.url, label: newer.label };
  });
  return issues;
}

/** Each topic's articles cut into pages of `pageSize`; a topic with no articles still gets its page 1. */
export function topicPages(summaries: readonly TopicSummary[], pageSize: number): TopicPage[] {
  return summaries.flatMap((summary) => {
    const totalPages = Math.max(1, Math.ceil(summary.articles.length / pageSize));
    const { articles, ...topic } = summary;
    return Array.from({ length: totalPages }, (_, i) => ({
      topic,
      page: i + 1,
      totalPages,
      url: urls.topic(summary.id, i + 1),
      articles: articles.slice(i * pageSize, (i + 1) * pageSize),
      previousUrl: i > 0 ? urls.topic(summary.id, i) : undefined,
      nextUrl: i + 1 < totalPages ? urls.topic(summary.id, i + 2) : undefined,
    }));
  });
}

/** The whole digest model from validated article files. */
export function buildDigest(
  files: readonly ArticleFile[],
  registries: Registries,
  settings: SiteSettings,
): Digest {
  const articles = files.map((f) => articleView(f, registries, settings)).sort(byNewest);
  const topics: TopicSummary[] = registries.topics.map((topic) => {
    const tagged = articles.filter((a) => a.topics.some((t) => t.id === topic.id));
    return {
      id: topic.id,
      label: topic.labels.en,
      description: topic.description.en,
      url: urls.topic(topic.id),
      feedUrl: urls.topicFeed(topic.id),
      count: tagged.length,
      articles: tagged,
    };
  });
  const days = dailyIssues(articles, registries.topics);
  return {
    site: {
      ...settings,
      feedUrl: urls.feed(),
      searchUrl: urls.search(),
      topicsUrl: urls.topics(),
      digestsUrl: urls.digests(),
      sourcesUrl: urls.sources(),
    },
    articles,
    topics,
    topicPages: topicPages(topics, settings.page_size),
    sources: registries.sources.map((source) => {
      const own = articles.filter((a) => a.source.id === source.id);
      return {
        id: source.id,
        name: source.name,
        url: urls.source(source.id),
        count: own.length,
        articles: own,
      };
    }),
    days,
    latestDay: days[0],
    latestArticles: articles.slice(0, LATEST_ARTICLES_ON_HOME),
  };
}
