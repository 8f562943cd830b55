import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { listArticleFiles } from "../content/article-files.ts";
import { parseArticle } from "../content/front-matter.ts";
import { makeArticleId } from "../content/ids.ts";
import { articleFilePath } from "../content/paths.ts";
import { type Registries, type SourceRules, sourceForUrl } from "../content/registry.ts";
import { type CleanResult, cleanLines, type DiscardedLine } from "./clean.ts";
import { resolveDate, toIsoUtc } from "./dates.ts";
import { findCitedOutlets, findQuotes, summarize } from "./enrich.ts";
import { type ExtractedCapture, extractCapture, paragraphsOf } from "./extract.ts";
import { InputRejectedError } from "./limits.ts";
import { acquireIngestLock, processAlive } from "./lock.ts";
import { type RawDraft, readTextCapture } from "./readers/text.ts";
import type { ItemReport, RunReport } from "./report.ts";
import { compileTopics, type TagResult, type TopicMatcher, tagArticle } from "./tag.ts";
import { type ArticleDraft, removeStaleTempFiles, writeArticle } from "./write.ts";

/**
 * Ingest, top-down: read → clean → extract → date → tag → enrich → assemble → dedupe → write.
 * Each stage is one function; everything up to "write" is pure and testable without a disk.
 */

export interface IngestOptions {
  /** Folder that holds `YYYY/MM/<id>.md`. */
  outDir: string;
  /** Source id from the registry (`--source`); otherwise resolved from a URL in the capture. */
  source?: string;
  /** Publication day YYYY-MM-DD (`--date`), already validated. */
  day?: string;
  dryRun: boolean;
  registries: Registries;
  toolVersion: string;
  /** The ingest time; a parameter so runs are reproducible in tests. */
  now: Date;
}

/** What the pure part of the pipeline makes of one capture. */
export interface DraftResult {
  draft: ArticleDraft;
  removed: DiscardedLine[];
  warnings: string[];
}

/** An input that cannot become an article; the message names the file and the fix. */
export class IngestError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "IngestError";
  }
}

// ── stages ──────────────────────────────────────────────────────────────────────────────────

/** Stage 1: read the capture's bytes and lines. */
export function readCapture(input: string): RawDraft {
  try {
    return readTextCapture(input);
  } catch (cause) {
    if (cause instanceof InputRejectedError) throw new IngestError(`${input}: ${cause.message}.`, { cause });
    const code = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    throw new IngestError(`${input}: cannot read the file (${code}). Check the path and permissions.`, {
      cause,
    });
  }
}

/** Stage 2: which outlet the capture is from: `--source`, or a known domain in a URL in the text. */
export function resolveSource(
  raw: RawDraft,
  sourceId: string | undefined,
  registries: Registries,
): SourceRules {
  const known = [...registries.sourceById.keys()].join(", ");
  if (sourceId !== undefined) {
    const source = registries.sourceById.get(sourceId);
    if (!source)
      throw new IngestError(
        `${raw.input}: --source "${sourceId}" is not a known source (known: ${known}). Pass a known id or add the outlet to registry/sources.yaml.`,
      );
    return source;
  }
  for (const match of raw.lines.join("\n").matchAll(/https?:\/\/[^\s<>"”]+/g)) {
    const source = sourceForUrl(registries.sources, match[0]);
    if (source) return source;
  }
  throw new IngestError(
    `${raw.input}: cannot tell which outlet this capture is from. Pass --source ID (known: ${known}).`,
  );
}

/** Stage 3: drop the outlet's and generic boilerplate. */
export function cleanCapture(raw: RawDraft, source: SourceRules): CleanResult {
  return cleanLines(raw.lines, source);
}

/** Stage 4: title, header (caption, credit, update note, date line) and body paragraphs. */
export function extractStructure(raw: RawDraft, cleaned: CleanResult): ExtractedCapture {
  const extracted = extractCapture(paragraphsOf(cleaned.kept));
  if (!extracted || extracted.body.length === 0)
    throw new IngestError(
      `${raw.input}: no article found after removing boilerplate (need a headline line followed by body paragraphs). Check the capture or the outlet's boilerplate rules in registry/sources.yaml.`,
    );
  return extracted;
}

/** Stage 5: tag topics from title, summary and body. */
export function tagTopics(
  title: string,
  summary: string,
  body: string,
  matchers: readonly TopicMatcher[],
): TagResult {
  return tagArticle({ title, summary, body }, matchers);
}

/**
 * Stages 3–6 for one capture, pure: clean, extract, date, tag, enrich, and assemble the article.
 * `source` may be an outlet without rules (then only the generic boilerplate layer applies).
 */
export function buildDraft(
  raw: RawDraft,
  source: SourceRules,
  context: { day?: string; now: Date; toolVersion: string; matchers: readonly TopicMatcher[] },
): DraftResult {
  const cleaned = cleanCapture(raw, source);
  const extracted = extractStructure(raw, cleaned);
  const paragraphs = extracted.body.map((p) => p.text);
  const body = paragraphs.join("\n\n");
  const warnings: string[] = [];
  const { date, date_source } = resolveDate(context.day, extracted.dateLine, context.now);
  if (date_source === "ingested")
    warnings.push(
      `no --date and no date in the text: dated by ingest time ${date}. Pass --date YYYY-MM-DD to set the publication day.`,
    );
  const summary = summarize(paragraphs);
  const tags = tagTopics(extracted.title, summary, body, context.matchers);
  if (tags.topics.length === 0) warnings.push("no topic reached its threshold; the article has no topics");
  const draft: ArticleDraft = {
    id: makeArticleId({ title: extracted.title, source: source.id, day: date.slice(0, 10) }),
    title: extracted.title,
    date,
    date_source,
    ...(extracted.updateNote ? { update_note: extracted.updateNote } : {}),
    source: source.id,
    language: source.language,
    topics: tags.topics,
    topic_evidence: tags.evidence,
    summary,
    quotes: findQuotes(paragraphs),
    cited: findCitedOutlets(extracted.title, paragraphs, source.name),
    ...(extracted.imageCaption ? { image_caption: extracted.imageCaption } : {}),
    ...(extracted.imageCredit ? { image_credit: extracted.imageCredit } : {}),
    provenance: {
      input: raw.input,
      sha256: raw.sha256,
      extractor: raw.extractor,
      ingested_at: toIsoUtc(context.now),
      tool_version: context.toolVersion,
    },
    body,
  };
  return { draft, removed: cleaned.discarded, warnings };
}

// ── duplicates ──────────────────────────────────────────────────────────────────────────────

/** Hash of a body with whitespace collapsed: the same text re-captured is the same article. */
export function bodyHash(body: string): string {
  return createHash("sha256").update(body.replace(/\s+/g, " ").trim()).digest("hex");
}

/** Who already holds an id or a body: existing files (relative paths) and earlier inputs of this run. */
interface Seen {
  byId: Map<string, string>;
  byBody: Map<string, string>;
}

/** Index of the articles already in `outDir`; files that do not parse are skipped here (the build reports them). */
export function indexExisting(outDir: string): Seen {
  const seen: Seen = { byId: new Map(), byBody: new Map() };
  if (!existsSync(outDir)) return seen;
  for (const file of listArticleFiles(outDir)) {
    try {
      const article = parseArticle(readFileSync(join(outDir, file), "utf8"), join(outDir, file));
      seen.byId.set(article.id, join(outDir, file));
      seen.byBody.set(bodyHash(article.body), join(outDir, file));
    } catch {
      // not ours to judge here
    }
  }
  return seen;
}

/** Why the draft duplicates something else (another file or an earlier input), if it does. */
export function duplicateReason(draft: ArticleDraft, target: string, seen: Seen): string | undefined {
  const byId = seen.byId.get(draft.id);
  if (byId && byId !== target) return `same id "${draft.id}" as ${byId}`;
  const byBody = seen.byBody.get(bodyHash(draft.body));
  if (byBody && byBody !== target) return `same body text as ${byBody}`;
  return undefined;
}

// ── run ─────────────────────────────────────────────────────────────────────────────────────

/** Ingests one input: every stage in order, then the duplicate check and the write. */
export function ingestOne(
  input: string,
  options: IngestOptions,
  matchers: readonly TopicMatcher[],
  seen: Seen,
): ItemReport {
  try {
    const raw = readCapture(input);
    const source = resolveSource(raw, options.source, options.registries);
    const { draft, removed, warnings } = buildDraft(raw, source, { ...options, matchers });
    const target = join(options.outDir, articleFilePath({ id: draft.id, date: draft.date }));
    const duplicate = duplicateReason(draft, target, seen);
    if (duplicate)
      return { input, status: "duplicate", path: target, id: draft.id, reason: duplicate, warnings, removed };
    const outcome = writeArticle(draft, options.outDir, { dryRun: options.dryRun });
    seen.byId.set(draft.id, `${target} (from ${input})`);
    seen.byBody.set(bodyHash(draft.body), `${target} (from ${input})`);
    return { input, status: outcome.status, path: outcome.path, id: draft.id, warnings, removed };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { input, status: "failed", reason, warnings: [], removed: [] };
  }
}

/**
 * Ingests every input in order and reports on each. Unless it is a dry run, the run holds the
 * articles folder's lock (another live ingest there makes it throw IngestLockedError) and first
 * removes temp files that killed runs left behind.
 */
export function ingestFiles(inputs: readonly string[], options: IngestOptions): RunReport {
  const lock = options.dryRun ? undefined : acquireIngestLock(options.outDir);
  try {
    if (!options.dryRun) removeStaleTempFiles(options.outDir, processAlive);
    const matchers = compileTopics(options.registries.topics);
    const seen = indexExisting(options.outDir);
    const items = inputs.map((input) => ingestOne(input, options, matchers, seen));
    return { items, dryRun: options.dryRun };
  } finally {
    lock?.release();
  }
}
