import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listArticleFiles } from "../../src/content/article-files.ts";
import { parseArticle, serializeArticle } from "../../src/content/front-matter.ts";
import { articleFilePath, urls } from "../../src/content/paths.ts";
import { loadRegistries } from "../../src/content/registry.ts";
import { ingestInputs } from "../../src/ingest/pipeline.ts";
import { buildSite } from "../../src/site/build.ts";
import { renderSite } from "../../src/site/render-site.ts";
import { validArticle } from "../helpers/article-fixture.ts";
import { xmllintErrors } from "../helpers/feeds.ts";
import { canRun, xmllint } from "../helpers/requirements.ts";
import { siteOptions, tempDir } from "../helpers/site.ts";

/**
 * Issue 7, "the build never breaks on content": titles that slugify alike get distinct, valid
 * URLs; control characters and lone surrogates in content leave feeds well-formed XML.
 */

const TITLES = [
  "Kharkiv: shelling, again!",
  "Kharkiv — shelling again?",
  "Kharkiv shelling again",
  "Харків: обстріл",
  "Харьков: обстрел",
  "哈尔科夫遭到炮击",
  "ハルキウ砲撃",
  "🔥🔥🔥",
  "🔥🔥",
  "!!!",
  "???",
];

describe("titles that slugify alike", () => {
  it("are ingested into distinct articles with distinct, valid URLs that all build", async () => {
    const root = tempDir("media-digest-titles-");
    mkdirSync(join(root, "in"));
    const files = TITLES.map((title, i) => {
      const file = join(root, "in", `t${i}.txt`);
      writeFileSync(file, `${title}\n\nBody paragraph ${i} about the city council and its budget.\n`);
      return file;
    });
    const articles = join(root, "articles");
    const report = await ingestInputs(files, {
      outDir: articles,
      source: "moscow-times",
      day: "2024-05-03",
      dryRun: false,
      registries: loadRegistries(),
      toolVersion: "0.0.0",
      now: new Date("2026-01-01T00:00:00Z"),
    });
    expect(report.items.map((i) => i.status)).toEqual(TITLES.map(() => "written"));
    const urlsByTitle = new Map(
      listArticleFiles(articles).map((file) => {
        const article = parseArticle(readFileSync(join(articles, file), "utf8"), file);
        return [article.title, urls.article(article)];
      }),
    );
    expect([...urlsByTitle.keys()].sort()).toEqual([...TITLES].sort());
    const all = [...urlsByTitle.values()];
    expect(new Set(all).size).toBe(TITLES.length);
    for (const url of all) expect(url).toMatch(/^\/articles\/2024\/05\/03\/[a-z0-9]+(?:-[a-z0-9]+)*\/$/);
    const built = (await renderSite(siteOptions(articles))).map((p) => p.url);
    for (const url of all) expect(built).toContain(url);
  });
});

describe("control characters and lone surrogates in content", () => {
  const nasty = "A\u0001B\u0008C\u000BD\u001FE\uFFFEF\uD800G\uDC00H\u007F";

  it("survive serializeArticle and parse back", () => {
    const article = { ...validArticle(), title: nasty, body: nasty };
    const back = parseArticle(serializeArticle(article), "nasty.md");
    expect(back.title).toBe(nasty);
  });

  it.runIf(canRun(xmllint))("leave every feed and the sitemap well-formed XML", async () => {
    const articles = join(tempDir("media-digest-nasty-"), "articles");
    const base = validArticle();
    const article = {
      ...base,
      id: "nasty-characters-12345678",
      title: `Title ${nasty}`,
      summary: `Summary ${nasty}`,
      byline: `Byline ${nasty}`,
      quotes: [{ text: `Quote ${nasty}`, speaker: `Speaker ${nasty}` }],
      cited: [`Cited ${nasty}`],
      image_caption: `Caption ${nasty}`,
      image_credit: `Credit ${nasty}`,
      update_note: `Update ${nasty}`,
      provenance: { ...base.provenance, input: `input ${nasty}.txt` },
      body: `Body ${nasty}\n\n[link ${nasty}](https://example.org/${nasty})`,
    };
    const file = join(articles, articleFilePath(article));
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(file, serializeArticle(article));
    const options = siteOptions(articles);
    await buildSite(options);
    for (const feed of [
      "feed.xml",
      "topics/kharkiv/feed.xml",
      "topics/mobilization/feed.xml",
      "sitemap.xml",
    ]) {
      expect(xmllintErrors(join(options.outputDir, feed)), feed).toBe("");
    }
    const html = readFileSync(join(options.outputDir, urls.article(article), "index.html"), "utf8");
    for (const forbidden of ["\u0001", "\u0008", "\u000B", "\u001F", "\uFFFE"])
      expect(html.split("\n").filter((l) => l.includes(forbidden))).toEqual([]);
    expect(html).toContain("Title ABCDEF\uFFFDG\uFFFDH");
  });
});
