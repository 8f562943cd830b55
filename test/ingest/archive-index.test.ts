import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listArticleFiles } from "../../src/content/article-files.ts";
import { parseArticle } from "../../src/content/front-matter.ts";
import {
  bodyHash,
  type IndexedArticle,
  indexArticles,
  indexedArticle,
  indexFileOf,
} from "../../src/ingest/archive-index.ts";
import { copyOfFixtures, tempDir } from "../helpers/site.ts";

/** What reading every file gives, the reference for the cached index. */
const fromFiles = (dir: string) =>
  listArticleFiles(dir).map((file) =>
    indexedArticle(file, parseArticle(readFileSync(join(dir, file), "utf8"), join(dir, file))),
  );

/** The index's records without the cache's file identity fields. */
const records = (dir: string, cacheDir: string | undefined, save = true) => {
  const index = indexArticles(dir, { cacheDir, save });
  return {
    parsed: index.parsed,
    read: index.read,
    articles: index.articles.map((article) => {
      const { size, mtimeMs, ctimeMs, ino, sha, ...rest } = article as IndexedArticle &
        Record<string, unknown>;
      return rest as IndexedArticle;
    }),
  };
};

describe("the index of an articles folder, kept between runs (src/ingest/archive-index.ts)", () => {
  it("reads every file once, then only the files that changed, and always gives what the files say", () => {
    const dir = copyOfFixtures();
    const cache = tempDir("ingest-index-");
    const first = records(dir, cache);
    expect(first.parsed).toBe(6);
    expect(first.articles).toEqual(fromFiles(dir));

    const second = records(dir, cache);
    expect(second).toMatchObject({ parsed: 0, read: 0 });
    expect(second.articles).toEqual(fromFiles(dir));

    // Every file touched, as a fresh clone checks them out: read and hashed, none parsed.
    const later = Date.now() / 1000 + 60;
    for (const file of listArticleFiles(dir)) utimesSync(join(dir, file), later, later);
    const touched = records(dir, cache);
    expect(touched).toMatchObject({ parsed: 0, read: 6 });
    expect(touched.articles).toEqual(fromFiles(dir));
    expect(records(dir, cache)).toMatchObject({ parsed: 0, read: 0 });

    // A hand edit of one body, a removed file and a new one.
    const [edited, removed, copied] = listArticleFiles(dir) as [string, string, string];
    const text = readFileSync(join(dir, edited), "utf8");
    writeFileSync(join(dir, edited), text.replace(/\n\n([^\n])/, "\n\nAn editor's new first words. $1"));
    rmSync(join(dir, removed));
    copyFileSync(join(dir, copied), join(dir, "2024", "copy-of-an-article.md"));
    const third = records(dir, cache);
    expect(third.parsed).toBe(2);
    expect(third.articles).toEqual(fromFiles(dir));
    const editedNow = third.articles.find((a) => a.file === edited);
    expect(editedNow?.bodyHash).toBe(
      bodyHash(parseArticle(readFileSync(join(dir, edited), "utf8"), edited).body),
    );
    expect(editedNow?.bodyHash).not.toBe(first.articles.find((a) => a.file === edited)?.bodyHash);
    expect(third.articles.some((a) => a.file === removed)).toBe(false);
  });

  it("records what a run needs: id, outlet, body hash, held state, story fields, provenance", () => {
    const dir = copyOfFixtures();
    const [file] = listArticleFiles(dir) as [string];
    const article = parseArticle(readFileSync(join(dir, file), "utf8"), file);
    expect(indexedArticle(file, article)).toMatchObject({
      file,
      id: article.id,
      source: article.source,
      bodyHash: bodyHash(article.body),
      held: false,
      date: article.date,
      provenance: { input: article.provenance.input, sha256: article.provenance.sha256 },
    });
  });

  it("reads a file again when another took its place (two files swapped by rename)", () => {
    const dir = copyOfFixtures();
    const cache = tempDir("ingest-index-");
    records(dir, cache);
    const [a, b] = listArticleFiles(dir) as [string, string];
    // Swapping two files by rename keeps every size and time the cache saw, but not the inodes.
    renameSync(join(dir, a), join(dir, "swap.tmp"));
    renameSync(join(dir, b), join(dir, a));
    renameSync(join(dir, "swap.tmp"), join(dir, b));
    const after = records(dir, cache);
    expect(after.parsed).toBe(2);
    expect(after.articles).toEqual(fromFiles(dir));
  });

  it("ignores a cache of another folder, a corrupt one, and writes none in a dry run", () => {
    const dir = copyOfFixtures();
    const other = copyOfFixtures();
    const cache = tempDir("ingest-index-");
    records(dir, cache);
    // The first folder's cache under the second folder's name: its entries are not the second's.
    copyFileSync(indexFileOf(cache, dir), indexFileOf(cache, other));
    expect(records(other, cache).parsed).toBe(6);

    writeFileSync(indexFileOf(cache, dir), "not a cache");
    const corrupt = records(dir, cache);
    expect(corrupt.parsed).toBe(6);
    expect(corrupt.articles).toEqual(fromFiles(dir));

    const dry = tempDir("ingest-index-");
    expect(records(dir, dry, false).parsed).toBe(6);
    expect(readdirSync(dry)).toEqual([]);
    expect(records(dir, undefined).parsed).toBe(6);
  });

  it("skips a file that does not parse, and reads it again next time", () => {
    const dir = copyOfFixtures();
    const cache = tempDir("ingest-index-");
    writeFileSync(join(dir, "2024", "broken.md"), "---\ntitle: [unclosed\n---\nbody\n");
    const first = records(dir, cache);
    expect(first.parsed).toBe(7);
    expect(first.articles.map((a) => a.file)).not.toContain("2024/broken.md");
    expect(first.articles).toHaveLength(6);
    expect(records(dir, cache).parsed).toBe(1);
    expect(existsSync(indexFileOf(cache, dir))).toBe(true);
  });

  it("removes the index files of folders no run has written to for a month", () => {
    const dir = copyOfFixtures();
    const cache = tempDir("ingest-index-");
    const stale = join(cache, "0123456789abcdef.v8");
    const recent = join(cache, "fedcba9876543210.v8");
    writeFileSync(stale, "an old folder's index");
    writeFileSync(recent, "a folder indexed yesterday");
    const day = 24 * 60 * 60;
    const now = Date.now() / 1000;
    utimesSync(stale, now - 40 * day, now - 40 * day);
    utimesSync(recent, now - day, now - day);
    records(dir, cache);
    expect(readdirSync(cache).sort()).toEqual(
      [indexFileOf(cache, dir).slice(cache.length + 1), "fedcba9876543210.v8"].sort(),
    );
  });
});
