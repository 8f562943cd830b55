import { readFileSync } from "node:fs";
import { join } from "node:path";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "../../src/site/build.ts";
import { type BuiltPage, renderSite } from "../../src/site/render-site.ts";
import { STORY, siteOptions, storyArticles } from "../helpers/site.ts";

const pageAt = (pages: BuiltPage[], url: string) => {
  const page = pages.find((p) => p.url === url);
  if (!page) throw new Error(`no page at ${url}`);
  return page.content;
};

describe("stories on the site", () => {
  let pages: BuiltPage[];
  beforeAll(async () => {
    pages = await renderSite(siteOptions(storyArticles()));
  });

  it("gives a story of several reports its page: headline of the first report, a timeline by outlet, feeds", async () => {
    const page = pageAt(pages, `/stories/${STORY}/`);
    expect(page).toContain("<h1>Kharkiv opens new call-up points as mobilization widens</h1>");
    expect(page).toMatch(
      /3 reports from 2 outlets: <a href="\/sources\/kyiv-independent\/">The Kyiv Independent<\/a>, <a href="\/sources\/moscow-times\/">The Moscow Times<\/a>/,
    );
    const timeline = page.slice(page.indexOf('<ol class="timeline">'));
    expect(timeline.indexOf("16:40")).toBeLessThan(timeline.indexOf("19:00"));
    expect(timeline).toContain("same text as an earlier report");
    expect(page).toContain(`href="/stories/${STORY}/feed.xml"`);
    const report = await new HtmlValidate({
      extends: ["html-validate:recommended"],
      rules: { "long-title": "off" },
    }).validateString(page);
    expect(report.results.flatMap((r) => r.messages.map((m) => m.message))).toEqual([]);
    for (const file of ["feed.xml", "feed.rss", "feed.json"])
      expect(pages.some((p) => p.url === `/stories/${STORY}/${file}`)).toBe(true);
  });

  it("lists the story once in the day's issue, first for having most outlets, with each report once", () => {
    const issue = pageAt(pages, "/digest/2024/03/23/");
    const list = issue.slice(
      issue.indexOf('<ol class="story-list">'),
      issue.indexOf("</ol>", issue.indexOf('<ol class="story-list">')),
    );
    const leads = [...list.matchAll(/<h2 class="item-title"[^>]*><a href="([^"]+)"/g)].map((m) => m[1]);
    expect(leads[0]).toBe("/articles/2024/03/23/kharkiv-call-up-points-bb22cc33/");
    expect(leads).toHaveLength(2); // the story and the shelling report
    for (const id of [
      "kharkiv-call-up-points-bb22cc33",
      "kharkiv-queues-at-call-up-points-aa00bb11",
      "kharkiv-call-up-points-copy-cc00dd11",
      "kharkiv-shelling-report-aa11bb22",
    ])
      expect(list.split(`/${id}/`).length - 1, id).toBe(1);
    expect(list).toContain("<strong>2 outlets</strong>");
    expect(list).toContain("Also published by The Moscow Times");
    expect(list).toContain(`<a href="/stories/${STORY}/">The story so far: 3 reports</a>`);
  });

  it.each([
    ["rendered in memory", (path: string) => pageAt(pages, path)],
    [
      "built by `npm run build` (pages travel to render workers as JSON)",
      async (path: string) => {
        const options = siteOptions(storyArticles());
        await buildSite(options, () => {});
        return readFileSync(join(options.outputDir, path, "index.html"), "utf8");
      },
    ],
  ])(
    "tells an article's reader its story, the other outlets, and where the same text ran (%s)",
    async (_, read) => {
      const original = await read("/articles/2024/03/23/kharkiv-call-up-points-bb22cc33/");
      expect(original).toContain(`Part of the story <a href="/stories/${STORY}/">`);
      expect(original).toContain("also reported by The Moscow Times");
      expect(original).toContain("Also published by The Moscow Times.");
      const copy = await read("/articles/2024/03/23/kharkiv-call-up-points-copy-cc00dd11/");
      expect(copy).toContain(
        'The same text as <a href="/articles/2024/03/23/kharkiv-call-up-points-bb22cc33/">',
      );
    },
  );

  it("opens the home page with the leading stories, each article once", () => {
    const home = pageAt(pages, "/");
    expect(home).toContain("Leading stories of");
    // The latest issue (9 April) has one article: it leads, and no article appears twice.
    const links = [...home.matchAll(/href="(\/articles\/[^"]+)"/g)].map((m) => m[1]);
    expect(links).toEqual(["/articles/2024/04/09/local-election-turnout-ff66aa77/"]);
    expect(home).not.toContain("Latest articles");
  });

  it("gives a lone report no story page", () => {
    expect(pages.some((p) => String(p.url).startsWith("/stories/") && !String(p.url).includes(STORY))).toBe(
      false,
    );
  });
});
