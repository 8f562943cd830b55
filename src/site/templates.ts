import { absoluteUrl } from "../content/paths.ts";
import type { SiteGlobals } from "./digest-model.ts";
import type { EleventyConfig } from "./eleventy.ts";
import { jsonFeed, type MadeFeed } from "./feeds.ts";
import type { FeedPage, PageKind, SearchAliasesPage } from "./page-plan.ts";

/**
 * How each kind of page is printed: its layout in layouts/ and the name its data has there. Every
 * kind is one Eleventy virtual template paginated over the pages of that kind being rendered (all
 * of them in a full build, only the changed ones in an incremental build), so no article text is
 * ever compiled as a template: a page is its layout filled with ready data.
 */
export const PAGE_TEMPLATES: Record<
  PageKind,
  { alias: string; layout: string } | { alias: string; write: (data: Record<string, unknown>) => string }
> = {
  article: { alias: "article", layout: "article.njk" },
  home: { alias: "home", layout: "home.njk" },
  "topic-index": { alias: "topicIndex", layout: "topics.njk" },
  topic: { alias: "listing", layout: "topic.njk" },
  "place-index": { alias: "placeIndex", layout: "places.njk" },
  place: { alias: "listing", layout: "place.njk" },
  "watch-index": { alias: "watchIndex", layout: "watches.njk" },
  watch: { alias: "listing", layout: "watch.njk" },
  story: { alias: "story", layout: "story.njk" },
  "source-index": { alias: "sourceIndex", layout: "sources.njk" },
  source: { alias: "listing", layout: "source.njk" },
  "digest-day": { alias: "issue", layout: "digest-day.njk" },
  "digest-week": { alias: "issue", layout: "digest-week.njk" },
  "digest-index": { alias: "issues", layout: "digests.njk" },
  archive: { alias: "archive", layout: "archive.njk" },
  "archive-month": { alias: "listing", layout: "archive-month.njk" },
  search: { alias: "searchPage", layout: "search.njk" },
  "search-aliases": {
    alias: "aliases",
    write: (data) => `${JSON.stringify(data.aliases as SearchAliasesPage)}\n`,
  },
  "not-found": { alias: "notFound", layout: "404.njk" },
  "atom-feed": { alias: "feedPage", layout: "feeds/atom.njk" },
  "rss-feed": { alias: "feedPage", layout: "feeds/rss.njk" },
  // JSON is serialised by JSON.stringify, never printed through a text template.
  "json-feed": {
    alias: "feedPage",
    write: (data) => `${JSON.stringify(jsonFeed((data.feedPage as FeedPage).feed as MadeFeed), null, 2)}\n`,
  },
  opml: { alias: "opml", layout: "feeds/opml.njk" },
  "sitemap-index": { alias: "sitemapIndex", layout: "feeds/sitemap-index.njk" },
  sitemap: { alias: "sitemap", layout: "feeds/sitemap.njk" },
  robots: { alias: "robots", layout: "feeds/robots.njk" },
};

/** Pages to render, by kind, each page's data object mapped to the site path it is written to. */
export interface RenderBatch {
  site: SiteGlobals;
  byKind: Map<PageKind, object[]>;
  pathOf: WeakMap<object, string>;
}

/** The global data name of a kind's list of pages. */
const listName = (kind: PageKind) => `pages_${kind.replaceAll("-", "_")}`;

/**
 * Registers the site's layouts configuration and one virtual template per page kind, paginated
 * over the batch's pages of that kind. `site` is the only data every page shares.
 */
export function addTemplates(config: EleventyConfig, batch: RenderBatch): void {
  config.addGlobalData("site", batch.site);
  config.addFilter("absoluteUrl", (path: string) => absoluteUrl(batch.site.url, path));
  for (const [kind, template] of Object.entries(PAGE_TEMPLATES) as [
    PageKind,
    (typeof PAGE_TEMPLATES)[PageKind],
  ][]) {
    const pages = batch.byKind.get(kind) ?? [];
    if (pages.length === 0) continue;
    config.addGlobalData(listName(kind), pages);
    const permalink = (data: Record<string, unknown>) => {
      const path = batch.pathOf.get(data[template.alias] as object);
      if (path === undefined)
        throw new Error(`a ${kind} page has no path: its data was copied, not passed on`);
      return path;
    };
    config.addTemplate(`_pages/${kind}.11ty.js`, {
      data: () => ({
        ...("layout" in template ? { layout: template.layout } : {}),
        pagination: { data: listName(kind), size: 1, alias: template.alias },
        permalink,
        eleventyExcludeFromCollections: true,
      }),
      render: "write" in template ? template.write : () => "",
    });
  }
}
