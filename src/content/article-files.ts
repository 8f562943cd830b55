import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { ContentError, ContentErrors } from "./errors.ts";
import { normalizeArticleText, parseArticle } from "./front-matter.ts";
import { articleFilePath } from "./paths.ts";
import type { Registries } from "./registry.ts";
import type { Article, ArticleFrontMatter } from "./schema.ts";

/** An article read from disk, with the path it was read from (relative to the articles folder). */
export interface ArticleFile {
  file: string;
  article: Article;
  /** sha1 of the file's text: what caches of anything derived from the file are keyed by. */
  sha: string;
}

/**
 * What parsing a file gave, kept so an unchanged file is neither parsed nor even read again: the
 * file's identity on disk when it was parsed (size, modification and change times, inode), its
 * content hash, the validated front matter, and where the body starts in the file's text
 * (normalised as {@link normalizeArticleText} does).
 */
export interface ParsedArticleEntry {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  sha: string;
  fields: ArticleFrontMatter;
  bodyStart: number;
}

/** A store of parsed files by path in the articles folder (the build keeps one on disk: src/site/build-cache.ts). */
export interface ParseCache {
  get(file: string): ParsedArticleEntry | undefined;
  set(file: string, entry: ParsedArticleEntry): void;
}

/** The content hash of an article file's text. */
export function articleSha(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** The article of a cache entry; its body is read from the file when something first asks for it. */
function cachedArticle(entry: ParsedArticleEntry, path: string, text: string | undefined): Article {
  let body = text === undefined ? undefined : normalizeArticleText(text).slice(entry.bodyStart);
  const article = { ...entry.fields } as Article;
  Object.defineProperty(article, "body", {
    enumerable: true,
    get: () => {
      body ??= normalizeArticleText(readFileSync(path, "utf8")).slice(entry.bodyStart);
      return body;
    },
  });
  return article;
}

/**
 * Reads, parses and validates one file, or takes the result from `cache`: without reading the file
 * when it is the same file, unchanged on disk (git and the build tools of the world trust the same
 * signs), and without parsing it when its text hashes the same. Validation against the schema is
 * cached; checks against the registries are not (the registries change independently).
 */
function readCached(
  dir: string,
  file: string,
  shown: string,
  cache: ParseCache | undefined,
): { article: Article; sha: string } {
  const path = join(dir, file);
  if (!cache) {
    const text = readFileSync(path, "utf8");
    return { article: parseArticle(text, shown), sha: articleSha(text) };
  }
  const stat = statSync(path);
  const known = cache.get(file);
  const same = (entry: ParsedArticleEntry) =>
    entry.size === stat.size &&
    entry.mtimeMs === stat.mtimeMs &&
    entry.ctimeMs === stat.ctimeMs &&
    entry.ino === stat.ino;
  if (known && same(known)) return { article: cachedArticle(known, path, undefined), sha: known.sha };
  const text = readFileSync(path, "utf8");
  const sha = articleSha(text);
  const identity = { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino, sha };
  if (known?.sha === sha) {
    const entry = { ...known, ...identity };
    cache.set(file, entry);
    return { article: cachedArticle(entry, path, text), sha };
  }
  const article = parseArticle(text, shown);
  const normalized = normalizeArticleText(text);
  // The body is the text's tail; a file where it is not (never seen) is simply not cached.
  if (normalized.endsWith(article.body)) {
    const { body, ...fields } = article;
    cache.set(file, { ...identity, fields, bodyStart: normalized.length - body.length });
  }
  return { article, sha };
}

/** Every `.md` file under the articles folder, as sorted relative paths (stable build order). */
export function listArticleFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && entry.name.endsWith(".md"))
        found.push(relative(dir, full).split(sep).join("/"));
    }
  };
  walk(dir);
  return found.sort();
}

/**
 * Checks what the schema alone cannot: topics and source exist in the registries, the file sits
 * where its id and date say, and ids are unique across the folder.
 */
export function checkAgainstRegistries(
  article: Article,
  file: string,
  registries: Registries,
): ContentError[] {
  const problems: ContentError[] = [];
  const knownTopics = [...registries.topicById.keys()].join(", ");
  const topicLists: [string, readonly string[]][] = [
    ["topics", article.topics],
    ["topics_override.add", article.topics_override?.add ?? []],
    ["topics_override.remove", article.topics_override?.remove ?? []],
  ];
  for (const [field, list] of topicLists) {
    list.forEach((topic, i) => {
      if (!registries.topicById.has(topic)) {
        problems.push(
          new ContentError({
            file,
            field: `${field}[${i}]`,
            problem: `"${topic}" is not a known topic (known: ${knownTopics})`,
            fix: "Fix the file or add the topic to registry/topics.yaml.",
          }),
        );
      }
    });
  }
  if (!registries.sourceById.has(article.source)) {
    problems.push(
      new ContentError({
        file,
        field: "source",
        problem: `"${article.source}" is not a known source (known: ${[...registries.sourceById.keys()].join(", ")})`,
        fix: "Fix the file or add the source to registry/sources.yaml.",
      }),
    );
  }
  return problems;
}

/**
 * Reads, validates and cross-checks every article in the folder. All problems are collected and
 * thrown together as {@link ContentErrors}, so one run shows every file that needs fixing.
 * With a `cache`, files parsed before are not parsed (or, unchanged on disk, read) again.
 */
export function readArticles(dir: string, registries: Registries, cache?: ParseCache): ArticleFile[] {
  const problems: ContentError[] = [];
  const files: ArticleFile[] = [];
  const idOwner = new Map<string, string>();
  for (const file of listArticleFiles(dir)) {
    const shown = join(dir, file);
    try {
      const { article, sha } = readCached(dir, file, shown, cache);
      problems.push(...checkAgainstRegistries(article, shown, registries));
      const expected = articleFilePath(article);
      if (expected !== file) {
        problems.push(
          new ContentError({
            file: shown,
            field: "id",
            problem: `the file's place does not match its id and date (expected ${expected})`,
            fix: "Move the file there, or correct id/date.",
          }),
        );
      }
      const owner = idOwner.get(article.id);
      if (owner) {
        problems.push(
          new ContentError({
            file: shown,
            field: "id",
            problem: `"${article.id}" is also the id of ${owner}`,
            fix: "Ids must be unique; remove the duplicate file.",
          }),
        );
      }
      idOwner.set(article.id, shown);
      files.push({ file, article, sha });
    } catch (error) {
      if (error instanceof ContentError) problems.push(error);
      else throw error;
    }
  }
  if (problems.length > 0) throw new ContentErrors(problems);
  return files;
}
