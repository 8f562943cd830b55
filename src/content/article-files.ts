import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
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
 * What parsing a file gave, kept by the file's hash so an unchanged file is not parsed and
 * validated again: the validated front matter, and where the body starts in the file's text
 * (normalised as {@link normalizeArticleText} does).
 */
export interface ParsedArticleEntry {
  fields: ArticleFrontMatter;
  bodyStart: number;
}

/** A store of parsed files by hash (the build keeps one on disk: src/site/build-cache.ts). */
export interface ParseCache {
  get(sha: string): ParsedArticleEntry | undefined;
  set(sha: string, entry: ParsedArticleEntry): void;
}

/** The content hash of an article file's text. */
export function articleSha(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/**
 * Parses and validates one file's text, or takes the result from `cache` when the same text was
 * parsed before. Validation against the schema is cached; checks against the registries are not
 * (the registries change independently of the file).
 */
function parseCached(text: string, sha: string, shown: string, cache: ParseCache | undefined): Article {
  const hit = cache?.get(sha);
  if (hit) return { ...hit.fields, body: normalizeArticleText(text).slice(hit.bodyStart) };
  const article = parseArticle(text, shown);
  if (cache) {
    const normalized = normalizeArticleText(text);
    // The body is the text's tail; a file where it is not (never seen) is simply not cached.
    if (normalized.endsWith(article.body)) {
      const { body, ...fields } = article;
      cache.set(sha, { fields, bodyStart: normalized.length - body.length });
    }
  }
  return article;
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
 * With a `cache`, files whose text was parsed before are not parsed again.
 */
export function readArticles(dir: string, registries: Registries, cache?: ParseCache): ArticleFile[] {
  const problems: ContentError[] = [];
  const files: ArticleFile[] = [];
  const idOwner = new Map<string, string>();
  for (const file of listArticleFiles(dir)) {
    const shown = join(dir, file);
    try {
      const text = readFileSync(join(dir, file), "utf8");
      const sha = articleSha(text);
      const article = parseCached(text, sha, shown, cache);
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
