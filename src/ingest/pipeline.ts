import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { parseArticle } from "../content/front-matter.ts";
import { makeArticleId } from "../content/ids.ts";
import { articleFilePath } from "../content/paths.ts";
import { type Registries, type SourceRules, sourceForUrl } from "../content/registry.ts";
import { bodyHash, indexArticles } from "./archive-index.ts";
import { BackgroundWrites } from "./background-writes.ts";
import { type DiscardedLine, learnRecurringLines } from "./clean.ts";
import { dateInUrl, dayFromDateLine, parseDateText, resolveDate, toIsoUtc } from "./dates.ts";
import { findCitedOutlets, findQuotes, summarize } from "./enrich.ts";
import type { Fetcher } from "./fetch.ts";
import { HelperThread } from "./helper-thread.ts";
import type { Prepared } from "./helper-worker.ts";
import { escapeMarkdownText } from "./html/to-markdown.ts";
import { expandInputs } from "./inputs.ts";
import { resolveLanguage } from "./language.ts";
import { checkInputSize, DEFAULT_CONCURRENCY, InputRejectedError } from "./limits.ts";
import { acquireIngestLock, processAlive } from "./lock.ts";
import { compilePlaces, type PlaceTagger, tagTopicsAndPlaces } from "./places.ts";
import { type Progress, silentProgress } from "./progress.ts";
import { feedReader } from "./readers/feed.ts";
import { htmlReader } from "./readers/html.ts";
import { decodeTextCapture, type RawDraft, textDocument, textReader } from "./readers/text.ts";
import type { ExtractedDocument, RawInput, Reader, ReaderContext, ReadItem } from "./readers/types.ts";
import { acquireUrl, isUrlInput } from "./readers/url.ts";
import { repairText } from "./repair.ts";
import type { ItemReport, ItemStory, RunReport } from "./report.ts";
import {
  appendSourceToRegistry,
  newSourceEntry,
  sourceById,
  sourceByName,
  sourceFromText,
  UNKNOWN_OUTLET,
} from "./sources.ts";
import {
  archiveArticle,
  emptyStoryArchive,
  type StoryArchive,
  storiesForDrafts,
  storyAliases,
  storyReport,
  withStory,
} from "./stories.ts";
import { compileTopics, type TagResult, type TopicMatcher, tagArticle } from "./tag.ts";
import { hostOf, normalizeUrl } from "./urls.ts";
import { type ArticleDraft, prepareArticle, removeStaleTempFiles, writeArticle } from "./write.ts";

/**
 * Ingest, top-down:
 *   acquire (file or URL) → read (one reader per kind of input → documents) → refuse non-articles
 *   → resolve source → date → language → tag → enrich → assemble → dedupe
 *   → stories (the whole run's drafts at once) → validate + write.
 * Readers and everything up to "write" are pure and testable without a disk or a network; every
 * input and every feed item ends in exactly one report entry, with a reason when it is not written.
 * A large run shares reading, the stories' reading of the drafts, and writing with a second thread
 * (src/ingest/helper-thread.ts); what it writes and reports is the same as on one thread.
 */

export interface IngestOptions {
  /** Folder that holds `YYYY/MM/<id>.md`. */
  outDir: string;
  /** Source id from the registry (`--source`); otherwise resolved per article. */
  source?: string;
  /** Publication day YYYY-MM-DD (`--date`), already validated. */
  day?: string;
  dryRun: boolean;
  registries: Registries;
  toolVersion: string;
  /** The ingest time; a parameter so runs are reproducible in tests. */
  now: Date;
  /** Overwrite articles edited by hand (`--force`); editor fields are kept either way. */
  force?: boolean;
  /** Publish pages that are not articles, with a warning (`--allow-non-article`). */
  allowNonArticle?: boolean;
  /** Fetch the links of summary-only feed items and the feeds an OPML file lists (`--fetch`). */
  fetch?: boolean;
  /** HTTP client for URL inputs and followed links. */
  fetcher?: Fetcher;
  /** Inputs fetched at once (across hosts; one host is always one at a time). */
  concurrency?: number;
  /** Registry file new outlets are appended to; unset: new outlets live only for this run. */
  registryFile?: string;
  progress?: Progress;
  /**
   * Whether a large run may use a second thread (src/ingest/helper-thread.ts; the default). Its
   * articles and reports are the same either way: tests compare the two.
   */
  helperThread?: boolean;
  /**
   * Where the index of the folder's articles is kept between runs (src/ingest/archive-index.ts;
   * `.cache/ingest/` for the CLI); unset: every run reads every article.
   */
  indexCache?: string;
}

/** What the pure part of the pipeline makes of one document. */
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

/** Readers in the order they are asked whether an input is theirs. */
export const READERS: readonly Reader[] = [textReader, htmlReader, feedReader];

/** Links followed from followed links: an OPML file's feeds (1), then their items' pages (2). */
/** The extractor a brief records in its provenance (a feed item's title and summary, not fetched). */
export const BRIEF_EXTRACTOR = "feed-brief@1";

export const MAX_FOLLOW_DEPTH = 2;

/** Default for {@link IngestOptions.concurrency} (src/ingest/limits.ts). */
export { DEFAULT_CONCURRENCY };

// ── stage 1: acquire ────────────────────────────────────────────────────────────────────────

/** Reads a local input's bytes; throws an {@link IngestError} naming the file and the fix. */
export function readLocalInput(input: string): RawInput {
  try {
    checkInputSize(statSync(input).size);
    return { input, bytes: readFileSync(input) };
  } catch (cause) {
    if (cause instanceof InputRejectedError) throw new IngestError(`${input}: ${cause.message}.`, { cause });
    const code = (cause as NodeJS.ErrnoException).code ?? (cause as Error).message;
    throw new IngestError(`${input}: cannot read the file (${code}). Check the path and permissions.`, {
      cause,
    });
  }
}

/** Reads a text capture (kept for callers of the text-only pipeline). */
export function readCapture(input: string): RawDraft {
  const raw = readLocalInput(input);
  return decodeTextCapture(raw.bytes, input);
}

// ── stage 2: read ───────────────────────────────────────────────────────────────────────────

/** The reader for an input: by content type or name, then by sniffing the bytes. */
export function readerFor(raw: RawInput): Reader | undefined {
  const { contentType: _ignored, ...sniffable } = raw;
  return READERS.find((r) => r.accepts(raw)) ?? READERS.find((r) => r.accepts(sniffable));
}

/** Runs the reader; a reader that throws (it must not) becomes a failed item, never a crash. */
export function readInput(raw: RawInput, context: ReaderContext): ReadItem[] {
  const reader = readerFor(raw);
  if (!reader)
    return [
      {
        kind: "failed",
        input: raw.input,
        reason: `${raw.input}: not a kind of input ingest reads. Give a .txt capture, an .html/.htm page (or .gz of one), a feed (RSS, Atom, JSON Feed, OPML) or an http(s) URL.`,
      },
    ];
  try {
    return reader.read(raw, context);
  } catch (error) {
    return [
      {
        kind: "failed",
        input: raw.input,
        reason: `${raw.input}: the ${reader.name} reader failed (${(error as Error).message}). This is a bug; please report it with the file.`,
      },
    ];
  }
}

// ── stage 3: source ─────────────────────────────────────────────────────────────────────────

/** Resolves an outlet from `--source`; kept for callers of the text-only pipeline. */
export function resolveSource(
  raw: RawDraft,
  sourceId: string | undefined,
  registries: Registries,
): SourceRules {
  try {
    return sourceFromText(raw.input, raw.lines.join("\n"), sourceId, registries);
  } catch (error) {
    throw new IngestError((error as Error).message);
  }
}

// ── stages 4–7: date, language, tags, enrichment, assembly (pure) ──────────────────────────

/** Tags topics from title, summary and body. */
export function tagTopics(
  title: string,
  summary: string,
  body: string,
  matchers: readonly TopicMatcher[],
): TagResult {
  return tagArticle({ title, summary, body }, matchers);
}

/** A date-time the input claims as "updated", if it parses strictly and is not in the future. */
function updatedDate(value: string | undefined, now: Date): string | undefined {
  if (!value) return undefined;
  try {
    const parsed = parseDateText(value);
    return parsed && new Date(parsed.iso).getTime() <= now.getTime() ? parsed.iso : undefined;
  } catch {
    return undefined;
  }
}

/** What assembling a draft needs besides the document: the day given, the clock, the taggers. */
export interface DraftContext {
  day?: string;
  now: Date;
  toolVersion: string;
  matchers: readonly TopicMatcher[];
  /** The place registry compiled; without it no place is tagged. */
  places?: PlaceTagger;
}

/**
 * Assembles the article from a document and its outlet: date, language, tags, summary, quotes,
 * cited outlets, provenance. `url` is the normalised canonical URL, if any. Pure.
 */
export function assembleDraft(
  doc: ExtractedDocument,
  source: SourceRules,
  context: DraftContext & { url?: string },
): DraftResult {
  const warnings = [...doc.warnings];
  const body = doc.markdown;
  // The URL's date comes last: metadata, a feed or a dated line say more (a time, a zone).
  const fromUrl = context.url ? dateInUrl(context.url) : undefined;
  const candidates =
    fromUrl && !doc.dates.some((d) => d.source === "url") ? [...doc.dates, fromUrl] : doc.dates;
  const { date, date_source, warnings: dateWarnings } = resolveDate(context.day, candidates, context.now);
  warnings.push(...dateWarnings);
  const language = resolveLanguage(
    `${doc.title}\n${doc.paragraphs.join("\n")}`,
    doc.language ?? source.language,
  );
  if (language.warning) warnings.push(language.warning);
  const summary = summarize(doc.paragraphs);
  const fields = { title: doc.title, summary, body: doc.paragraphs.join("\n\n") };
  // Topics and places in one pass over the text (src/ingest/places.ts).
  const { topics: tags, places } = context.places
    ? tagTopicsAndPlaces(fields, context.matchers, context.places)
    : { topics: tagArticle(fields, context.matchers), places: { places: [], evidence: {} } };
  if (tags.topics.length === 0) warnings.push("no topic reached its threshold; the article has no topics");
  const updated = updatedDate(doc.updated, context.now);
  const draft: ArticleDraft = {
    id: makeArticleId({
      title: doc.title,
      source: source.id,
      ...(context.url ? { url: context.url } : {}),
      day: date.slice(0, 10),
    }),
    title: doc.title,
    date,
    date_source,
    ...(updated && updated !== date ? { updated } : {}),
    ...(doc.updateNote ? { update_note: doc.updateNote } : {}),
    source: source.id,
    ...(context.url ? { url: context.url } : {}),
    ...(doc.byline ? { byline: doc.byline } : {}),
    language: language.language,
    topics: tags.topics,
    topic_evidence: tags.evidence,
    places: places.places,
    place_evidence: places.evidence,
    summary: summary || doc.title,
    quotes: findQuotes(doc.paragraphs),
    cited: findCitedOutlets(doc.title, doc.paragraphs, source.name),
    ...(doc.imageCaption ? { image_caption: doc.imageCaption } : {}),
    ...(doc.imageCredit ? { image_credit: doc.imageCredit } : {}),
    provenance: {
      input: doc.provenance.input,
      sha256: doc.provenance.sha256,
      extractor: doc.provenance.extractor,
      ingested_at: toIsoUtc(context.now),
      tool_version: context.toolVersion,
    },
    body,
  };
  return { draft, removed: doc.removed, warnings };
}

/**
 * A text capture from clean to assembly, pure (the seed's path). `source` may be an outlet
 * without rules (then only the generic boilerplate layer applies).
 */
export function buildDraft(raw: RawDraft, source: SourceRules, context: DraftContext): DraftResult {
  const doc = textDocument(raw, source);
  if ("failed" in doc) throw new IngestError(doc.failed);
  return assembleDraft(doc, source, context);
}

// ── duplicates ──────────────────────────────────────────────────────────────────────────────

/**
 * Who already holds an id or a body: existing files and earlier inputs of this run. A body is
 * known per outlet ({@link bodyKey}): the same text from another outlet is a copy (a wire story,
 * syndication), written with the earlier URL in its `duplicates`, not refused.
 */
interface Seen {
  byId: Map<string, string>;
  byBody: Map<string, string>;
}

/** An outlet's body, as {@link Seen} knows it. */
const bodyKeyOfHash = (source: string, hash: string) => `${source}\0${hash}`;
const bodyKey = (source: string, body: string) => bodyKeyOfHash(source, bodyHash(body));

/** What the articles already in `outDir` tell a run: who holds which id and body, each outlet's bodies, stories. */
interface Existing {
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
  options: IngestOptions,
): (sourceId: string) => ReadonlySet<string> {
  const captures = new Map<string, Map<string, string[]>>();
  for (const raw of raws) {
    if (!textReader.accepts(raw)) continue;
    const draft = decodeTextCapture(raw.bytes, raw.input);
    let source: SourceRules;
    try {
      source = sourceFromText(raw.input, draft.lines.join("\n"), options.source, options.registries);
    } catch {
      continue; // reported when the input is read
    }
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

// ── the run ─────────────────────────────────────────────────────────────────────────────────

interface Run {
  options: IngestOptions;
  /** Where the run writes its articles: see {@link ingestInputs}. */
  writes?: BackgroundWrites;
  matchers: readonly TopicMatcher[];
  places: PlaceTagger;
  seen: Seen;
  /** Briefs in the folder by URL (see {@link Existing}). */
  briefs: Map<string, { id: string; path: string }>;
  /** The folder's articles by id with their stories, and the story ids in use. */
  stories: StoryArchive;
  /** Place names in every language → place id, for joining stories across languages. */
  aliases: ReadonlyMap<string, string>;
  /** The registry's outlets plus those created during this run. */
  sources: SourceRules[];
  context: ReaderContext;
}

function startRun(options: IngestOptions, localRaws: readonly RawInput[]): Run {
  const existing = indexExisting(options.outDir, options.indexCache, !options.dryRun);
  const recurring = learnRecurring(existing, localRaws, options);
  const sources = [...options.registries.sources];
  // The place registry (hundreds of places in three languages) is compiled when the first document
  // needs it: a run whose every input is refused never pays for it.
  let places: PlaceTagger | undefined;
  let aliases: ReadonlyMap<string, string> | undefined;
  return {
    options,
    matchers: compileTopics(options.registries.topics),
    get places() {
      places ??= compilePlaces(options.registries.places);
      return places;
    },
    seen: existing.seen,
    briefs: existing.briefs,
    stories: existing.stories,
    get aliases() {
      aliases ??= storyAliases(options.registries.places);
      return aliases;
    },
    sources,
    context: {
      registries: options.registries,
      ...(options.source !== undefined ? { source: options.source } : {}),
      recurringLines: recurring,
    },
  };
}

/**
 * The outlet of a document: --source, the reader's, the registry by URL; for a page without a URL,
 * the registry by the page's site name (og:site_name, JSON-LD publisher, the feed's title); else a
 * new outlet from the URL's host or the site name, or the one "unknown outlet" (with a warning:
 * never a failure, the article is kept).
 */
function documentSource(
  doc: ExtractedDocument,
  url: string | undefined,
  run: Run,
  warnings: string[],
): SourceRules {
  const { options } = run;
  if (options.source !== undefined) return sourceById(doc.input, options.source, run.sources);
  if (doc.source) return doc.source;
  const known = url ? sourceForUrl(run.sources, url) : undefined;
  if (known) return known;
  const host = url ? hostOf(url) : undefined;
  if (!host) {
    const named = doc.siteName ? sourceByName(run.sources, doc.siteName) : undefined;
    if (named) return named;
    const unknown = !doc.siteName && run.sources.find((s) => s.id === UNKNOWN_OUTLET.id);
    if (unknown) {
      warnings.push(
        `no URL and no site name in it: filed under "${UNKNOWN_OUTLET.id}". Pass --source ID, or set its source by hand`,
      );
      return unknown;
    }
  }
  const language = resolveLanguage(doc.paragraphs.join("\n"), doc.language).language;
  const created = newSourceEntry(host, doc.siteName, language, new Set(run.sources.map((s) => s.id)));
  run.sources.push(created);
  const where = options.dryRun
    ? "for this run only (dry run: not saved)"
    : !options.registryFile
      ? "for this run only (not saved: the run writes outside the project's articles folder; pass --registry DIR to keep new outlets)"
      : `in ${options.registryFile}`;
  if (!options.dryRun && options.registryFile)
    appendSourceToRegistry(
      options.registryFile,
      created,
      `added by ingest on ${toIsoUtc(options.now).slice(0, 10)} from ${url ?? doc.input}; check name and language`,
    );
  const seen =
    host ??
    (doc.siteName ? `"${doc.siteName}" (a page without a URL)` : "of a page with no URL and no site name");
  warnings.push(
    `unknown outlet ${seen}: created source "${created.id}" (name "${created.name}", language ${created.language}) ${where}; check its name and language`,
  );
  return created;
}

/**
 * An article assembled and not a duplicate, waiting for the run's stories to be decided before it
 * is written (see {@link finishRun}).
 */
export interface PendingArticle {
  input: string;
  draft: ArticleDraft;
  /** The file it goes to. */
  target: string;
  /** A brief's file (of another month) this article replaces: removed once the article is written. */
  replaces?: string;
  warnings: string[];
  removed: DiscardedLine[];
}

/** What one item of a run has come to before the write: a report, or an article to write. */
type Entry = ItemReport | PendingArticle;

const isPending = (entry: Entry): entry is PendingArticle => "draft" in entry;

/**
 * A document's text repaired (src/ingest/repair.ts): double-encoded UTF-8 undone, stray
 * windows-1252 bytes read, control characters removed. Decoding did this to the bytes already;
 * this catches what a parser made of entities (a feed's `&#226;&#128;&#148;` is mojibake only once
 * decoded), in every field that reaches front matter or the body, and the site name an outlet is
 * created from.
 */
function repaired(doc: ExtractedDocument): ExtractedDocument {
  const fix = (text: string) => repairText(text);
  const out: ExtractedDocument = {
    ...doc,
    title: fix(doc.title),
    markdown: fix(doc.markdown),
    paragraphs: doc.paragraphs.map(fix),
  };
  // An optional field that was nothing but control characters is dropped, not kept raw.
  for (const field of ["byline", "siteName", "imageCaption", "imageCredit", "updateNote"] as const) {
    const value = doc[field];
    if (value === undefined) continue;
    const fixed = fix(value);
    if (fixed === "") delete out[field];
    else out[field] = fixed;
  }
  return out;
}

/** Stages 3–8 for one document: repair, keep or hold, source, assemble, dedupe; the write waits. */
function draftDocument(read: ExtractedDocument, run: Run, brief = false, fetchedFrom?: string): Entry {
  const doc = repaired(read);
  const { options } = run;
  const input = doc.input;
  const warnings: string[] = [];
  try {
    // A page that does not look like an article is kept as a held draft (nothing real is lost:
    // the page-kind judgement is sometimes wrong), unless the operator publishes such pages.
    let held: string | undefined;
    if (doc.pageKind !== "article") {
      if (options.allowNonArticle)
        warnings.push(
          `NOT AN ARTICLE (page kind "${doc.pageKind}"): published because of --allow-non-article`,
        );
      else held = `not an article (page kind "${doc.pageKind}")`;
    }
    const url = doc.url ? normalizeUrl(doc.url) : undefined;
    const source = documentSource(doc, url, run, warnings);
    const built = assembleDraft(doc, source, {
      ...options,
      matchers: run.matchers,
      places: run.places,
      ...(url ? { url } : {}),
    });
    const { removed } = built;
    let draft: ArticleDraft = held ? { ...built.draft, held } : built.draft;
    if (brief) draft = { ...draft, brief: true };
    // The article's text replaces the brief of its URL: same id (its page keeps its address), and
    // the brief's file goes if the article's date puts it in another month's folder.
    // (By its canonical URL, or the link it was fetched from: a feed item's link often redirects.)
    const briefUrl = [draft.url, fetchedFrom && normalizeUrl(fetchedFrom)].find(
      (u) => u && run.briefs.has(u),
    );
    const briefed = !brief && briefUrl ? run.briefs.get(briefUrl) : undefined;
    if (briefed) {
      draft = { ...draft, id: briefed.id };
      run.seen.byId.delete(briefed.id);
      run.briefs.delete(briefUrl as string);
    }
    warnings.push(...built.warnings);
    const target = join(options.outDir, articleFilePath({ id: draft.id, date: draft.date }));
    if (briefed) warnings.push(`replaces the brief ${briefed.path}`);
    const duplicate = duplicateReason(draft, target, run.seen);
    if (duplicate)
      return { input, status: "duplicate", path: target, id: draft.id, reason: duplicate, warnings, removed };
    run.seen.byId.set(draft.id, `${target} (from ${input})`);
    run.seen.byBody.set(bodyKey(draft.source, draft.body), `${target} (from ${input})`);
    return {
      input,
      draft,
      target,
      warnings,
      removed,
      ...(briefed && briefed.path !== target ? { replaces: briefed.path } : {}),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { input, status: "failed", reason, warnings, removed: doc.removed };
  }
}

// ── stages 8–9: stories, write ───────────────────────────────────────────────────────────────

/**
 * The end of a run: the stories of every article it assembled, decided at once in date order
 * (src/ingest/stories.ts), then each article validated and written (or not, in a dry run). Entries
 * keep their order. A large run's second thread (src/ingest/helper-thread.ts) reads half of the
 * drafts for stories, and prepares and writes about half of the files.
 */
async function finishRun(entries: readonly Entry[], run: Run, helper?: HelperThread): Promise<ItemReport[]> {
  // A held draft is not published, so it joins no story (it may when an editor publishes it and
  // a later run sees it).
  const pending = entries.filter(isPending).filter((p) => p.draft.held === undefined);
  let stories: (ItemStory | undefined)[] = [];
  let storyWarning: string | undefined;
  try {
    // A run with nothing to assign reads no existing article for it.
    if (pending.length > 0) {
      if (pending.length >= STAGE_LINE_ARTICLES)
        run.options.progress?.stage(`Deciding the stories of ${pending.length} articles`);
      // A large run's second thread reads half of the drafts for stories (their terms and shingles).
      const made = await helper?.storyFeatures(
        pending.map((p) => storyReport(p.draft)),
        run.aliases,
      );
      stories = storiesForDrafts(
        pending.map((p) => p.draft),
        run.stories,
        run.aliases,
        made,
      );
    }
  } catch (error) {
    // A report the assigner cannot place (it names it) must not cost the run its articles.
    stories = pending.map(() => undefined);
    storyWarning = `no story assigned in this run: ${(error as Error).message}`;
  }
  const storyOf = new Map(pending.map((p, i) => [p, stories[i]]));
  const toWrite = entries.filter(isPending).map((entry) => {
    if (entry.draft.held !== undefined)
      return { article: entry, draft: releasedDraft(entry), story: undefined };
    const story = storyOf.get(entry);
    if (storyWarning) entry.warnings.push(storyWarning);
    const article = story ? { ...entry, draft: withStory(entry.draft, story) } : entry;
    return { article, draft: article.draft, story };
  });
  if (toWrite.length >= STAGE_LINE_ARTICLES)
    run.options.progress?.stage(`${run.options.dryRun ? "Checking" : "Writing"} ${toWrite.length} articles`);
  const reports: ItemReport[] = [];
  const report = (i: number, prepared: Prepared) => {
    const { article, draft, story } = toWrite[i] as (typeof toWrite)[number];
    reports[i] = writePending(article, draft, run, story, prepared);
  };
  // The files are prepared in batches: the second thread takes them from the front (and writes
  // them itself), this one from the back (handing them to the writing thread), until they meet.
  let front = 0;
  let back = toWrite.length;
  const onThread = async () => {
    while (helper && back - front >= PREPARE_BATCH) {
      const from = front;
      front += PREPARE_BATCH;
      const batch = toWrite.slice(from, front);
      const prepared = await helper.prepare(
        batch.map((w) => w.draft),
        run.options,
      );
      // Should the thread fail, this one prepares the batch.
      for (const [i, write] of batch.entries())
        report(from + i, prepared?.[i] ?? preparedHere(write.draft, run));
    }
  };
  const here = async () => {
    while (back > front) {
      const to = back;
      back = Math.max(front, back - PREPARE_BATCH / 8);
      for (let i = back; i < to; i++)
        report(i, preparedHere((toWrite[i] as (typeof toWrite)[number]).draft, run));
      // The second thread's finished batch is taken (and its next one handed over) between batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all([onThread(), here()]);
  let next = 0;
  return entries.map((entry) => (isPending(entry) ? (reports[next++] as ItemReport) : entry));
}

/** Articles from which a run says when it decides stories and writes (seconds at 1,000 articles). */
const STAGE_LINE_ARTICLES = 500;

/** Articles the second thread prepares at a time (this thread prepares an eighth as many between looks). */
const PREPARE_BATCH = 160;

/** {@link prepareArticle} on this thread, a failure kept as its message like the second thread's. */
function preparedHere(draft: ArticleDraft, run: Run): Prepared {
  try {
    return prepareArticle(draft, run.options.outDir, run.options.force ?? false);
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Whether `file` is an article already written and not held (an editor published it). */
function publishedOnDisk(file: string): boolean {
  try {
    return parseArticle(readFileSync(file, "utf8"), file).held === undefined;
  } catch {
    return false;
  }
}

/** A held draft's article as it is written: an editor who published it keeps it published. */
function releasedDraft(article: PendingArticle): ArticleDraft {
  const { held: _held, ...released } = article.draft;
  return publishedOnDisk(article.target) ? released : article.draft;
}

/**
 * Stage 9 for one article (its `draft` as it is written, and what preparing its file gave):
 * write, on the writing thread when the run has one.
 */
function writePending(
  article: PendingArticle,
  draft: ArticleDraft,
  run: Run,
  story: ItemStory | undefined,
  prepared: Prepared,
): ItemReport {
  const { options, writes } = run;
  const { input, warnings, removed } = article;
  try {
    if ("error" in prepared) throw new Error(prepared.error);
    // The second thread writes what it prepared.
    const outcome = prepared.saved
      ? prepared
      : writeArticle(draft, options.outDir, {
          dryRun: options.dryRun,
          prepared,
          ...(writes ? { write: (file: string, text: string) => writes.write(file, text) } : {}),
        });
    if (outcome.status === "edited")
      return {
        input,
        status: "skipped",
        path: outcome.path,
        id: draft.id,
        reason: `${outcome.path} was edited by hand since ingest wrote it; left as it is. Pass --force to overwrite it (editor fields such as topics_override and story are kept).`,
        warnings,
        removed,
      };
    // A held draft written or unchanged is reported as held, with why and how to publish it.
    if (draft.held !== undefined)
      return {
        input,
        status: "held",
        path: outcome.path,
        id: draft.id,
        reason: `${input}: held, not published: ${draft.held}. Publish it with npm run ingest -- --publish ${draft.id}`,
        warnings,
        removed,
      };
    // The brief this article replaces, filed under another month, goes (a failed write reports the
    // item failed, and the next run writes the article again from its feed).
    if (article.replaces && !options.dryRun && outcome.status === "written")
      rmSync(article.replaces, { force: true });
    return {
      input,
      status: outcome.status,
      path: outcome.path,
      id: draft.id,
      warnings,
      removed,
      ...(story ? { story } : {}),
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { input, status: "failed", reason, warnings, removed };
  }
}

type Follow = Extract<ReadItem, { kind: "follow" }>;

/**
 * Reads one acquired input (unless the run's second thread did: `read`) and finishes its
 * documents; links to follow are returned, not fetched.
 */
function processRaw(
  raw: RawInput,
  run: Run,
  fallback?: Follow["fallback"],
  read: ReadItem[] = readInput(raw, run.context),
): { reports: Entry[]; follows: Follow[] } {
  const reports: Entry[] = [];
  const follows: Follow[] = [];
  for (const item of read) {
    if (item.kind === "document")
      reports.push(
        draftDocument(withFallback(item.document, fallback), run, false, fallback ? raw.url : undefined),
      );
    else if (item.kind === "follow") follows.push(item);
    else
      reports.push({ input: item.input, status: item.kind, reason: item.reason, warnings: [], removed: [] });
  }
  return { reports, follows };
}

/** Fills what a fetched page lacks from the feed item that linked to it. */
function withFallback(doc: ExtractedDocument, fallback: Follow["fallback"]): ExtractedDocument {
  if (!fallback) return doc;
  return {
    ...doc,
    title: doc.title || fallback.title || doc.title,
    ...((doc.byline ?? fallback.byline) ? { byline: doc.byline ?? fallback.byline } : {}),
    dates: [...doc.dates, ...(fallback.dates ?? [])],
    ...((doc.siteName ?? fallback.siteName) ? { siteName: doc.siteName ?? fallback.siteName } : {}),
    ...((doc.language ?? fallback.language) ? { language: doc.language ?? fallback.language } : {}),
  };
}

/**
 * A feed item's link not fetched: the item as a brief (its title and the summary the feed gives,
 * `brief: true`, linking to the article) when the feed gave a title, else a skip with the reason.
 */
function briefOrSkipped(follow: Follow, why: string, run: Run): Entry {
  const title = follow.fallback?.title
    ?.replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (!title) return notFollowed(follow, why);
  const summary = follow.fallback?.summary?.trim();
  const paragraphs = summary
    ? summary
        .split(/\n{2,}/)
        .map((p) => p.trim())
        .filter(Boolean)
    : [title];
  const doc: ExtractedDocument = {
    input: follow.input,
    title,
    markdown: paragraphs.map(escapeMarkdownText).join("\n\n"),
    paragraphs,
    url: follow.url,
    dates: follow.fallback?.dates ?? [],
    ...(follow.fallback?.byline ? { byline: follow.fallback.byline } : {}),
    ...(follow.fallback?.siteName ? { siteName: follow.fallback.siteName } : {}),
    ...(follow.fallback?.language ? { language: follow.fallback.language } : {}),
    removed: [],
    warnings: [
      `a brief: the feed gives ${summary ? "its title and summary" : "its title"} only, not the article's text (${why})`,
    ],
    pageKind: "article",
    provenance: {
      input: follow.input,
      // What the brief is made of (the feed's own bytes are not at hand here).
      sha256: createHash("sha256")
        .update(`${title}\n${summary ?? ""}\n${follow.url}`)
        .digest("hex"),
      extractor: BRIEF_EXTRACTOR,
    },
  };
  return draftDocument(doc, run, true);
}

function notFollowed(follow: Follow, why: string): ItemReport {
  return {
    input: follow.input,
    status: "skipped",
    reason: `${follow.input}: ${follow.reason}; ${why} (${follow.url})`,
    warnings: [],
    removed: [],
  };
}

/**
 * Unless it is a dry run, a run holds the articles folder's lock (another live ingest there makes
 * this throw IngestLockedError) and first removes temp files that killed runs left behind.
 */
function holdArticlesFolder(options: IngestOptions): { release(): void } | undefined {
  if (options.dryRun) return undefined;
  const lock = acquireIngestLock(options.outDir);
  try {
    removeStaleTempFiles(options.outDir, processAlive);
  } catch (error) {
    lock.release();
    throw error;
  }
  return lock;
}

/**
 * What became of one input's items, for its progress line: "498 assembled, 2 duplicate" (articles
 * are written once the run's stories are decided, at its end).
 */
export function outcomeOf(reports: readonly (ItemReport | PendingArticle)[]): string {
  if (reports.length === 0) return "no items";
  const counts = new Map<string, number>();
  for (const report of reports) {
    const status = "status" in report ? report.status : "assembled";
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return [...counts].map(([status, n]) => `${n} ${status}`).join(", ");
}

/** Runs `task` for each value with at most `limit` at a time; results in input order. */
function pooled<T, R>(values: readonly T[], limit: number, task: (value: T) => Promise<R>): Promise<R>[] {
  let active = 0;
  const waiting: (() => void)[] = [];
  const acquire = (): Promise<void> => {
    if (active < limit) {
      active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) =>
      waiting.push(() => {
        active++;
        resolve();
      }),
    );
  };
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return values.map(async (value) => {
    await acquire();
    try {
      return await task(value);
    } finally {
      release();
    }
  });
}

/**
 * Ingests everything the operator named — files, folders, globs, URLs — and, with `fetch`, the
 * links feeds and OPML files point to. Fetches run concurrently (per-host politeness is the
 * fetcher's); results are processed and reported in input order, so runs are deterministic.
 */
export async function ingestInputs(inputs: readonly string[], options: IngestOptions): Promise<RunReport> {
  const lock = holdArticlesFolder(options);
  try {
    return await ingestInputsHeld(inputs, options);
  } finally {
    lock?.release();
  }
}

async function ingestInputsHeld(inputs: readonly string[], options: IngestOptions): Promise<RunReport> {
  const progress = options.progress ?? silentProgress;
  const limit = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const expanded = expandInputs(inputs);
  const entries: Entry[] = expanded.problems.map((p) => ({
    ...p,
    status: "failed",
    warnings: [],
    removed: [],
  }));
  let items: ItemReport[] = [];
  const failed = (input: string, error: unknown): ItemReport => ({
    input,
    status: "failed",
    reason: error instanceof Error ? error.message : String(error),
    warnings: [],
    removed: [],
  });
  const fetchRaw = async (url: string, input: string): Promise<RawInput | ItemReport> => {
    if (!options.fetcher)
      return failed(input, new IngestError(`${input}: cannot fetch ${url}: no HTTP client configured.`));
    try {
      return await acquireUrl(url, options.fetcher, input);
    } catch (error) {
      return failed(input, error);
    }
  };
  // A large run's articles are written beside the next item's work, and all of them before this returns.
  const writes = new BackgroundWrites();
  const local = new Map<string, RawInput | ItemReport>();
  for (const input of expanded.inputs) {
    if (isUrlInput(input) || local.has(input)) continue;
    try {
      local.set(input, readLocalInput(input));
    } catch (error) {
      local.set(input, failed(input, error));
    }
  }
  const localRaws = [...local.values()].filter((a): a is RawInput => "bytes" in a);
  const run: Run = { ...startRun(options, localRaws), writes };
  // A large run's feeds and pages are read on a second thread, ahead of this one.
  const helper = options.helperThread === false ? undefined : HelperThread.start(localRaws, readerFor);
  progress.start(expanded.inputs.length);
  const acquisitions = pooled(expanded.inputs, limit, async (input) =>
    isUrlInput(input) ? fetchRaw(input, input) : (local.get(input) as RawInput | ItemReport),
  );

  const handle = async (
    acquired: RawInput | ItemReport,
    depth: number,
    fallback?: Follow["fallback"],
  ): Promise<Entry[]> => {
    if (!("bytes" in acquired)) return [acquired];
    const read = depth === 0 ? await helper?.take(acquired) : undefined;
    const { reports, follows } = processRaw(acquired, run, fallback, read);
    if (follows.length === 0) return reports;
    if (!options.fetch)
      return [...reports, ...follows.map((f) => briefOrSkipped(f, "pass --fetch to fetch it", run))];
    if (depth >= MAX_FOLLOW_DEPTH)
      return [...reports, ...follows.map((f) => notFollowed(f, "links are followed only two levels deep"))];
    progress.add(follows.length);
    const fetched = pooled(follows, limit, (f) => fetchRaw(f.url, `${f.input} → ${f.url}`));
    const out = [...reports];
    for (const [index, promise] of fetched.entries()) {
      const follow = follows[index] as Follow;
      const done = await handle(await promise, depth + 1, follow.fallback);
      progress.tick(follow.input, outcomeOf(done));
      out.push(...done);
    }
    return out;
  };

  try {
    for (const [index, promise] of acquisitions.entries()) {
      const done = await handle(await promise, 0);
      progress.tick(expanded.inputs[index] ?? "", outcomeOf(done));
      entries.push(...done);
    }
    items = await finishRun(entries, run, helper);
  } finally {
    await helper?.close();
    const unwritten = await writes.settle();
    for (const item of items) {
      const why = item.path !== undefined && item.status === "written" ? unwritten.get(item.path) : undefined;
      if (why === undefined) continue;
      item.status = "failed";
      item.reason = `${item.path} could not be written: ${why}`;
    }
  }
  progress.done();
  return { items, dryRun: options.dryRun };
}
