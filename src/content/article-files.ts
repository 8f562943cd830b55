import { createHash } from "node:crypto";
import { readdirSync, readFileSync, type Stats, statSync } from "node:fs";
import { join } from "node:path";
import { ContentError, ContentErrors } from "./errors.ts";
import { bodyOf, parseArticle } from "./front-matter.ts";
import { articleFilePath } from "./paths.ts";
import type { Registries } from "./registry.ts";
import type { Article, ArticleFrontMatter } from "./schema.ts";

/**
 * What a site needs of an article to place it and list it (its place, date, topics, outlet, and
 * what a list or a feed shows of it), small enough to keep for every file between builds.
 */
export type ArticleOutline = Pick<
  ArticleFrontMatter,
  | "id"
  | "title"
  | "date"
  | "date_source"
  | "held"
  | "updated"
  | "source"
  | "url"
  | "byline"
  | "language"
  | "topics"
  | "topics_override"
  | "places"
  | "story"
  | "duplicates"
  | "summary"
>;

export const outlineOf = (article: ArticleFrontMatter): ArticleOutline => ({
  id: article.id,
  title: article.title,
  date: article.date,
  date_source: article.date_source,
  ...(article.held !== undefined ? { held: article.held } : {}),
  ...(article.updated !== undefined ? { updated: article.updated } : {}),
  source: article.source,
  ...(article.url !== undefined ? { url: article.url } : {}),
  ...(article.byline !== undefined ? { byline: article.byline } : {}),
  language: article.language,
  topics: article.topics,
  ...(article.topics_override ? { topics_override: article.topics_override } : {}),
  places: article.places,
  ...(article.story !== undefined ? { story: article.story } : {}),
  duplicates: article.duplicates,
  summary: article.summary,
});

/**
 * An article read from disk, with the path it was read from (relative to the articles folder).
 * The outline is always there; the front matter is parsed when first asked for (again, for a file
 * the cache knew) and kept; the body is read from the file each time, so a build of the whole
 * archive never holds every body at once.
 */
export interface ArticleFile {
  file: string;
  /** sha1 of the file's text: what caches of anything derived from the file are keyed by. */
  sha: string;
  outline: ArticleOutline;
  readonly fields: ArticleFrontMatter;
  readBody(): string;
  /** Front matter and body together. */
  readonly article: Article;
  /** The file as plain data (to hand to another thread), with its front matter if parsed already. */
  record(): ArticleRecord;
}

/** An article file as plain data: what {@link articleFileFrom} makes an {@link ArticleFile} of. */
export interface ArticleRecord {
  file: string;
  sha: string;
  outline: ArticleOutline;
  fields: ArticleFrontMatter | undefined;
}

/** A file's identity on disk: its size, modification and change times, inode. */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export const identityOf = (stat: Stats): FileIdentity => ({
  size: stat.size,
  mtimeMs: stat.mtimeMs,
  ctimeMs: stat.ctimeMs,
  ino: stat.ino,
});

/**
 * Whether a file is unchanged on disk since `known` was recorded: the signs git and build tools
 * trust, so a cache need not read the file again.
 */
export const unchangedOnDisk = (known: FileIdentity, stat: Stats): boolean =>
  known.size === stat.size &&
  known.mtimeMs === stat.mtimeMs &&
  known.ctimeMs === stat.ctimeMs &&
  known.ino === stat.ino;

/**
 * What parsing a file gave, kept so an unchanged file is neither parsed nor even read again: the
 * file's identity on disk when it was parsed, its content hash, and its outline.
 */
export interface ParsedArticleEntry extends FileIdentity {
  sha: string;
  outline: ArticleOutline;
}

/** A file parsed now: its entry, and its front matter (not kept between builds). */
export interface ParsedFile extends ParsedArticleEntry {
  fields: ArticleFrontMatter;
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

/**
 * An {@link ArticleFile} as a class: a build makes one for each of ten thousand files and reads a
 * handful, so each holds only its record and folder (its methods are shared, its path joined when
 * read).
 */
class LazyArticleFile implements ArticleFile {
  readonly file: string;
  readonly sha: string;
  readonly outline: ArticleOutline;
  private parsed: ArticleFrontMatter | undefined;

  constructor(
    private readonly dir: string,
    record: ArticleRecord,
  ) {
    this.file = record.file;
    this.sha = record.sha;
    this.outline = record.outline;
    this.parsed = record.fields;
  }

  private get path(): string {
    return join(this.dir, this.file);
  }

  get fields(): ArticleFrontMatter {
    if (!this.parsed) {
      const { body: _body, ...parsedNow } = parseArticle(readFileSync(this.path, "utf8"), this.path);
      this.parsed = parsedNow;
    }
    return this.parsed;
  }

  readBody(): string {
    return bodyOf(readFileSync(this.path, "utf8"));
  }

  get article(): Article {
    return { ...this.fields, body: this.readBody() };
  }

  record(): ArticleRecord {
    return { file: this.file, sha: this.sha, outline: this.outline, fields: this.parsed };
  }
}

/** An article file of the folder `dir` whose front matter is parsed when first asked for, unless known. */
export function articleFileFrom(dir: string, record: ArticleRecord): ArticleFile {
  return new LazyArticleFile(dir, record);
}

/** A file that could not be parsed: the problem, as plain data (it may come from another thread). */
export interface ParseFailure {
  file: string;
  problem: { file: string; field: string | undefined; problem: string; fix: string };
}

/**
 * Reads and parses one file of the articles folder: its identity on disk, content hash, outline
 * and front matter. Throws a {@link ContentError} naming the file and the fix.
 */
export function parseArticleFile(dir: string, file: string): ParsedFile {
  const path = join(dir, file);
  const stat = statSync(path);
  const text = readFileSync(path, "utf8");
  const { body: _body, ...fields } = parseArticle(text, path);
  return {
    ...identityOf(stat),
    sha: articleSha(text),
    outline: outlineOf(fields),
    fields,
  };
}

/** The files the site publishes: every one but held drafts (`held` in front matter). */
export function publishedFiles<T extends { outline: Pick<ArticleOutline, "held"> }>(
  files: readonly T[],
): T[] {
  return files.filter((file) => file.outline.held === undefined);
}

/** Parses files of the folder, each to its entry or its failure, in the order given. */
export type ParseFiles = (
  dir: string,
  files: readonly string[],
) => Promise<(ParsedFile | ParseFailure)[]> | (ParsedFile | ParseFailure)[];

/** {@link ParseFiles} in this thread. */
export const parseFilesHere: ParseFiles = (dir, files) =>
  files.map((file) => {
    try {
      return parseArticleFile(dir, file);
    } catch (error) {
      if (!(error instanceof ContentError)) throw error;
      return {
        file,
        problem: { file: error.file, field: error.field, problem: error.problem, fix: error.fix },
      };
    }
  });

/**
 * Which files of the folder need parsing: those the cache has no entry for, or whose text changed.
 * A file unchanged on disk since it was parsed (same size, times and inode: the signs git and
 * build tools trust) is not even read; a file touched but with the same text is read, not parsed.
 */
function unparsed(dir: string, files: readonly string[], cache: ParseCache | undefined): string[] {
  if (!cache) return [...files];
  return files.filter((file) => {
    const path = join(dir, file);
    const known = cache.get(file);
    if (!known) return true;
    const stat = statSync(path);
    if (unchangedOnDisk(known, stat)) return false;
    const sha = articleSha(readFileSync(path, "utf8"));
    if (sha !== known.sha) return true;
    cache.set(file, { ...known, ...identityOf(stat) });
    return false;
  });
}

/** Every `.md` file under the articles folder, as sorted relative paths (stable build order). */
export function listArticleFiles(dir: string): string[] {
  const found: string[] = [];
  // Relative paths are built as the walk goes down (a build lists every file of the archive).
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const name = entry.name;
      if (name.startsWith(".")) continue;
      if (entry.isDirectory()) walk(join(folder, name), `${prefix}${name}/`);
      else if (entry.isFile() && name.endsWith(".md")) found.push(prefix + name);
    }
  };
  walk(dir, "");
  return found.sort();
}

/**
 * Checks what the schema alone cannot: topics and source exist in the registries, the file sits
 * where its id and date say, and ids are unique across the folder.
 */
export function checkAgainstRegistries(
  article: ArticleOutline,
  file: string,
  registries: Registries,
): ContentError[] {
  const problems: ContentError[] = [];
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
            problem: `"${topic}" is not a known topic (known: ${[...registries.topicById.keys()].join(", ")})`,
            fix: "Fix the file or add the topic to registry/topics.yaml.",
          }),
        );
      }
    });
  }
  (article.places ?? []).forEach((place, i) => {
    if (!registries.placeById.has(place))
      problems.push(
        new ContentError({
          file,
          field: `places[${i}]`,
          problem: `"${place}" is not a known place (known: ${[...registries.placeById.keys()].join(", ") || "none: registry/places.yaml is missing or empty"})`,
          fix: "Run `npm run retag` to tag places from the current registry, or add the place to registry/places.yaml.",
        }),
      );
  });
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
  const files = listArticleFiles(dir);
  const todo = unparsed(dir, files, cache);
  return assemble(
    dir,
    files,
    todo,
    parseFilesHere(dir, todo) as (ParsedFile | ParseFailure)[],
    registries,
    cache,
  );
}

/** {@link readArticles}, with the files that need parsing parsed by `parseFiles` (worker threads, in the build). */
export async function readArticlesWith(
  dir: string,
  registries: Registries,
  cache: ParseCache | undefined,
  parseFiles: ParseFiles,
): Promise<ArticleFile[]> {
  const files = listArticleFiles(dir);
  const todo = unparsed(dir, files, cache);
  return assemble(dir, files, todo, await parseFiles(dir, todo), registries, cache);
}

/** The articles of `files`, from the cache and from the files parsed now, checked against the registries. */
function assemble(
  dir: string,
  files: readonly string[],
  parsedFiles: readonly string[],
  parsed: readonly (ParsedFile | ParseFailure)[],
  registries: Registries,
  cache: ParseCache | undefined,
): ArticleFile[] {
  const fresh = new Map(parsedFiles.map((file, i) => [file, parsed[i] as ParsedFile | ParseFailure]));
  const problems: ContentError[] = [];
  const articles: ArticleFile[] = [];
  const idOwner = new Map<string, string>();
  for (const file of files) {
    const shown = join(dir, file);
    const entry = fresh.get(file) ?? cache?.get(file);
    if (!entry) throw new Error(`${shown} was neither parsed nor cached`);
    if ("problem" in entry) {
      problems.push(new ContentError(entry.problem));
      continue;
    }
    const parsedNow = fresh.get(file) as ParsedFile | undefined;
    if (parsedNow) {
      const { fields: _fields, ...kept } = parsedNow;
      cache?.set(file, kept);
    }
    const article = entry.outline;
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
    articles.push(
      articleFileFrom(dir, { file, sha: entry.sha, outline: entry.outline, fields: parsedNow?.fields }),
    );
  }
  if (problems.length > 0) throw new ContentErrors(problems);
  return articles;
}
