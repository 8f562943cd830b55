import { createHash } from "node:crypto";
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { threadId } from "node:worker_threads";
import { parseArticle, serializeArticle } from "../content/front-matter.ts";
import { articleFilePath } from "../content/paths.ts";
import type { ArticleFrontMatterInput } from "../content/schema.ts";

/**
 * Writing articles: validate, then write atomically (temp file in the same folder, then rename),
 * and never rewrite a file whose content would not change. Fields editors own
 * (`topics_override`, `story`) are carried over from the existing file.
 */

export type ArticleDraft = ArticleFrontMatterInput & { body: string };

/** "edited": the file was edited by hand since ingest wrote it, and was left alone. */
export type WriteStatus = "written" | "unchanged" | "edited";

export interface WriteOutcome {
  status: WriteStatus;
  /** Path of the article file, `outDir` joined with `YYYY/MM/<id>.md`. */
  path: string;
  /** The text that was (or, in a dry run, would be) in the file. */
  text: string;
}

/** Front-matter fields that editors own: ingest never sets them, and keeps them on re-ingest. */
const EDITOR_FIELDS = ["topics_override", "story"] as const;
/**
 * Fields ingest sets and an editor may remove (`held`: publishing a held draft). Like editor
 * fields they are not part of the content hash, so removing one is not a hand edit; and once an
 * editor has removed one, a re-ingest does not set it again.
 */
const RELEASED_FIELDS = ["held"] as const;

/**
 * Hash of an article's content as ingest owns it: serialised without editor fields and without
 * the hash itself, so editors' fields may change freely and every other hand edit is noticed.
 */
export function contentHash(article: ArticleDraft): string {
  const { content_sha256: _hash, ...provenance } = article.provenance;
  const owned: ArticleDraft = { ...article, provenance };
  for (const field of [...EDITOR_FIELDS, ...RELEASED_FIELDS]) delete owned[field];
  return createHash("sha256").update(serializeArticle(owned)).digest("hex");
}

/** The article with its content hash in provenance. */
function sealed(article: ArticleDraft): ArticleDraft {
  return { ...article, provenance: { ...article.provenance, content_sha256: contentHash(article) } };
}

/**
 * Whether the file's text was edited by hand since ingest wrote it: its stored content hash no
 * longer matches. Files without a hash (written before hashes) or that do not parse count as not
 * edited (the latter are replaced by a valid file).
 */
export function editedByHand(existing: string, file: string): boolean {
  try {
    const current = parseArticle(existing, file);
    const stored = current.provenance.content_sha256;
    return stored !== undefined && stored !== contentHash(current);
  } catch {
    return false;
  }
}

/**
 * The text to write for `draft`, given the file's current text (if any): editor fields kept, and
 * the existing `ingested_at` kept when nothing else changed, so a re-run rewrites nothing. The
 * existing `input` and `sha256` are kept too when only they differ: the same item read again from a
 * capture that changed around it (a feed that gained an item shifts every `#item-N` and changes the
 * feed's hash) is the same article, and `npm run update` must not rewrite a feed's whole archive.
 * Throws a ContentError naming `file` when the result would not pass the schema. Pure.
 */
export function articleText(draft: ArticleDraft, existing: string | undefined, file: string): string {
  let merged: ArticleDraft = draft;
  if (existing !== undefined) {
    try {
      const current = parseArticle(existing, file);
      const carried = Object.fromEntries(
        EDITOR_FIELDS.filter((k) => current[k] !== undefined).map((k) => [k, current[k]]),
      );
      merged = { ...draft, ...carried };
      for (const field of RELEASED_FIELDS) if (current[field] === undefined) delete merged[field];
      const { input, sha256, ingested_at } = current.provenance;
      const sameButTime = serializeArticle(
        sealed({ ...merged, provenance: { ...merged.provenance, input, sha256, ingested_at } }),
      );
      if (sameButTime === existing) return existing;
    } catch {
      // An existing file that no longer validates is replaced by a valid one.
    }
  }
  const text = serializeArticle(sealed(merged));
  parseArticle(text, file);
  return text;
}

/**
 * Temp files of an atomic write: `.ingest-<pid>-<n>.tmp` on a run's main thread,
 * `.ingest-<pid>-<thread>-<n>.tmp` on its other threads, which write beside it (and the lock's
 * `.ingest.lock.<pid>.tmp`). Dotfiles, so the build never reads one; a run killed mid-write leaves
 * one behind, and the next run removes it ({@link removeStaleTempFiles}).
 */
const TEMP_FILE = /^\.ingest(?:-|\.lock\.)(\d+)(?:-\d+){0,2}\.tmp$/;
let tempCounter = 0;

function tempFileFor(file: string): string {
  const thread = threadId === 0 ? "" : `-${threadId}`;
  return join(dirname(file), `.ingest-${process.pid}${thread}-${tempCounter++}.tmp`);
}

/**
 * Writes `text` to `file` atomically: a temp file next to it, flushed to disk, then a rename over
 * it. Readers (and a run killed at any point) see the old file or the new one, never half of one.
 */
export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = tempFileFor(file);
  try {
    const fd = openSync(temp, "w");
    try {
      writeSync(fd, text, null, "utf8");
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

/** {@link writeFileAtomic} without blocking the thread: its flush to disk waits beside other work. */
export async function writeFileAtomicAsync(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = tempFileFor(file);
  try {
    const handle = await open(temp, "w");
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
}

/**
 * Removes temp files left in `dir` (at any depth) by ingest runs that were killed, i.e. whose
 * process is no longer alive. Returns the paths removed. Run while holding the ingest lock.
 */
export function removeStaleTempFiles(dir: string, alive: (pid: number) => boolean): string[] {
  const removed: string[] = [];
  if (!existsSync(dir)) return removed;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const match = TEMP_FILE.exec(entry.name);
    if (!entry.isFile() || !match || alive(Number(match[1]))) continue;
    const path = join(entry.parentPath, entry.name);
    rmSync(path, { force: true });
    removed.push(path);
  }
  return removed;
}

/**
 * What writing `draft` under `outDir` would do, without writing: the file's path and text, and
 * whether it is new text ("written"), the same article ("unchanged"), or was edited by hand since
 * ingest wrote it ("edited": left alone unless `force`). Reads the file; throws a ContentError when
 * the article would not pass the schema.
 */
export function prepareArticle(draft: ArticleDraft, outDir: string, force = false): WriteOutcome {
  const path = join(outDir, articleFilePath({ id: draft.id, date: draft.date }));
  const existing = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  if (existing !== undefined && !force && editedByHand(existing, path))
    return { status: "edited", path, text: existing };
  const text = articleText(draft, existing, path);
  return { status: text === existing ? "unchanged" : "written", path, text };
}

/**
 * Validates and writes an article under `outDir` unless the file already holds the same article,
 * or was edited by hand since ingest wrote it (then it is left alone unless `force`).
 */
export function writeArticle(
  draft: ArticleDraft,
  outDir: string,
  options: {
    dryRun: boolean;
    force?: boolean;
    /** How the file is written (src/ingest/background-writes.ts); by default {@link writeFileAtomic}, now. */
    write?: (file: string, text: string) => void;
    /** What {@link prepareArticle} gave for it, when another thread prepared it. */
    prepared?: WriteOutcome;
  },
): WriteOutcome {
  const outcome = options.prepared ?? prepareArticle(draft, outDir, options.force);
  if (outcome.status === "written" && !options.dryRun)
    (options.write ?? writeFileAtomic)(outcome.path, outcome.text);
  return outcome;
}
