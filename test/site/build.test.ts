import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type BuiltPage, renderSite } from "../../src/site/build.ts";
import { siteOptionsFromEnv } from "../../src/site/plugin.ts";
import { copyOfFixtures, siteOptions } from "../helpers/site.ts";

const pageAt = (pages: BuiltPage[], url: string) => {
  const page = pages.find((p) => p.url === url);
  if (!page) throw new Error(`no page at ${url}; pages: ${pages.map((p) => p.url).join(", ")}`);
  return page.content;
};

describe("the site built in memory from the fixture articles", () => {
  let pages: BuiltPage[];
  beforeAll(async () => {
    pages = await renderSite(siteOptions());
  });

  it("has every page type at the URL the scheme gives", () => {
    const urls = pages.map((p) => p.url).sort();
    expect(urls).toEqual(
      [
        "/",
        "/404.html",
        "/articles/2024/03/22/duma-election-law-cc33dd44/",
        "/articles/2024/03/23/kharkiv-shelling-report-aa11bb22/",
        "/articles/2024/04/02/city-budget-ee55ff66/",
        "/digest/",
        "/digest/2024/03/22/",
        "/digest/2024/03/23/",
        "/digest/2024/04/02/",
        "/feed.xml",
        "/robots.txt",
        "/search/",
        "/sitemap.xml",
        "/sources/",
        "/sources/moscow-times/",
        "/topics/",
        "/topics/elections/",
        "/topics/elections/feed.xml",
        "/topics/kharkiv/",
        "/topics/kharkiv/feed.xml",
        "/topics/mobilization/",
        "/topics/mobilization/feed.xml",
      ].sort(),
    );
  });

  it("renders the article body as text, never as a template or raw HTML", () => {
    const html = pageAt(pages, "/articles/2024/03/23/kharkiv-shelling-report-aa11bb22/");
    expect(html).toContain("{{ 7 * 6 }} and {% raw %} stay text.");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('<html lang="uk">');
  });

  it("drops javascript: links and keeps http links", () => {
    const html = pageAt(pages, "/articles/2024/03/22/duma-election-law-cc33dd44/");
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).toContain('href="https://example.org/"');
  });

  it("escapes markup in titles", () => {
    const html = pageAt(pages, "/articles/2024/04/02/city-budget-ee55ff66/");
    expect(html).toContain(
      '<h1 data-pagefind-meta="title">City adopts budget &amp; &lt;b&gt;plan&lt;/b&gt;</h1>',
    );
  });

  it("shows each topic's evidence on the article page", () => {
    const html = pageAt(pages, "/articles/2024/03/23/kharkiv-shelling-report-aa11bb22/");
    expect(html).toContain("Why these topics");
    expect(html).toMatch(/харків\*” ×2/);
  });

  it("lets the editor's topics_override win: the Duma article is on the mobilization page", () => {
    expect(pageAt(pages, "/topics/mobilization/")).toContain(
      "/articles/2024/03/22/duma-election-law-cc33dd44/",
    );
    expect(pageAt(pages, "/topics/kharkiv/")).not.toContain("duma-election-law");
  });

  it("puts the newest issue on the home page and links issues to their neighbours", () => {
    const home = pageAt(pages, "/");
    expect(home).toContain('href="/digest/2024/04/02/"');
    expect(home).toContain("Other news");
    const middle = pageAt(pages, "/digest/2024/03/23/");
    expect(middle).toContain('href="/digest/2024/03/22/" rel="prev"');
    expect(middle).toContain('href="/digest/2024/04/02/" rel="next"');
  });

  it("writes a sitemap of absolute URLs", () => {
    const sitemap = pageAt(pages, "/sitemap.xml");
    expect(sitemap).toContain(
      "<loc>https://digest.test/articles/2024/03/23/kharkiv-shelling-report-aa11bb22/</loc>",
    );
    expect(sitemap).not.toContain("<loc>/");
  });

  it("gives topic feeds only their topic's articles, with stable tag: ids and categories", () => {
    const feed = pageAt(pages, "/topics/kharkiv/feed.xml");
    expect(feed.match(/<entry /g)).toHaveLength(1);
    expect(feed).toContain(
      "<id>tag:media-digest.example,2024:articles/kharkiv-shelling-report-aa11bb22</id>",
    );
    expect(feed).toContain('<category term="kharkiv" label="Kharkiv"');
    expect(feed).toContain("<author><name>Olena Example</name></author>");
    expect(feed).toContain("<updated>2024-03-23T08:15:00Z</updated>");
  });
});

describe("a build with a bad article", () => {
  const expectBuildError = async (name: string, text: string, message: RegExp) => {
    const dir = copyOfFixtures();
    const file = join(dir, "2024/03", name);
    writeFileSync(file, text);
    await expect(renderSite(siteOptions(dir))).rejects.toThrow(message);
  };

  const valid = (overrides: string) => `---
id: bad-article-12345678
title: A title
date: 2024-03-22T10:00:00+03:00
date_source: meta
source: moscow-times
language: en
topics: []
summary: A summary.
provenance:
  input: x.txt
  sha256: "${"a".repeat(64)}"
  extractor: fixture
  ingested_at: 2024-03-22T10:00:00+03:00
  tool_version: 0.1.0
${overrides}---

Body.
`;

  it("stops on an impossible date, naming the file, the field and the fix", async () => {
    await expectBuildError(
      "bad-article-12345678.md",
      valid("").replace("date: 2024-03-22T10:00:00+03:00", "date: 2026-02-30T10:00:00+03:00"),
      /bad-article-12345678\.md: date: has day 30, but that month has 28 days\. Fix the field/,
    );
  });

  it("stops on an unknown topic and lists the known ones", async () => {
    await expectBuildError(
      "bad-article-12345678.md",
      valid("").replace("topics: []", "topics: [helth]"),
      /topics\[0\]: "helth" is not a known topic \(known: mobilization, kharkiv, elections\)/,
    );
  });

  it("stops on a ---js block without running it", async () => {
    const marker = "__mediaDigestPwned";
    await expectBuildError(
      "bad-article-12345678.md",
      `---js\n{ title: (globalThis.${marker} = true, "x") }\n---\nBody\n`,
      /only YAML front matter is accepted/,
    );
    expect((globalThis as Record<string, unknown>)[marker]).toBeUndefined();
  });

  it("stops on broken YAML and on a missing title", async () => {
    await expectBuildError(
      "bad-article-12345678.md",
      "---\ntitle: [unclosed\n---\nBody\n",
      /front matter: cannot be read/,
    );
    await expectBuildError("bad-article-12345678.md", valid("").replace("title: A title\n", ""), /title: /);
  });
});

describe("build options", () => {
  it("reads DIGEST_ARTICLES and DIGEST_OUTPUT, defaulting to articles/ and _site/", () => {
    const defaults = siteOptionsFromEnv({});
    expect(defaults.articlesDir).toMatch(/\/articles$/);
    expect(defaults.outputDir).toMatch(/\/_site$/);
    const chosen = siteOptionsFromEnv({ DIGEST_ARTICLES: "/tmp/in", DIGEST_OUTPUT: "/tmp/out" });
    expect(chosen).toMatchObject({ articlesDir: "/tmp/in", outputDir: "/tmp/out" });
  });
});
