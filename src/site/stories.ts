import { urls } from "../content/paths.ts";
import type { ArticleEntry, CardRef, TopicLink } from "./article-views.ts";
import type { FeedLink } from "./feed-links.ts";

/**
 * Stories as the site shows them. Ingest gives each report of one event the same `story` id
 * (src/stories/) and records earlier copies of the same text in `duplicates`; here the archive's
 * reports are grouped by story, each copy is matched to the report it repeats, and a day's or a
 * week's articles become a list of stories, each story and each article once, the stories that
 * most outlets reported first.
 */

/** A story of the archive. */
export interface ArchiveStory {
  id: string;
  /** Oldest first: the story's timeline. */
  reports: ArticleEntry[];
  /** Distinct outlets, in the order they first reported. */
  outlets: string[];
  /** Its page, when it has two reports or more (a lone report is its article's page). */
  url: string | undefined;
}

/** A story in a digest issue: its lead report, the others of the issue, and how widely it ran. */
export interface IssueStory {
  /** The story id, or the article id of a report without a story. */
  key: string;
  lead: CardRef;
  /** The story's page, if it has one. */
  url: string | undefined;
  /** The other reports of the story in this issue; `copy` when one repeats an earlier text. */
  others: { card: CardRef; copy: boolean }[];
  /** Distinct outlets among the story's reports in this issue. */
  outlets: number;
  /** Reports of the story in the whole archive (the issue may show fewer). */
  reports: number;
}

const byTime = (a: ArticleEntry, b: ArticleEntry) =>
  a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every story of the archive, and which report repeats which. */
export class ArchiveStories {
  private readonly stories = new Map<string, ArchiveStory>();
  /** Article id → the id of the earlier article whose text it repeats. */
  private readonly copies = new Map<string, string>();

  constructor(entries: readonly ArticleEntry[]) {
    const grouped = new Map<string, ArticleEntry[]>();
    const byOriginalUrl = new Map<string, ArticleEntry>();
    for (const entry of entries) {
      if (entry.originalUrl !== undefined) byOriginalUrl.set(entry.originalUrl, entry);
      if (entry.storyId === undefined) continue;
      const list = grouped.get(entry.storyId);
      if (list) list.push(entry);
      else grouped.set(entry.storyId, [entry]);
    }
    for (const [id, reports] of grouped) {
      reports.sort(byTime);
      const outlets = [...new Set(reports.map((r) => r.sourceId))];
      this.stories.set(id, { id, reports, outlets, url: reports.length > 1 ? urls.story(id) : undefined });
    }
    for (const entry of entries)
      for (const url of entry.duplicates) {
        const original = byOriginalUrl.get(url);
        if (original && original.id !== entry.id) {
          this.copies.set(entry.id, original.id);
          break;
        }
      }
  }

  /** The story of an article, if it has one. */
  of(entry: ArticleEntry): ArchiveStory | undefined {
    return entry.storyId === undefined ? undefined : this.stories.get(entry.storyId);
  }

  /** The article an article's text repeats, if that article is in the archive. */
  copyOf(id: string): string | undefined {
    return this.copies.get(id);
  }

  /** Stories with a page (two reports or more), the one with the newest report first. */
  withPages(): ArchiveStory[] {
    return [...this.stories.values()]
      .filter((s) => s.url !== undefined)
      .sort((a, b) => byTime(b.reports.at(-1) as ArticleEntry, a.reports.at(-1) as ArticleEntry));
  }

  /**
   * Some articles (a day's, a week's) as stories: each story once with its reports among them, a
   * report without a story on its own. The lead is the earliest report that is not a copy. Ranked by
   * outlets, then reports, then the newest report, then key: a stable order.
   */
  inIssue(own: readonly ArticleEntry[], card: (id: string) => CardRef): IssueStory[] {
    const groups = new Map<string, ArticleEntry[]>();
    for (const entry of own) {
      const key = entry.storyId ?? entry.id;
      const list = groups.get(key);
      if (list) list.push(entry);
      else groups.set(key, [entry]);
    }
    const ranked = [...groups].map(([key, reports]) => {
      reports.sort(byTime);
      const lead = reports.find((r) => !this.copies.has(r.id)) ?? (reports[0] as ArticleEntry);
      const story = this.of(lead);
      return {
        key,
        lead,
        reports,
        newest: (reports.at(-1) as ArticleEntry).time,
        outlets: new Set(reports.map((r) => r.sourceId)).size,
        story,
      };
    });
    ranked.sort(
      (a, b) =>
        b.outlets - a.outlets ||
        b.reports.length - a.reports.length ||
        b.newest - a.newest ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
    return ranked.map(({ key, lead, reports, outlets, story }) => ({
      key,
      lead: card(lead.id),
      url: story?.url,
      others: reports
        .filter((r) => r !== lead)
        .map((r) => ({ card: card(r.id), copy: this.copies.has(r.id) })),
      outlets,
      reports: story?.reports.length ?? 1,
    }));
  }
}

/** A story's page: its timeline of reports by day, outlets, languages, topics and places. */
export interface StorySummary {
  id: string;
  /** The first report's title. */
  headline: string;
  url: string;
  feeds: FeedLink[];
  outlets: { id: string; name: string; url: string }[];
  /** Language names ("English, Ukrainian"), in the order they first reported. */
  languages: string[];
  topics: TopicLink[];
  places: TopicLink[];
  /** Oldest day first, reports oldest first within a day, each with its time in its own offset. */
  timeline: { day: string; label: string; reports: { card: CardRef; time: string; copy: boolean }[] }[];
  /** Newest first: the story's feed. */
  articles: CardRef[];
  count: number;
}

/** What an article page says of its story: where it is told, and who else reported it. */
export interface StoryLink {
  url: string;
  headline: string;
  /** Other outlets that reported it. */
  otherOutlets: string[];
  reports: number;
}

/** What the story pages need besides the stories: names, cards, labels and feed links. */
export interface StoryNames {
  card: (id: string) => CardRef;
  title: (entry: ArticleEntry) => string;
  source: (id: string) => { id: string; name: string; url: string };
  topic: (id: string) => TopicLink | undefined;
  place: (id: string) => TopicLink | undefined;
  dayLabel: (day: string) => string;
  language: (tag: string) => string;
  feeds: (story: { id: string; headline: string }) => FeedLink[];
}

/** The page of every story that has one, the one with the newest report first. */
export function storySummaries(stories: ArchiveStories, names: StoryNames): StorySummary[] {
  return stories.withPages().map((story) => {
    const headline = names.title(story.reports[0] as ArticleEntry);
    const days = new Map<string, { card: CardRef; time: string; copy: boolean }[]>();
    for (const report of story.reports) {
      const list = days.get(report.day) ?? [];
      list.push({
        card: names.card(report.id),
        time: report.date.slice(11, 16),
        copy: stories.copyOf(report.id) !== undefined,
      });
      days.set(report.day, list);
    }
    const ids = (pick: (r: ArticleEntry) => readonly string[]) => [
      ...new Set(story.reports.flatMap((r) => pick(r))),
    ];
    return {
      id: story.id,
      headline,
      url: story.url as string,
      feeds: names.feeds({ id: story.id, headline }),
      outlets: story.outlets.map(names.source),
      languages: ids((r) => [r.file.outline.language]).map(names.language),
      topics: ids((r) => r.topicIds).flatMap((id) => names.topic(id) ?? []),
      places: ids((r) => r.placeIds).flatMap((id) => names.place(id) ?? []),
      timeline: [...days].map(([day, reports]) => ({ day, label: names.dayLabel(day), reports })),
      articles: [...story.reports].reverse().map((r) => names.card(r.id)),
      count: story.reports.length,
    };
  });
}

/** The story an article page links to, if its story has a page. */
export function storyLink(
  stories: ArchiveStories,
  entry: ArticleEntry,
  names: Pick<StoryNames, "title" | "source">,
): StoryLink | undefined {
  const story = stories.of(entry);
  if (!story?.url) return undefined;
  return {
    url: story.url,
    headline: names.title(story.reports[0] as ArticleEntry),
    otherOutlets: story.outlets.filter((id) => id !== entry.sourceId).map((id) => names.source(id).name),
    reports: story.reports.length,
  };
}
