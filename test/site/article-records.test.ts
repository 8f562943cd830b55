import { appendFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { writeSyntheticArticles } from "../../scripts/bench/synthetic-articles.ts";
import { type ArticleRecord, articleFileFrom, parseArticleFile } from "../../src/content/article-files.ts";
import { articleRecords, BuildCache, digestOf } from "../../src/site/build-cache.ts";
import { tempDir } from "../helpers/site.ts";

/**
 * A render worker takes the build's articles from the parse cache file itself (src/site/build-cache.ts),
 * given the files and the content hashes the main thread read: what it makes of them must be the
 * records the main thread holds, even when the file on disk has moved on since.
 */
describe("the articles a render worker takes from the parse cache", () => {
  const dir = tempDir("media-digest-records-");
  const files = writeSyntheticArticles(dir, 3).map((file) => relative(dir, file).split(sep).join("/"));
  const cacheDir = tempDir("media-digest-records-cache-");
  const first = new BuildCache(cacheDir, "fingerprint").parseCache();
  for (const file of files) {
    const { fields: _fields, ...entry } = parseArticleFile(dir, file);
    first.set(file, entry);
  }
  first.save();

  const read = () => {
    const cache = new BuildCache(cacheDir, "fingerprint").parseCache();
    const articles = files.map((file) => {
      const entry = cache.get(file);
      if (!entry) throw new Error(`${file} is not in the cache`);
      return articleFileFrom(dir, { file, sha: entry.sha, outline: entry.outline, fields: undefined });
    });
    return { cache, articles };
  };

  it("are the main thread's records, read from the cache file, not sent one by one", () => {
    const { cache, articles } = read();
    const records = cache.records(articles);
    expect(Array.isArray(records)).toBe(false);
    expect(articleRecords(records, dir)).toEqual(articles.map((article) => article.record()));
  });

  it("take a file the cache no longer describes as the main thread read it from the file itself", () => {
    const { cache, articles } = read();
    const records = cache.records(articles);
    if (Array.isArray(records)) throw new Error("expected the cache file's form");
    // The second file was edited after the cache was written, and the main thread read the edit.
    appendFileSync(join(dir, files[1] as string), "\nA paragraph added by an editor.\n");
    const edited = parseArticleFile(dir, files[1] as string);
    const taken = articleRecords(
      { ...records, shas: [records.shas[0], edited.sha, records.shas[2]] as string[] },
      dir,
    );
    expect(taken[1]).toEqual({
      file: files[1],
      sha: edited.sha,
      outline: edited.outline,
      fields: edited.fields,
    });
    expect(taken[0]?.fields).toBeUndefined();
    // A record the main thread gives (a file it parsed now) wins over the cache file.
    const given: ArticleRecord = { ...(taken[2] as ArticleRecord), fields: edited.fields };
    expect(articleRecords({ ...records, changed: [given] }, dir)[2]).toBe(given);
  });

  it("fall back to every record when there is no cache file to read", () => {
    const cache = new BuildCache(tempDir("media-digest-records-empty-"), "fingerprint").parseCache();
    const articles = files.map((file) => {
      const parsed = parseArticleFile(dir, file);
      return articleFileFrom(dir, { file, sha: parsed.sha, outline: parsed.outline, fields: parsed.fields });
    });
    expect(cache.records(articles)).toEqual(articles.map((article) => article.record()));
  });
});

/** Every cache key of the build is a digest of parts: parts must never run into each other. */
describe("digestOf", () => {
  it("is SHA-1 of each part followed by a NUL, so moving text between parts changes it", async () => {
    const { createHash } = await import("node:crypto");
    const reference = (...parts: string[]) => {
      const hash = createHash("sha1");
      for (const part of parts) hash.update(part).update("\0");
      return hash.digest("hex");
    };
    for (const parts of [[], [""], ["article", "/a/", '{"x":"Харків — ü"}'], ["a", "b\0c"]])
      expect(digestOf(...parts)).toBe(reference(...parts));
    expect(digestOf("ab", "c")).not.toBe(digestOf("a", "bc"));
    expect(digestOf("a")).not.toBe(digestOf("a", ""));
  });
});
