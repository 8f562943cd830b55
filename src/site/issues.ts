import { urls } from "../content/paths.ts";
import type { Topic } from "../content/registry.ts";
import type { ArticleEntry, ArticleViews, CardRef, IssueLink, TopicLink } from "./article-views.ts";
import { dayLabel, monthLabel, weekLabel } from "./labels.ts";
import type { ArchiveStories, IssueStory } from "./stories.ts";
import { weekOf } from "./volume-chart.ts";

/**
 * The digest's issues: one per day and one per ISO week that have articles, each a list of stories
 * (src/site/stories.ts), and the archive's months. Newest first, each linked to its neighbours.
 */

export interface DayIssue {
  day: string;
  label: string;
  url: string;
  /** Its stories, the ones most outlets reported first; each article in one of them. */
  stories: IssueStory[];
  /** Its topics (registry order), for the issue's feed entry. */
  topics: TopicLink[];
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
  stories: IssueStory[];
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

/** The topics of some articles, in registry order, as links. */
function topicsOf(own: readonly ArticleEntry[], topics: readonly Topic[]): TopicLink[] {
  const present = new Set(own.flatMap((a) => a.topicIds));
  return topics
    .filter((t) => present.has(t.id))
    .map((t) => ({ id: t.id, label: t.labels.en, url: urls.topic(t.id) }));
}

/** The articles an issue may hold: an undated one (dated by ingest time) is no day's news. */
const dated = (views: ArticleViews) => views.entries.filter((entry) => !entry.undated);

/** One digest issue per day that has articles, newest first, linked to their neighbours. */
export function dailyIssues(
  views: ArticleViews,
  topics: readonly Topic[],
  stories: ArchiveStories,
): DayIssue[] {
  const card = (id: string) => views.cardRef(id);
  const issues = groupNewestFirst(dated(views), (a) => a.day).map(([day, own]) => ({
    day,
    label: dayLabel(day),
    url: urls.digestDay(day),
    stories: stories.inIssue(own, card),
    topics: topicsOf(own, topics),
    count: own.length,
    newest: newestDate(own.map((a) => a.changed)),
    week: { url: urls.digestWeek(day), label: weekLabel(weekOf(day)) },
    previous: undefined as IssueLink | undefined,
    next: undefined as IssueLink | undefined,
  }));
  return linkNeighbours(issues);
}

/** One digest issue per ISO week that has articles, newest first, listing its daily issues. */
export function weeklyIssues(views: ArticleViews, stories: ArchiveStories): WeekIssue[] {
  const card = (id: string) => views.cardRef(id);
  const issues = groupNewestFirst(dated(views), (a) => weekKeyOf(a.day)).map(([key, own]) => {
    const week = weekOf(own[0]?.day as string);
    return {
      key,
      label: weekLabel(week),
      url: urls.digestWeek(week.monday),
      stories: stories.inIssue(own, card),
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
