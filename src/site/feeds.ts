import { createRequire } from "node:module";
import type { Environment } from "nunjucks";
import {
  absoluteUrl,
  articleTagUri,
  FEED_FORMATS,
  type FeedFormat,
  feedTagUri,
  issueTagUri,
  urls,
} from "../content/paths.ts";
import { LAYOUTS_DIR } from "../project.ts";
import type { ArticleCard, ArticleEntry, ArticleViews, Stand } from "./article-views.ts";
import type { DayIssue, Digest, SiteGlobals } from "./digest-model.ts";
import type { IssueStory } from "./stories.ts";
import { xmlSafeText } from "./text.ts";

/** A digest issue's story with its cards made. */
type MadeIssueStory = Omit<IssueStory, "lead" | "others"> & {
  lead: ArticleCard;
  others: { card: ArticleCard; copy: boolean }[];
};

/**
 * Feed data, shaped for our own feed templates (layouts/feeds/) and, for JSON Feed, serialised
 * from plain objects. Every feed exists in three formats (Atom, RSS 2.0, JSON Feed 1.1) with the
 * same entries. Entry ids are tag: URIs from the article id (or the issue's day), and a feed's
 * `updated` is its newest entry's, so a rebuild without new articles changes no byte.
 */

/** Entries per feed: enough for a reader that polls daily to miss nothing on a busy week. */
export const FEED_ENTRY_LIMIT = 50;

/** The `updated` of a feed with no entries: fixed, so an empty feed is stable across builds too. */
const EMPTY_FEED_UPDATED = "2024-01-01T00:00:00Z";

export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  /** RFC 3339 (Atom, JSON Feed). */
  published: string;
  /** RFC 822 (RSS). */
  publishedRfc822: string;
  updated: string;
  /** The article's byline, or its outlet: never the site itself. */
  author: string;
  sourceName: string;
  categories: { term: string; label: string; scheme: string }[];
  summary: string;
  /** The entry's HTML; undefined until the feed is rendered (see `bodyOf` and `issueOf`). */
  contentHtml: string | undefined;
  /**
   * For an article entry: whose body the content is, and the hash of its file. The body is rendered
   * only when the feed itself is (src/site/render.ts); the hash stands for it in the feed's cache key.
   */
  bodyOf: { id: string; sha: string } | undefined;
  /** For a digest issue's entry: its stories, listed in the content when the feed is rendered. */
  issueOf: IssueStory[] | undefined;
  language: string;
}

export interface Feed {
  name: string;
  id: string;
  title: string;
  subtitle: string;
  /** Site path of each format. */
  paths: Record<FeedFormat, string>;
  /** Absolute URL of each format, for self links. */
  selfUrls: Record<FeedFormat, string>;
  alternateUrl: string;
  updated: string;
  updatedRfc822: string;
  language: string;
  /** Article entries stay {@link ArticleEntryRef}s until the feed is rendered. */
  entries: (FeedEntry | ArticleEntryRef)[];
}

/** RFC 3339 as Atom and JSON Feed write it: UTC, to the second. */
const rfc3339 = (date: string) => new Date(date).toISOString().replace(/\.\d{3}Z$/, "Z");
/**
 * RFC 822 as RSS 2.0 writes it, in UTC: the same bytes on a build machine in any time zone, and no
 * new Intl formatter per date (which made feeds a tenth of a one-article rebuild's time).
 */
const rfc822 = (date: string) => new Date(date).toUTCString();

/** An article's entry, from its card and the little more its outline tells (no parsing of the file). */
function articleEntry(card: ArticleCard, entry: ArticleEntry, site: SiteGlobals): FeedEntry {
  const { outline } = entry.file;
  return {
    id: articleTagUri(site.tag_authority, card),
    title: card.title,
    url: absoluteUrl(site.url, card.url),
    published: rfc3339(card.date),
    publishedRfc822: rfc822(card.date),
    updated: rfc3339(entry.changed),
    author: outline.byline !== undefined ? xmlSafeText(outline.byline) : card.source.name,
    sourceName: card.source.name,
    categories: [
      ...card.topics.map((t) => ({
        term: t.id,
        label: t.label,
        scheme: absoluteUrl(site.url, urls.topics()),
      })),
      ...card.places.map((p) => ({
        term: p.id,
        label: p.label,
        scheme: absoluteUrl(site.url, urls.places()),
      })),
    ],
    summary: card.summary,
    contentHtml: undefined,
    bodyOf: { id: card.id, sha: entry.file.sha },
    issueOf: undefined,
    language: card.language,
  };
}

/**
 * The feed templates, loaded on first use: only the render workers print feeds, and the main
 * thread, which plans them, starts sooner without nunjucks.
 */
let layouts: Environment | undefined;
function feedLayouts(): Environment {
  if (!layouts) {
    const nunjucks = createRequire(import.meta.url)("nunjucks") as typeof import("nunjucks");
    layouts = new nunjucks.Environment(new nunjucks.FileSystemLoader(LAYOUTS_DIR), {
      autoescape: true,
      throwOnUndefined: true,
    });
  }
  return layouts;
}

/**
 * The HTML of a digest issue inside a feed entry, from layouts/feeds/issue-content.njk: its
 * stories, each with its lead report and the others, cards made (src/site/article-views.ts).
 */
export function issueContentHtml(stories: readonly MadeIssueStory[], siteUrl: string): string {
  const link = (path: string) => absoluteUrl(siteUrl, path);
  return feedLayouts()
    .render("feeds/issue-content.njk", {
      stories: stories.map((story) => ({
        title: story.lead.title,
        url: link(story.lead.url),
        sourceName: story.lead.source.name,
        summary: story.lead.summary,
        storyUrl: story.url && link(story.url),
        outlets: story.outlets,
        others: story.others.map(({ card, copy }) => ({
          title: card.title,
          url: link(card.url),
          sourceName: card.source.name,
          copy,
        })),
      })),
    })
    .trim();
}

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

function issueEntry(issue: DayIssue, digest: Digest): FeedEntry {
  const { site } = digest;
  const leading = issue.stories[0];
  return {
    id: issueTagUri(site.tag_authority, issue.day),
    title: `Digest of ${issue.label}`,
    url: absoluteUrl(site.url, issue.url),
    published: rfc3339(issue.newest),
    publishedRfc822: rfc822(issue.newest),
    updated: rfc3339(issue.newest),
    // An issue is the digest's own work, so here (and only here) the site is the author.
    author: site.title,
    sourceName: site.title,
    categories: issue.topics.map((t) => ({
      term: t.id,
      label: t.label,
      scheme: absoluteUrl(site.url, urls.topics()),
    })),
    summary: `${plural(issue.count, "article")} in ${plural(issue.stories.length, "story", "stories")}${
      leading && leading.outlets > 1 ? `; the leading story was reported by ${leading.outlets} outlets` : ""
    }.`,
    contentHtml: undefined,
    bodyOf: undefined,
    issueOf: issue.stories,
    language: site.language,
  };
}

interface FeedOptions {
  name: string;
  title: string;
  subtitle: string;
  path: (format: FeedFormat) => string;
  alternate: string;
}

/**
 * An article's entry, as a feed's data holds it: its JSON is the hash of the article's view (which
 * with the site settings makes the entry), and the entry itself is made when the feed is rendered
 * (see src/site/article-views.ts).
 */
export class ArticleEntryRef implements Stand {
  /** The entry's `updated` (RFC 3339), which the feed's own `updated` is the newest of. */
  readonly updated: string;

  constructor(
    readonly id: string,
    changed: string,
    private readonly views: ArticleViews,
    private readonly site: SiteGlobals,
  ) {
    this.updated = rfc3339(changed);
  }

  toJSON(): { $entry: string; key: string } {
    return { $entry: this.id, key: this.views.keys(this.id).input };
  }

  materialize(): FeedEntry {
    return articleEntry(this.views.card(this.id), this.views.entry(this.id), this.site);
  }
}

function feed(digest: Digest, options: FeedOptions, entries: (FeedEntry | ArticleEntryRef)[]): Feed {
  const limited = entries.slice(0, FEED_ENTRY_LIMIT);
  const newest = limited
    .map((e) => e.updated)
    .sort()
    .at(-1);
  const paths = Object.fromEntries(FEED_FORMATS.map((f) => [f, options.path(f)])) as Record<
    FeedFormat,
    string
  >;
  const updated = newest ?? EMPTY_FEED_UPDATED;
  return {
    name: options.name,
    id: feedTagUri(digest.site.tag_authority, options.name),
    title: options.title,
    subtitle: options.subtitle,
    paths,
    selfUrls: Object.fromEntries(
      FEED_FORMATS.map((f) => [f, absoluteUrl(digest.site.url, paths[f])]),
    ) as Record<FeedFormat, string>,
    alternateUrl: absoluteUrl(digest.site.url, options.alternate),
    updated,
    updatedRfc822: rfc822(updated),
    language: digest.site.language,
    entries: limited,
  };
}

/** A feed whose entries are all made (src/site/article-views.ts `materialize`). */
export type MadeFeed = Omit<Feed, "entries"> & { entries: FeedEntry[] };

/**
 * Every feed of the site: all articles, digest issues, one per topic, place with articles, watch,
 * story with a page, and source.
 */
export function siteFeeds(digest: Digest): Feed[] {
  // Only the newest entries are published: refer to those alone, each article's once (it is in the
  // site's feed, its topics' and its source's).
  const entries = new Map<string, ArticleEntryRef>();
  const entry = (id: string) => {
    let made = entries.get(id);
    if (!made) {
      made = new ArticleEntryRef(id, digest.views.entry(id).changed, digest.views, digest.site);
      entries.set(id, made);
    }
    return made;
  };
  // An undated article (dated by ingest time) is in no feed: a reader would take it for news.
  const articles = (list: readonly { id: string }[]) =>
    list
      .filter((a) => !digest.views.entry(a.id).undated)
      .slice(0, FEED_ENTRY_LIMIT)
      .map((a) => entry(a.id));
  return [
    feed(
      digest,
      {
        name: "all",
        title: digest.site.title,
        subtitle: digest.site.description,
        path: (f) => urls.feed(f),
        alternate: urls.home(),
      },
      articles(digest.articles),
    ),
    feed(
      digest,
      {
        name: "digest",
        title: `Digest issues — ${digest.site.title}`,
        subtitle: `Every daily issue of ${digest.site.title}: the day's articles grouped by topic.`,
        path: (f) => urls.digestFeed(f),
        alternate: urls.digests(),
      },
      digest.days.slice(0, FEED_ENTRY_LIMIT).map((issue) => issueEntry(issue, digest)),
    ),
    ...digest.topics.map((topic) =>
      feed(
        digest,
        {
          name: `topics/${topic.id}`,
          title: `${topic.label} — ${digest.site.title}`,
          subtitle: topic.description,
          path: (f) => urls.topicFeed(topic.id, f),
          alternate: topic.url,
        },
        articles(topic.articles),
      ),
    ),
    ...digest.places.map((place) =>
      feed(
        digest,
        {
          name: `places/${place.id}`,
          title: `${place.label} — ${digest.site.title}`,
          subtitle: place.description,
          path: (f) => urls.placeFeed(place.id, f),
          alternate: place.url,
        },
        articles(place.articles),
      ),
    ),
    ...digest.watches.map((watch) =>
      feed(
        digest,
        {
          name: `watches/${watch.id}`,
          title: `${watch.label} — ${digest.site.title}`,
          subtitle: watch.description,
          path: (f) => urls.watchFeed(watch.id, f),
          alternate: watch.url,
        },
        articles(watch.articles),
      ),
    ),
    ...digest.stories.map((story) =>
      feed(
        digest,
        {
          name: `stories/${story.id}`,
          title: `${story.headline} — ${digest.site.title}`,
          subtitle: `Every report of this story in ${digest.site.title}, from ${story.outlets.length} outlet${story.outlets.length === 1 ? "" : "s"}.`,
          path: (f) => urls.storyFeed(story.id, f),
          alternate: story.url,
        },
        articles(story.articles),
      ),
    ),
    ...digest.sources.map((source) =>
      feed(
        digest,
        {
          name: `sources/${source.id}`,
          title: `${source.name} — ${digest.site.title}`,
          subtitle: `Articles from ${source.name} in ${digest.site.title}.`,
          path: (f) => urls.sourceFeed(source.id, f),
          alternate: source.url,
        },
        articles(source.articles),
      ),
    ),
  ];
}

/** An entry's HTML; it must have been filled in by {@link withContent}. */
function entryHtml(entry: FeedEntry): string {
  if (entry.contentHtml === undefined)
    throw new Error(`feed entry ${entry.id} has no content: render feeds through withContent()`);
  return entry.contentHtml;
}

/**
 * A feed with every entry's content, as the feed templates print it: article bodies rendered, and
 * issues' article lists (from a feed whose cards were made: src/site/article-views.ts).
 */
export function withContent(
  feed: MadeFeed,
  bodyHtml: (articleId: string) => string,
  siteUrl: string,
): MadeFeed {
  return {
    ...feed,
    entries: feed.entries.map((e) => {
      if (e.contentHtml !== undefined) return e;
      if (e.bodyOf) return { ...e, contentHtml: bodyHtml(e.bodyOf.id) };
      if (e.issueOf)
        return { ...e, contentHtml: issueContentHtml(e.issueOf as unknown as MadeIssueStory[], siteUrl) };
      return e;
    }),
  };
}

/** A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/). */
export interface JsonFeed {
  version: "https://jsonfeed.org/version/1.1";
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  items: {
    id: string;
    url: string;
    title: string;
    content_html: string;
    summary: string;
    date_published: string;
    date_modified: string;
    authors: { name: string }[];
    tags: string[];
    language: string;
  }[];
}

/** A feed as JSON Feed 1.1 data; pages serialise it with JSON.stringify, never a text template. */
export function jsonFeed(feed: MadeFeed): JsonFeed {
  return {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: feed.alternateUrl,
    feed_url: feed.selfUrls.json,
    description: feed.subtitle,
    language: feed.language,
    items: feed.entries.map((e) => ({
      id: e.id,
      url: e.url,
      title: e.title,
      content_html: entryHtml(e),
      summary: e.summary,
      date_published: e.published,
      date_modified: e.updated,
      authors: [{ name: e.author }],
      // A topic and a place may share an id (kharkiv): a tag is named once.
      tags: [...new Set(e.categories.map((c) => c.term))],
      language: e.language,
    })),
  };
}

export interface OpmlGroup {
  title: string;
  feeds: { title: string; xmlUrl: string; htmlUrl: string }[];
}

/**
 * The OPML subscription list, grouped as readers show folders. Each feed appears once, in Atom:
 * a reader importing the file subscribes to every outline, and three formats of the same feed
 * would show every article three times.
 */
export function opmlGroups(feeds: readonly Feed[]): OpmlGroup[] {
  const group = (title: string, match: (f: Feed) => boolean) => ({
    title,
    feeds: feeds
      .filter(match)
      .map((f) => ({ title: f.title, xmlUrl: f.selfUrls.atom, htmlUrl: f.alternateUrl })),
  });
  // A folder without feeds (no watches yet) is left out: readers would show it empty.
  return [
    group("Site", (f) => f.name === "all" || f.name === "digest"),
    group("Topics", (f) => f.name.startsWith("topics/")),
    group("Watches", (f) => f.name.startsWith("watches/")),
    group("Places", (f) => f.name.startsWith("places/")),
    group("Sources", (f) => f.name.startsWith("sources/")),
  ].filter((g) => g.feeds.length > 0);
}
