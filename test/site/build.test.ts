import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { HtmlValidate } from "html-validate";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT, siteOptionsFromEnv } from "../../src/site/plugin.ts";
import { type BuiltPage, renderSite } from "../../src/site/render-site.ts";
import { handEditedArticle } from "../helpers/article-fixture.ts";
import { copyOfFixtures, PAGE_TYPES, siteOptions, tempDir } from "../helpers/site.ts";

/** An article page with its stylesheet must fit in this many gzipped bytes (one round trip, on a slow phone). */
const ARTICLE_PAGE_BUDGET = 10_240;

const htmlValidate = new HtmlValidate({
  extends: ["html-validate:recommended"],
  rules: {
    // Article titles are the outlet's own and often run past 70 characters; shortening them would
    // misquote the source, and the full title is what a reader searches their history for.
    "long-title": "off",
  },
});

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

  it("names where an article came from by its URL or file name, never by the operator's folders", () => {
    const page = pageAt(pages, "/articles/2024/04/02/city-budget-ee55ff66/");
    expect(page).toContain("<dt>Input</dt><dd>example-c.txt</dd>");
    expect(page).not.toContain("test/fixtures/example-c.txt");
  });

  it("shows a brief's text once: no summary when the body says no more", () => {
    const brief = pageAt(pages, "/articles/2024/04/02/city-budget-ee55ff66/");
    expect(brief).not.toContain('<p class="summary"');
    const article = brief.slice(brief.indexOf("<article"), brief.indexOf("</article>"));
    expect(article.split("The city council adopted a budget.").length - 1).toBe(1);
    expect(pageAt(pages, "/articles/2024/03/23/kharkiv-shelling-report-aa11bb22/")).toContain(
      '<p class="summary"',
    );
  });

  it("opens an article with its summary and body; why it has its topics and places follows, folded", () => {
    const page = pageAt(pages, "/articles/2024/03/23/kharkiv-shelling-report-aa11bb22/");
    const why = page.indexOf(
      '<details class="topics" data-pagefind-ignore>\n    <summary>Why these topics and places</summary>',
    );
    expect(why).toBeGreaterThan(page.indexOf('<div class="body">'));
    expect(page.indexOf('<p class="summary"')).toBeLessThan(page.indexOf('<div class="body">'));
  });

  it("describes a watch in words, naming a topic and a place of one name apart", () => {
    expect(pageAt(pages, "/watches/kharkiv-mobilization/")).toContain(
      "This watch lists every article on Mobilization and (Kharkiv (the topic) or Kharkiv (the place)).",
    );
    expect(pageAt(pages, "/watches/")).toContain("Matches Elections and Russia");
  });

  it("has every page type at the URL the scheme gives", () => {
    const urls = pages.map((p) => p.url).sort();
    expect(urls).toEqual(
      [
        "/",
        "/404.html",
        "/archive/",
        "/archive/2024/03/",
        "/archive/2024/04/",
        "/articles/2024/03/11/mobilization-notices-dd44ee55/",
        "/articles/2024/03/22/duma-election-law-cc33dd44/",
        "/articles/2024/03/23/kharkiv-call-up-points-bb22cc33/",
        "/articles/2024/03/23/kharkiv-shelling-report-aa11bb22/",
        "/articles/2024/04/02/city-budget-ee55ff66/",
        "/articles/2024/04/09/local-election-turnout-ff66aa77/",
        "/digest/",
        "/digest/2024/03/11/",
        "/digest/2024/03/22/",
        "/digest/2024/03/23/",
        "/digest/2024/04/02/",
        "/digest/2024/04/09/",
        "/digest/2024/w11/",
        "/digest/2024/w12/",
        "/digest/2024/w14/",
        "/digest/2024/w15/",
        "/feeds.opml",
        "/places/",
        "/places/kharkiv/",
        "/places/russia/",
        "/places/ukraine/",
        "/robots.txt",
        "/search/",
        "/search/aliases.json",
        "/sitemap.xml",
        "/sitemaps/articles-2024-03.xml",
        "/sitemaps/articles-2024-04.xml",
        "/sitemaps/pages.xml",
        "/sources/",
        "/sources/kyiv-independent/",
        "/sources/moscow-times/",
        "/topics/",
        "/topics/elections/",
        "/topics/kharkiv/",
        "/topics/mobilization/",
        "/watches/",
        "/watches/kharkiv-mobilization/",
        "/watches/russian-elections/",
        ...["/", "/digest/", ...["elections", "kharkiv", "mobilization"].map((t) => `/topics/${t}/`)]
          .concat(["kharkiv", "russia", "ukraine"].map((p) => `/places/${p}/`))
          .concat(["kharkiv-mobilization", "russian-elections"].map((w) => `/watches/${w}/`))
          .concat(["kyiv-independent", "moscow-times"].map((s) => `/sources/${s}/`))
          .flatMap((dir) => ["feed.xml", "feed.rss", "feed.json"].map((file) => `${dir}${file}`)),
      ].sort(),
    );
  });

  it.each(Object.entries(PAGE_TYPES))("the %s page has no html-validate error", async (_type, url) => {
    const report = await htmlValidate.validateString(pageAt(pages, url), url);
    const errors = report.results.flatMap((r) =>
      r.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
    );
    expect(errors).toEqual([]);
  });

  it("has no html-validate error on any HTML page", async () => {
    const errors: string[] = [];
    for (const page of pages.filter((p) => typeof p.url === "string" && /\/$|\.html$/.test(p.url))) {
      const report = await htmlValidate.validateString(page.content, String(page.url));
      for (const m of report.results.flatMap((r) => r.messages))
        errors.push(`${page.url} ${m.ruleId} ${m.message}`);
    }
    expect(errors).toEqual([]);
  });

  it("keeps every article page under 10 KB gzipped with its CSS, and free of JavaScript", () => {
    const css = readFileSync(resolve(PROJECT_ROOT, "public/assets/site.css"));
    const articles = pages.filter((p) => String(p.url).startsWith("/articles/"));
    expect(articles.length).toBeGreaterThan(0);
    for (const page of articles) {
      const bytes = gzipSync(page.content, { level: 9 }).length + gzipSync(css, { level: 9 }).length;
      expect(bytes, `${page.url} weighs ${bytes} bytes gzipped`).toBeLessThanOrEqual(ARTICLE_PAGE_BUDGET);
      expect(page.content).not.toMatch(/<script/i);
    }
  });

  it("links the site's feeds from every page, and a topic's or source's own feeds from its page", () => {
    for (const url of Object.values(PAGE_TYPES)) {
      const html = pageAt(pages, url);
      expect(html).toContain(
        '<link rel="alternate" type="application/atom+xml" title="Media Digest: all articles (Atom)" href="/feed.xml">',
      );
      expect(html).toContain(
        '<link rel="alternate" type="application/rss+xml" title="Media Digest: all articles (RSS)" href="/feed.rss">',
      );
      expect(html).toContain(
        '<link rel="alternate" type="application/feed+json" title="Media Digest: all articles (JSON Feed)" href="/feed.json">',
      );
    }
    const topic = pageAt(pages, PAGE_TYPES.topic);
    for (const file of ["feed.xml", "feed.rss", "feed.json"]) {
      expect(topic).toContain(
        `rel="alternate" type="${file === "feed.xml" ? "application/atom+xml" : file === "feed.rss" ? "application/rss+xml" : "application/feed+json"}" title="Mobilization — Media Digest`,
      );
      expect(topic).toContain(`href="/topics/mobilization/${file}"`);
      expect(pageAt(pages, PAGE_TYPES.source)).toContain(
        `<link rel="alternate" type="${file === "feed.xml" ? "application/atom+xml" : file === "feed.rss" ? "application/rss+xml" : "application/feed+json"}" title="The Kyiv Independent — Media Digest (`,
      );
    }
    expect(pageAt(pages, PAGE_TYPES["day issue"])).toContain('href="/digest/feed.xml"');
  });

  it("gives every page a canonical link and OpenGraph tags with absolute URLs", () => {
    for (const url of Object.values(PAGE_TYPES)) {
      const html = pageAt(pages, url);
      expect(html).toContain(`<link rel="canonical" href="https://digest.test${url}">`);
      expect(html).toContain(`<meta property="og:url" content="https://digest.test${url}">`);
      expect(html).toMatch(/<meta property="og:title" content="[^"]+">/);
    }
    expect(pageAt(pages, PAGE_TYPES.article)).toContain('<meta property="og:type" content="article">');
  });

  it("draws each topic's weekly volume as SVG bars with a name and a text equivalent", () => {
    const topic = pageAt(pages, PAGE_TYPES.topic);
    expect(topic).toContain('<svg role="img" aria-labelledby="chart-mobilization-title"');
    // The fixtures' weeks (W11 to W15), not twelve weeks that open with seven empty ones.
    expect(topic.match(/<rect class="bar"/g)).toHaveLength(5);
    expect(topic).toContain(
      '<title id="chart-mobilization-title">Mobilization: articles per ISO week, 2024-W11 to 2024-W15</title>',
    );
    expect(topic).toContain("2024-W11: 1, 2024-W12: 2; no articles in the other weeks.");
    const home = pageAt(pages, PAGE_TYPES.home);
    for (const id of ["mobilization", "kharkiv", "elections"])
      expect(home).toContain(`id="chart-${id}-title"`);
  });

  it("shows an article's language, photo credit, quotes, issues and related articles", () => {
    const html = pageAt(pages, PAGE_TYPES.article);
    expect(html).toContain('<span lang="en">English</span>');
    expect(html).toContain("Photo: A call-up point in Kharkiv (Example Photo Agency)");
    expect(html).toContain("<footer>— a regional official</footer>");
    expect(html).toContain('<a href="/digest/2024/03/23/">23 March 2024</a>');
    expect(html).toContain('<a href="/digest/2024/w12/">Week 12, 2024 (18–24 March 2024)</a>');
    expect(html).toMatch(
      /Related articles[\s\S]*kharkiv-shelling-report-aa11bb22[\s\S]*duma-election-law-cc33dd44/,
    );
    expect(html).toContain(
      'href="https://kyivindependent.com/kharkiv-call-up-points/" rel="nofollow noopener noreferrer"',
    );
  });

  it("lists weekly and daily issues on /digest/ and months on /archive/", () => {
    const issues = pageAt(pages, PAGE_TYPES["issues index"]);
    expect(issues).toContain('<a href="/digest/2024/w12/">Week 12, 2024 (18–24 March 2024)</a>');
    expect(issues).toContain('<a href="/digest/2024/03/11/">11 March 2024</a>');
    const archive = pageAt(pages, PAGE_TYPES.archive);
    expect(archive).toContain(
      '<a href="/archive/2024/03/">March 2024</a> <span class="count">4 articles</span>',
    );
    const week = pageAt(pages, PAGE_TYPES["week issue"]);
    expect(week).toContain('href="/digest/2024/w11/" rel="prev"');
    expect(week).toContain('href="/digest/2024/w14/" rel="next"');
  });

  it("gives sources their feeds and lists every HTML page in the sitemap", () => {
    expect(pageAt(pages, PAGE_TYPES.source)).toContain(
      '<a href="/sources/kyiv-independent/feed.rss" type="application/rss+xml">RSS</a>',
    );
    const sitemaps = pages
      .filter((p) => p.url.startsWith("/sitemaps/"))
      .map((p) => p.content)
      .join("\n");
    for (const url of Object.values(PAGE_TYPES).filter((u) => u !== "/404.html" && u !== "/search/"))
      expect(sitemaps).toContain(`<loc>https://digest.test${url}</loc>`);
  });

  it("shows a byline that is not the outlet's name beside the outlet", () => {
    expect(pageAt(pages, "/articles/2024/03/23/kharkiv-call-up-points-bb22cc33/")).toContain(
      "<span>Anna Example</span>",
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
    expect(home).toContain('Leading stories of <a href="/digest/2024/04/09/">9 April 2024</a>');
    // An untagged article is a story of its own like any other, without topic chips.
    expect(pageAt(pages, "/digest/2024/04/02/")).toContain("City adopts budget");
    const middle = pageAt(pages, "/digest/2024/03/23/");
    expect(middle).toContain('href="/digest/2024/03/22/" rel="prev"');
    expect(middle).toContain('href="/digest/2024/04/02/" rel="next"');
  });

  it("writes a sitemap index of per-month article sitemaps, in absolute URLs", () => {
    const index = pageAt(pages, "/sitemap.xml");
    expect(index).toContain("<sitemapindex");
    for (const part of ["pages", "articles-2024-03", "articles-2024-04"])
      expect(index).toContain(`<sitemap><loc>https://digest.test/sitemaps/${part}.xml</loc></sitemap>`);
    const march = pageAt(pages, "/sitemaps/articles-2024-03.xml");
    expect(march).toContain(
      "<loc>https://digest.test/articles/2024/03/23/kharkiv-shelling-report-aa11bb22/</loc>",
    );
    expect(march).not.toContain("2024/04/");
    expect(pageAt(pages, "/robots.txt")).toContain("Sitemap: https://digest.test/sitemap.xml");
    for (const sitemap of pages.filter((p) => p.url.includes("sitemap")))
      expect(sitemap.content).not.toContain("<loc>/");
  });

  it("gives topic feeds only their topic's articles, with stable tag: ids and categories", () => {
    const feed = pageAt(pages, "/topics/kharkiv/feed.xml");
    expect(feed.match(/<entry /g)).toHaveLength(2);
    expect(feed).toContain(
      "<id>tag:media-digest.example,2024:articles/kharkiv-shelling-report-aa11bb22</id>",
    );
    expect(feed).toContain('<category term="kharkiv" label="Kharkiv"');
    expect(feed).toContain("<author><name>Olena Example</name></author>");
    // The feed's updated is its newest entry's (16:40 at +02:00), not the build time.
    expect(feed).toContain("<updated>2024-03-23T14:40:00Z</updated>\n  <author>");
  });
});

describe("an article whose byline is its outlet's name", () => {
  // BBC pages name "BBC News" as their author: the article's line would read "BBC News · BBC News".
  let pages: BuiltPage[];
  beforeAll(async () => {
    const articlesDir = copyOfFixtures();
    const file = join(articlesDir, "2024/03/kharkiv-call-up-points-bb22cc33.md");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace("byline: Anna Example", "byline: The Kyiv Independent"),
    );
    pages = await renderSite(siteOptions(articlesDir));
  });

  it("names the outlet once on the article's page", () => {
    const page = pageAt(pages, "/articles/2024/03/23/kharkiv-call-up-points-bb22cc33/");
    expect(page).toContain(">The Kyiv Independent</a>");
    expect(page).not.toContain("<span>The Kyiv Independent</span>");
    expect(page).not.toContain("Anna Example");
  });
});

describe("topic pages with more articles than a page holds", () => {
  let pages: BuiltPage[];
  beforeAll(async () => {
    // The registry with page_size 1, so the three mobilization fixtures need three pages.
    const registryDir = tempDir("media-digest-registry-");
    cpSync(resolve(PROJECT_ROOT, "registry"), registryDir, { recursive: true });
    const site = readFileSync(join(registryDir, "site.yaml"), "utf8");
    writeFileSync(join(registryDir, "site.yaml"), site.replace(/^page_size: \d+$/m, "page_size: 1"));
    pages = await renderSite({ ...siteOptions(), registryDir });
  });

  it("shows the newest on the topic's page and numbers older pages from the oldest, linked both ways", async () => {
    const front = pageAt(pages, "/topics/mobilization/");
    const second = pageAt(pages, "/topics/mobilization/page/2/");
    const first = pageAt(pages, "/topics/mobilization/page/1/");
    expect(front).toContain("kharkiv-call-up-points-bb22cc33");
    expect(front).not.toContain("duma-election-law-cc33dd44");
    expect(front).toContain('<a href="/topics/mobilization/page/2/" rel="next">Older articles →</a>');
    expect(front).toContain("3 articles");
    expect(second).toContain("duma-election-law-cc33dd44/");
    expect(second).toContain('<a href="/topics/mobilization/" rel="prev">← Newer articles</a>');
    expect(second).toContain('<a href="/topics/mobilization/page/1/" rel="next">Older articles →</a>');
    expect(second).toContain("<title>Mobilization, page 2 · Media Digest</title>");
    expect(second).toContain("Page 2: 22 March 2024");
    // A numbered page shows nothing that changes with new articles: no count, no chart.
    expect(second).not.toContain("3 articles");
    expect(second).not.toContain("<svg");
    expect(first).toContain("mobilization-notices-dd44ee55/");
    expect(first).toContain('<a href="/topics/mobilization/page/2/" rel="prev">← Newer articles</a>');
    for (const [name, html] of [
      ["page 2", second],
      ["page 1", first],
    ] as const) {
      const report = await htmlValidate.validateString(html, name);
      expect(report.valid, name).toBe(true);
    }
  });
});

describe("a build with a bad article", () => {
  const expectBuildError = async (name: string, text: string, message: RegExp) => {
    const dir = copyOfFixtures();
    const file = join(dir, "2024/03", name);
    writeFileSync(file, text);
    await expect(renderSite(siteOptions(dir))).rejects.toThrow(message);
  };

  it("stops on an impossible date, naming the file, the field and the fix", async () => {
    await expectBuildError(
      "bad-article-12345678.md",
      handEditedArticle("").replace("date: 2024-03-22T10:00:00+03:00", "date: 2026-02-30T10:00:00+03:00"),
      /bad-article-12345678\.md: date: has day 30, but that month has 28 days\. Fix the field/,
    );
  });

  it("stops on an unknown topic and lists the known ones", async () => {
    await expectBuildError(
      "bad-article-12345678.md",
      handEditedArticle("").replace("topics: []", "topics: [helth]"),
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
    await expectBuildError(
      "bad-article-12345678.md",
      handEditedArticle("").replace("title: A title\n", ""),
      /title: /,
    );
  });
});

describe("build options", () => {
  it("reads DIGEST_ARTICLES, DIGEST_OUTPUT, DIGEST_CACHE and DIGEST_REGISTRY, defaulting to articles/, _site/, .cache/build/ and registry/", () => {
    const defaults = siteOptionsFromEnv({});
    expect(defaults.articlesDir).toMatch(/\/articles$/);
    expect(defaults.outputDir).toMatch(/\/_site$/);
    expect(defaults.cacheDir).toMatch(/\/\.cache\/build$/);
    expect(defaults.registryDir).toBeUndefined();
    const chosen = siteOptionsFromEnv({
      DIGEST_ARTICLES: "/tmp/in",
      DIGEST_OUTPUT: "/tmp/out",
      DIGEST_CACHE: "/tmp/cache",
      DIGEST_REGISTRY: "/tmp/registry",
    });
    expect(chosen).toMatchObject({
      articlesDir: "/tmp/in",
      outputDir: "/tmp/out",
      cacheDir: "/tmp/cache",
      registryDir: "/tmp/registry",
    });
  });
});
