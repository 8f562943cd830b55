import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { filesFingerprint, filesUnder, readCacheFile, writeCacheFile } from "../cache-files.ts";
import {
  articleSha,
  type FileIdentity,
  identityOf,
  listArticleFiles,
  unchangedOnDisk,
} from "../content/article-files.ts";
import { parseArticle } from "../content/front-matter.ts";
import type { Article } from "../content/schema.ts";
import { PROJECT_ROOT } from "../project.ts";

/**
 * What a run knows of the articles already in its folder (src/ingest/existing.ts `indexExisting`):
 * each file's id, outlet, body hash, brief URL, held state, story fields and provenance.
 *
 * Reading and parsing every file costs a run about a quarter of a millisecond an article (one feed
 * item into 10,000 articles: 3.5 s; into a year's 70,000: 12.7 s), on every scheduled update
 * however little it brings. So the index is kept between runs, in `.cache/ingest/` (one file per
 * articles folder). A file unchanged on disk since it was indexed (same size, modification and
 * change times, inode: what the build's parse cache trusts too, src/content/article-files.ts) is
 * neither read nor parsed again; one whose text is the same (touched, or checked out afresh by a
 * scheduled run's clone) is read and hashed, not parsed. The cache is safe to delete. One written
 * by other code (its fingerprint: the parsing code and the dependency versions) or for another
 * folder is ignored; a run that cannot read or write it works as if there were none.
 */

/** Bumped when the entries change shape. */
const INDEX_FORMAT = 1;

/** An article of the folder, as a run needs to know it. */
export interface IndexedArticle {
  /** The file, relative to the articles folder. */
  file: string;
  id: string;
  source: string;
  /** {@link bodyHash} of its body. */
  bodyHash: string;
  /** Its URL when it is a brief (a title and summary only): the article's text replaces it. */
  briefUrl?: string;
  held: boolean;
  date: string;
  story?: string;
  story_evidence?: Article["story_evidence"];
  duplicates?: Article["duplicates"];
  provenance: { input: string; sha256: string };
}

interface Entry extends IndexedArticle, FileIdentity {
  /** Hash of the file's text (src/content/article-files.ts `articleSha`). */
  sha: string;
}

/** Hash of a body with whitespace collapsed: the same text re-captured is the same article. */
export function bodyHash(body: string): string {
  return createHash("sha256").update(body.replace(/\s+/g, " ").trim()).digest("hex");
}

/** What the index records of a parsed article. */
export function indexedArticle(file: string, article: Article): IndexedArticle {
  return {
    file,
    id: article.id,
    source: article.source,
    bodyHash: bodyHash(article.body),
    ...(article.brief && article.url ? { briefUrl: article.url } : {}),
    held: article.held !== undefined,
    date: article.date,
    ...(article.story !== undefined ? { story: article.story } : {}),
    ...(article.story_evidence !== undefined ? { story_evidence: article.story_evidence } : {}),
    ...(article.duplicates !== undefined ? { duplicates: article.duplicates } : {}),
    provenance: { input: article.provenance.input, sha256: article.provenance.sha256 },
  };
}

/** What the index's entries depend on besides the files: the code that parses them, and the dependencies. */
function fingerprint(): string {
  return filesFingerprint(PROJECT_ROOT, `ingest index ${INDEX_FORMAT}`, [
    ...filesUnder(join(PROJECT_ROOT, "src", "content")),
    join(PROJECT_ROOT, "src", "ingest", "archive-index.ts"),
    join(PROJECT_ROOT, "package-lock.json"),
  ]);
}

/** The cache file of an articles folder. */
export function indexFileOf(cacheDir: string, articlesDir: string): string {
  const key = createHash("sha1").update(resolve(articlesDir)).digest("hex").slice(0, 16);
  return join(cacheDir, `${key}.v8`);
}

function readIndex(file: string, articlesDir: string, print: string): Map<string, Entry> {
  const data = readCacheFile(file, print);
  return data?.articlesDir === resolve(articlesDir) && data.entries instanceof Map
    ? (data.entries as Map<string, Entry>)
    : new Map();
}

/**
 * Index files not written for this long are removed when another is written: they belong to
 * folders no run has added to since (test folders, trials), and a folder that comes back is only
 * read whole once.
 */
const KEEP_UNUSED_MS = 30 * 24 * 60 * 60 * 1000;

function writeIndex(file: string, articlesDir: string, print: string, entries: Map<string, Entry>): void {
  const dir = dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
    const now = Date.now();
    for (const name of readdirSync(dir)) {
      const other = join(dir, name);
      const stat = statSync(other, { throwIfNoEntry: false });
      if (other !== file && stat && now - stat.mtimeMs > KEEP_UNUSED_MS) rmSync(other, { force: true });
    }
    writeCacheFile(file, { fingerprint: print, articlesDir: resolve(articlesDir), entries });
  } catch {
    // A read-only or full disk: the next run indexes the folder again.
  }
}

export interface IndexOptions {
  /** Where the index is kept between runs (`.cache/ingest/`); unset: every file is read. */
  cacheDir?: string | undefined;
  /** Whether the run may write the cache (not a dry run). */
  save: boolean;
}

export interface ArchiveIndex {
  /** Every article of the folder that parses, in file order. */
  articles: IndexedArticle[];
  /** Files read and parsed by this call (the others came from the cache). */
  parsed: number;
  /** Files read because the cache could not vouch for them (`parsed` of them were parsed). */
  read: number;
}

/**
 * The articles of `articlesDir`, from the cache where a file is unchanged. A file that does not
 * parse is skipped (the build reports it).
 */
export function indexArticles(articlesDir: string, options: IndexOptions): ArchiveIndex {
  if (!existsSync(articlesDir)) return { articles: [], parsed: 0, read: 0 };
  const print = options.cacheDir ? fingerprint() : "";
  const file = options.cacheDir ? indexFileOf(options.cacheDir, articlesDir) : undefined;
  const known = file ? readIndex(file, articlesDir, print) : new Map<string, Entry>();
  const entries = new Map<string, Entry>();
  let parsed = 0;
  let read = 0;
  const found: IndexedArticle[] = [];
  for (const name of listArticleFiles(articlesDir)) {
    const path = join(articlesDir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue; // removed since the folder was listed
    const identity = identityOf(stat);
    const cached = known.get(name);
    if (cached && unchangedOnDisk(cached, stat)) {
      entries.set(name, cached);
      found.push(cached);
      continue;
    }
    // Touched, copied or checked out afresh (a scheduled run's clone): the same text is not parsed again.
    let text: string;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      continue;
    }
    const sha = articleSha(text);
    read++;
    if (cached?.sha === sha) {
      const entry: Entry = { ...cached, ...identity };
      entries.set(name, entry);
      found.push(entry);
      continue;
    }
    parsed++;
    try {
      const article = indexedArticle(name, parseArticle(text, path));
      const entry: Entry = { ...article, ...identity, sha };
      entries.set(name, entry);
      found.push(entry);
    } catch {
      // not ours to judge here
    }
  }
  if (file && options.save && (read > 0 || entries.size !== known.size))
    writeIndex(file, articlesDir, print, entries);
  return { articles: found, parsed, read };
}
