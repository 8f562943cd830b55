import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as pagefind from "pagefind";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outputFileFor } from "../../src/content/paths.ts";
import { type BuiltPage, renderSite } from "../../src/site/render-site.ts";
import { searchableHtml } from "../../src/site/search-index-worker.ts";
import { siteOptions, tempDir } from "../helpers/site.ts";

/** Every file under a folder, by its path in it, with its bytes. */
function filesUnder(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(full.slice(root.length), readFileSync(full));
    }
  };
  walk(root);
  return files;
}

/** Indexes pages (site path → HTML) with Pagefind as the search worker does; returns what it wrote. */
async function indexed(pages: Map<string, string>): Promise<Map<string, Buffer>> {
  const input = tempDir("media-digest-search-input-");
  for (const [path, html] of pages) {
    const file = join(input, outputFileFor(path));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, html);
  }
  const { index, errors } = await pagefind.createIndex({ forceLanguage: "en" });
  if (!index) throw new Error(errors.join("; "));
  await index.addDirectory({ path: input });
  const output = tempDir("media-digest-search-output-");
  await index.writeFiles({ outputPath: output });
  await index.deleteIndex();
  return filesUnder(output);
}

describe("searchableHtml: what Pagefind reads of an article page", () => {
  let articles: BuiltPage[];
  beforeAll(async () => {
    articles = (await renderSite(siteOptions())).filter((p) => p.url.startsWith("/articles/"));
  });
  afterAll(async () => {
    await pagefind.close();
  });

  it("keeps the article element's text, filters, meta and sort, without its provenance footer", () => {
    expect(articles.length).toBeGreaterThan(3);
    for (const page of articles) {
      const html = searchableHtml(page.content, "en", page.url);
      expect(html).toMatch(/^<html lang="en"><body><article data-pagefind-body[^>]*>/);
      expect(html).toMatch(/<\/article><\/body><\/html>$/);
      expect(html).not.toContain("Provenance");
      for (const mark of [
        'data-pagefind-meta="title"',
        'data-pagefind-filter="source"',
        "data-pagefind-sort",
      ])
        expect(html).toContain(mark);
      const title = /<h1 data-pagefind-meta="title">([^<]*)<\/h1>/.exec(page.content)?.[1];
      expect(title && html.includes(title)).toBe(true);
    }
  });

  it("gives Pagefind's index byte for byte as the whole article element does", async () => {
    const whole = new Map<string, string>();
    const lean = new Map<string, string>();
    for (const page of articles) {
      const start = page.content.indexOf("<article data-pagefind-body");
      const end = page.content.indexOf("</article>") + "</article>".length;
      whole.set(page.url, `<html lang="en"><body>${page.content.slice(start, end)}</body></html>`);
      lean.set(page.url, searchableHtml(page.content, "en", page.url));
    }
    const [fromWhole, fromLean] = [await indexed(whole), await indexed(lean)];
    expect(fromLean.size).toBeGreaterThan(5);
    expect([...fromLean.keys()].sort()).toEqual([...fromWhole.keys()].sort());
    for (const [name, bytes] of fromWhole) expect(fromLean.get(name)?.equals(bytes), name).toBe(true);
  }, 60_000);

  it("refuses a page with no article element to index", () => {
    expect(() => searchableHtml("<html><body><main></main></body></html>", "en", "/x/")).toThrow(
      "/x/ has no <article data-pagefind-body> to index",
    );
  });
});
