import { dateToRfc3339 } from "@11ty/eleventy-plugin-rss";
import { absoluteUrl, articleTagUri, feedTagUri, urls } from "../content/paths.ts";
import type { ArticleView, Digest } from "./digest-model.ts";

/**
 * Feed data, shaped for our own feed templates (layouts/feeds/). Entry ids are tag: URIs from the
 * article id, and a feed's `updated` is its newest entry's, so a rebuild without new articles
 * changes no byte.
 */

/** Entries per feed: enough for a reader that polls daily to miss nothing on a busy week. */
export const FEED_ENTRY_LIMIT = 50;

/** The `updated` of a feed with no entries: fixed, so an empty feed is stable across builds too. */
const EMPTY_FEED_UPDATED = "2024-01-01T00:00:00Z";

export interface FeedEntry {
  id: string;
  title: string;
  url: string;
  published: string;
  updated: string;
  author: string;
  sourceName: string;
  categories: { term: string; label: string; scheme: string }[];
  summary: string;
  contentHtml: string;
  language: string;
}

export interface Feed {
  name: string;
  id: string;
  title: string;
  subtitle: string;
  path: string;
  selfUrl: string;
  alternateUrl: string;
  updated: string;
  language: string;
  entries: FeedEntry[];
}

function entryFor(article: ArticleView, digest: Digest): FeedEntry {
  const { site } = digest;
  return {
    id: articleTagUri(site.tag_authority, article),
    title: article.title,
    url: article.absoluteUrl,
    published: dateToRfc3339(new Date(article.date)),
    updated: dateToRfc3339(new Date(article.updated ?? article.date)),
    author: article.byline ?? article.source.name,
    sourceName: article.source.name,
    categories: article.topics.map((t) => ({
      term: t.id,
      label: t.label,
      scheme: absoluteUrl(site.url, urls.topics()),
    })),
    summary: article.summary,
    contentHtml: article.bodyHtml,
    language: article.language,
  };
}

function feed(
  digest: Digest,
  options: { name: string; title: string; subtitle: string; path: string; alternate: string },
  articles: readonly ArticleView[],
): Feed {
  const entries = articles.slice(0, FEED_ENTRY_LIMIT).map((a) => entryFor(a, digest));
  const newest = entries
    .map((e) => e.updated)
    .sort()
    .at(-1);
  return {
    name: options.name,
    id: feedTagUri(digest.site.tag_authority, options.name),
    title: options.title,
    subtitle: options.subtitle,
    path: options.path,
    selfUrl: absoluteUrl(digest.site.url, options.path),
    alternateUrl: absoluteUrl(digest.site.url, options.alternate),
    updated: newest ?? EMPTY_FEED_UPDATED,
    language: digest.site.language,
    entries,
  };
}

/** The site feed and one feed per topic. */
export function atomFeeds(digest: Digest): Feed[] {
  return [
    feed(
      digest,
      {
        name: "all",
        title: digest.site.title,
        subtitle: digest.site.description,
        path: urls.feed(),
        alternate: urls.home(),
      },
      digest.articles,
    ),
    ...digest.topics.map((topic) =>
      feed(
        digest,
        {
          name: `topics/${topic.id}`,
          title: `${topic.label} — ${digest.site.title}`,
          subtitle: topic.description,
          path: topic.feedUrl,
          alternate: topic.url,
        },
        topic.articles,
      ),
    ),
  ];
}
