import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { serialize } from "node:v8";
import { beforeAll, describe, expect, it } from "vitest";
import {
  syntheticArticle,
  writeSyntheticArticles,
  writeSyntheticRegistry,
} from "../../scripts/bench/synthetic-articles.ts";
import { serializeArticle } from "../../src/content/front-matter.ts";
import { articleFilePath } from "../../src/content/paths.ts";
import { type BuildReport, buildSite, type SiteOptions } from "../../src/site/build.ts";
import { tempDir } from "../helpers/site.ts";

/**
 * Issue 11: a build after a change renders and indexes only what shows the change, from a cache
 * kept on disk, and gives exactly the bytes a clean build of the same articles gives.
 */

const ARTICLES = 90;

/** Every file under a folder, by relative path. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    files.set(relative(dir, file).split(sep).join("/"), readFileSync(file));
  }
  return files;
}

/** The paths whose bytes differ between two folders (missing on either side included). */
function differences(a: string, b: string): string[] {
  const left = tree(a);
  const right = tree(b);
  return [...new Set([...left.keys(), ...right.keys()])]
    .filter((path) => !left.get(path)?.equals(right.get(path) ?? Buffer.alloc(0)) || !right.has(path))
    .sort();
}

describe("incremental builds", () => {
  const root = tempDir("media-digest-incremental-");
  const registryDir = writeSyntheticRegistry(join(root, "registry"));
  // Small pages, so topics, sources and months have numbered pages too.
  const settings = join(registryDir, "site.yaml");
  writeFileSync(settings, readFileSync(settings, "utf8").replace(/^page_size: \d+$/m, "page_size: 4"));
  const articlesDir = join(root, "articles");
  const cacheDir = join(root, "cache");
  const incremental: SiteOptions = {
    articlesDir,
    outputDir: join(root, "site"),
    registryDir,
    cacheDir,
    siteUrl: "https://digest.test/",
  };
  /** A clean build of the articles as they are now: an empty cache, a new output folder. */
  const clean = async (name: string) => {
    const outputDir = join(root, name);
    await buildSite({ ...incremental, outputDir, cacheDir: join(root, `${name}-cache`) });
    return outputDir;
  };
  let first: BuildReport;

  beforeAll(async () => {
    writeSyntheticArticles(articlesDir, ARTICLES);
    first = await buildSite(incremental);
  });

  it("builds everything the first time and nothing when nothing changed", async () => {
    expect(first.rendered).toBe(first.pages);
    expect(first.searchParts).toBeGreaterThan(3);
    expect(first.reindexedParts).toBe(first.searchParts);
    const again = await buildSite(incremental);
    expect(again).toMatchObject({
      rendered: 0,
      written: 0,
      removed: 0,
      reindexedParts: 0,
      indexed: ARTICLES,
    });
  });

  it("after one new article renders only the pages that show it, re-indexes one part, and equals a clean build", async () => {
    const added = syntheticArticle(ARTICLES, 1);
    const file = join(articlesDir, articlesFile(added));
    writeFileSync(file, serializeArticle(added));
    const report = await buildSite(incremental);
    expect(report.rendered).toBeGreaterThan(5);
    expect(report.rendered).toBeLessThan(report.pages / 4);
    expect(report.reindexedParts).toBe(1);
    expect(report.indexed).toBe(ARTICLES + 1);
    expect(differences(incremental.outputDir, await clean("clean-added"))).toEqual([]);
  });

  it("after an edited and a deleted article equals a clean build, and the deleted page is gone", async () => {
    const edited = syntheticArticle(3, 1);
    writeFileSync(
      join(articlesDir, articlesFile(edited)),
      serializeArticle({ ...edited, title: "A corrected title" }),
    );
    const deleted = syntheticArticle(7, 1);
    rmSync(join(articlesDir, articlesFile(deleted)));
    const report = await buildSite(incremental);
    expect(report.removed).toBeGreaterThanOrEqual(1);
    expect(report.rendered).toBeLessThan(report.pages / 2);
    expect(differences(incremental.outputDir, await clean("clean-edited"))).toEqual([]);
  });

  it("after a registry change (a topic and an outlet renamed, an outlet added, a first watch) equals a clean build", async () => {
    const topics = join(registryDir, "topics.yaml");
    writeFileSync(topics, readFileSync(topics, "utf8").replace(/^(\s+en:\s*)Kharkiv$/m, "$1Kharkiv region"));
    const sources = join(registryDir, "sources.yaml");
    writeFileSync(
      sources,
      `${readFileSync(sources, "utf8").replace("name: Meduza", "name: Meduza (Riga)")}  - id: new-outlet\n    name: New Outlet\n    domains: [new-outlet.example]\n    language: en\n`,
    );
    // The first watch puts "Watches" in every page's menu: every page must be rendered again.
    writeFileSync(
      join(registryDir, "watches.yaml"),
      "watches:\n  - id: kharkiv-watch\n    label: Kharkiv watch\n    match: topic:kharkiv\n",
    );
    const report = await buildSite(incremental);
    expect(report.rendered).toBe(report.pages);
    expect(differences(incremental.outputDir, await clean("clean-registry"))).toEqual([]);
    expect(readFileSync(join(incremental.outputDir, "index.html"), "utf8")).toContain(
      'href="/watches/">Watches</a>',
    );
    const meduza = readFileSync(join(incremental.outputDir, "sources", "meduza", "index.html"), "utf8");
    expect(meduza).toContain("<h1>Meduza (Riga)");
  });

  it("rebuilds a deleted output folder, a half-written one and a corrupt cache correctly", async () => {
    // The articles and registry are those the last test built clean: its output is the reference.
    const reference = join(root, "clean-registry");
    rmSync(incremental.outputDir, { recursive: true, force: true });
    await buildSite(incremental);
    expect(differences(incremental.outputDir, reference)).toEqual([]);

    // A build killed half way leaves no stamp: the next one trusts nothing it finds.
    const home = join(incremental.outputDir, "index.html");
    writeFileSync(home, "half written");
    rmSync(join(incremental.outputDir, ".media-digest-build"));
    const rebuilt = await buildSite(incremental);
    expect(rebuilt.rendered).toBe(rebuilt.pages);
    expect(readFileSync(home, "utf8")).not.toBe("half written");

    // A cache that cannot be read: the folder is started afresh, a stray file in it goes with the
    // rest, and so does the old folder a build killed while deleting it left beside it.
    writeFileSync(join(cacheDir, "state.v8"), "not a serialized value");
    writeFileSync(join(cacheDir, "articles.v8"), serialize([]));
    writeFileSync(join(incremental.outputDir, "stray.html"), "not built by us");
    const killed = `${incremental.outputDir}.media-digest-discarded-1-1`;
    mkdirSync(join(killed, "articles"), { recursive: true });
    const report = await buildSite(incremental);
    expect(report.rendered).toBe(report.pages);
    expect(differences(incremental.outputDir, reference)).toEqual([]);
    expect(readdirSync(root).filter((name) => name.includes(".media-digest-discarded-"))).toEqual([]);
  });
});

function articlesFile(article: { id: string; date: string }): string {
  const path = articleFilePath(article);
  return path;
}
