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
import { dirname, join } from "node:path";
import { parseArticle, serializeArticle } from "../content/front-matter.ts";
import { articleFilePath } from "../content/paths.ts";
import type { ArticleFrontMatterInput } from "../content/schema.ts";

/**
 * Writing articles: validate, then write atomically (temp file in the same folder, then rename),
 * and never rewrite a file whose content would not change. Fields editors own
 * (`topics_override`, `story`) are carried over from the existing file.
 */

export type ArticleDraft = ArticleFrontMatterInput & { body: string };

export type WriteStatus = "written" | "unchanged";

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
 * The text to write for `draft`, given the file's current text (if any): editor fields kept, and
 * the existing `ingested_at` kept when nothing else changed, so a re-run rewrites nothing.
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
      const sameButTime = serializeArticle({
        ...merged,
        provenance: { ...merged.provenance, ingested_at: current.provenance.ingested_at },
      });
      if (sameButTime === existing) merged = { ...merged, provenance: current.provenance };
    } catch {
      // An existing file that no longer validates is replaced by a valid one.
    }
  }
  const text = serializeArticle(merged);
  parseArticle(text, file);
  return text;
}

/**
 * Temp files of an atomic write: `.ingest-<pid>-<n>.tmp` (and the lock's `.ingest.lock.<pid>.tmp`).
 * Dotfiles, so the build never reads one; a run killed mid-write leaves one behind, and the next
 * run removes it ({@link removeStaleTempFiles}).
 */
const TEMP_FILE = /^\.ingest(?:-|\.lock\.)(\d+)(?:-\d+)?\.tmp$/;
let tempCounter = 0;

/**
 * Writes `text` to `file` atomically: a temp file next to it, flushed to disk, then a rename over
 * it. Readers (and a run killed at any point) see the old file or the new one, never half of one.
 */
export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.ingest-${process.pid}-${tempCounter++}.tmp`);
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

/** Validates and writes an article under `outDir` unless the file already holds the same article. */
export function writeArticle(
  draft: ArticleDraft,
  outDir: string,
  options: { dryRun: boolean },
): WriteOutcome {
  const path = join(outDir, articleFilePath({ id: draft.id, date: draft.date }));
  const existing = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  const text = articleText(draft, existing, path);
  if (text === existing) return { status: "unchanged", path, text };
  if (!options.dryRun) writeFileAtomic(path, text);
  return { status: "written", path, text };
}
