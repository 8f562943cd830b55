import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { ContentError, ContentErrors } from "./errors.ts";
import { parseArticle } from "./front-matter.ts";
import { articleFilePath } from "./paths.ts";
import type { Registries } from "./registry.ts";
import type { Article } from "./schema.ts";

/** An article read from disk, with the path it was read from (relative to the articles folder). */
export interface ArticleFile {
  file: string;
  article: Article;
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
 */
export function readArticles(dir: string, registries: Registries): ArticleFile[] {
  const problems: ContentError[] = [];
  const files: ArticleFile[] = [];
  const idOwner = new Map<string, string>();
  for (const file of listArticleFiles(dir)) {
    const shown = join(dir, file);
    try {
      const article = parseArticle(readFileSync(join(dir, file), "utf8"), shown);
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
      files.push({ file, article });
    } catch (error) {
      if (error instanceof ContentError) problems.push(error);
      else throw error;
    }
  }
  if (problems.length > 0) throw new ContentErrors(problems);
  return files;
}
