import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArticle } from "../content/front-matter.ts";
import type { Registries, SourceRules } from "../content/registry.ts";
import { bodyHash, indexArticles } from "./archive-index.ts";
import { learnRecurringLines } from "./clean.ts";
import { dayFromDateLine } from "./dates.ts";
import { readCaptureHeader } from "./extract.ts";
import { captureOutlet } from "./outlets.ts";
import { decodeTextCapture, textReader } from "./readers/text.ts";
import type { RawInput } from "./readers/types.ts";
import { archiveArticle, emptyStoryArchive, type StoryArchive } from "./stories.ts";
import type { ArticleDraft } from "./write.ts";

/**
 * What the articles folder already holds, as a run needs it (src/ingest/pipeline.ts): who holds
 * which id and body (duplicates), the briefs an article may replace, the stories, and each outlet's
 * recurring lines (learned boilerplate).
 */

// ── duplicates ──────────────────────────────────────────────────────────────────────────────

/**
 * Who already holds an id or a body: existing files and earlier inputs of this run. A body is
 * known per outlet ({@link bodyKey}): the same text from another outlet is a copy (a wire story,
 * syndication), written with the earlier URL in its `duplicates`, not refused.
 */
export interface Seen {
  byId: Map<string, string>;
  byBody: Map<string, string>;
}

/** An outlet's body, as {@link Seen} knows it. */
const bodyKeyOfHash = (source: string, hash: string) => `${source}\0${hash}`;
export const bodyKey = (source: string, body: string) => bodyKeyOfHash(source, bodyHash(body));

/** What the articles already in `outDir` tell a run: who holds which id and body, each outlet's bodies, stories. */
export interface Existing {
  seen: Seen;
  /** Briefs already written, by their article URL: the article's text, once fetched, replaces its brief. */
  briefs: Map<string, { id: string; path: string }>;
  /** Each article's date and story, and every story id in use (src/ingest/stories.ts). */
  stories: StoryArchive;
  /**
   * An outlet's articles as lines, by capture key (sha256 of the raw input), for learning its
   * boilerplate. Only text captures use it, so the files are read when a run has captures of the outlet.
   */
  linesOf(source: string): Map<string, string[]>;
}

/**
 * The lines an existing article was made from: its original text capture when that file is still
 * there unchanged (same sha256) — so boilerplate already removed from the body still counts as
 * seen — otherwise the article's body.
 */
function captureLines(provenance: { input: string; sha256: string }, body: string): string[] {
  if (/\.txt$/i.test(provenance.input) && existsSync(provenance.input)) {
    try {
      const draft = decodeTextCapture(readFileSync(provenance.input), provenance.input);
      if (draft.sha256 === provenance.sha256) return draft.lines;
    } catch {
      // unreadable now: fall back to the body
    }
  }
  return body.split("\n");
}

/**
 * Index of the articles already in `outDir` (src/ingest/archive-index.ts, kept between runs in
 * `indexCache`); files that do not parse are skipped here (the build reports them).
 */
export function indexExisting(outDir: string, indexCache?: string, save = true): Existing {
  const indexed = indexArticles(outDir, { cacheDir: indexCache, save }).articles;
  const seen: Seen = { byId: new Map(), byBody: new Map() };
  const briefs = new Map<string, { id: string; path: string }>();
  const stories = emptyStoryArchive();
  const filesBySource = new Map<string, string[]>();
  for (const article of indexed) {
    const path = join(outDir, article.file);
    seen.byId.set(article.id, path);
    seen.byBody.set(bodyKeyOfHash(article.source, article.bodyHash), path);
    if (article.briefUrl) briefs.set(article.briefUrl, { id: article.id, path });
    // A held draft is not published: no story counts it until an editor publishes it.
    if (!article.held) archiveArticle(stories, article, path);
    const ofSource = filesBySource.get(article.source);
    if (ofSource) ofSource.push(path);
    else filesBySource.set(article.source, [path]);
  }
  const lines = new Map<string, Map<string, string[]>>();
  return {
    seen,
    briefs,
    stories,
    linesOf(source) {
      let bySource = lines.get(source);
      if (bySource) return bySource;
      bySource = new Map();
      for (const path of filesBySource.get(source) ?? []) {
        try {
          const article = parseArticle(readFileSync(path, "utf8"), path);
          bySource.set(article.provenance.sha256, captureLines(article.provenance, article.body));
        } catch {
          // changed since it was indexed: its lines are left out
        }
      }
      lines.set(source, bySource);
      return bySource;
    },
  };
}

/** Why the draft duplicates something else (another file or an earlier input), if it does. */
export function duplicateReason(draft: ArticleDraft, target: string, seen: Seen): string | undefined {
  const byId = seen.byId.get(draft.id);
  if (byId && byId !== target) return `same id "${draft.id}" as ${byId}`;
  const byBody = seen.byBody.get(bodyKey(draft.source, draft.body));
  if (byBody && byBody !== target) return `same body text from the same outlet as ${byBody}`;
  return undefined;
}

// ── learned boilerplate ─────────────────────────────────────────────────────────────────────

/**
 * Recurring lines per outlet, learned from the outlet's existing article bodies plus this run's
 * text captures (see `learnRecurringLines` in clean.ts). Date lines never count: many captures of
 * one day share one.
 */
export function learnRecurring(
  existing: Existing,
  raws: readonly RawInput[],
  options: { source?: string; registries: Registries },
): (sourceId: string) => ReadonlySet<string> {
  const captures = new Map<string, Map<string, string[]>>();
  for (const raw of raws) {
    if (!textReader.accepts(raw)) continue;
    const draft = decodeTextCapture(raw.bytes, raw.input);
    let source: SourceRules | undefined;
    try {
      source = captureOutlet(raw.input, { draft, header: readCaptureHeader(draft.lines) }, options);
    } catch {
      continue; // reported when the input is read
    }
    // An outlet new to the registry has no lines to learn yet.
    if (!source) continue;
    const bySource = captures.get(source.id) ?? new Map<string, string[]>();
    bySource.set(draft.sha256, draft.lines);
    captures.set(source.id, bySource);
  }
  const isDate = (line: string) => dayFromDateLine(line) !== undefined && line.length < 60;
  // Learned when a text capture first asks (no other input reads them): a run of feeds and pages
  // never reads the folder's bodies for it.
  const learned = new Map<string, ReadonlySet<string>>();
  return (sourceId) => {
    let lines = learned.get(sourceId);
    if (!lines) {
      const all = new Map([...existing.linesOf(sourceId), ...(captures.get(sourceId) ?? [])]);
      lines = learnRecurringLines(all, isDate);
      learned.set(sourceId, lines);
    }
    return lines;
  };
}
