import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
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

/** Writes `text` to `file` atomically: a temp file next to it, then a rename over it. */
export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${process.pid}-${Date.now()}.tmp`);
  try {
    writeFileSync(temp, text, "utf8");
    renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
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
