import { createHash } from "node:crypto";
import { join } from "node:path";
import { articleFilePath } from "../content/paths.ts";
import type { Registries, SourceRules } from "../content/registry.ts";
import { IngestError, readLocalInput } from "./acquire.ts";
import { BackgroundWrites } from "./background-writes.ts";
import { assembleDraft, repaired } from "./draft.ts";
import { bodyKey, duplicateReason, indexExisting, learnRecurring, type Seen } from "./existing.ts";
import type { Fetcher } from "./fetch.ts";
import { type Entry, finishRun, type PendingArticle } from "./finish.ts";
import { HelperThread } from "./helper-thread.ts";
import { escapeMarkdownText } from "./html/to-markdown.ts";
import { expandInputs } from "./inputs.ts";
import { DEFAULT_CONCURRENCY } from "./limits.ts";
import { acquireIngestLock, processAlive } from "./lock.ts";
import { type CaptureContext, captureDocument, outletOf } from "./outlets.ts";
import { compilePlaces, type PlaceTagger } from "./places.ts";
import { type Progress, silentProgress } from "./progress.ts";
import { readerFor, readInput } from "./read.ts";
import type { ExtractedDocument, RawInput, ReadItem } from "./readers/types.ts";
import { acquireUrl, isUrlInput } from "./readers/url.ts";
import type { ItemReport, RunReport } from "./report.ts";
import { type StoryArchive, storyAliases } from "./stories.ts";
import { compileTopics, type TopicMatcher } from "./tag.ts";
import { normalizeUrl } from "./urls.ts";
import { type ArticleDraft, removeStaleTempFiles } from "./write.ts";

/**
 * Ingest, top-down; each stage in its own module:
 *
 *   1. acquire   an input's bytes: a local file (acquire.ts) or a URL (readers/url.ts)
 *   2. read      bytes → documents, one reader per kind of input (read.ts, readers/); a large run
 *                reads its feeds and pages on a second thread (helper-thread.ts)
 *   3. repair    a document's text: mojibake undone, control characters removed (draft.ts, repair.ts)
 *   4. hold      a page that is not an article becomes a held draft, never lost (here)
 *   5. outlet    --source, the reader's, the registry's, or a new registry entry (outlets.ts); a
 *                text capture is then cleaned by its outlet's rules and learned lines (outlets.ts)
 *   6. draft     date, language, topics and places, summary, quotes, provenance (draft.ts), pure
 *   7. dedupe    against the folder and the run so far (existing.ts); a brief's article replaces it
 *   8. stories   every drafted article's story, decided at once in date order (finish.ts, stories.ts)
 *   9. write     validated, then written, on a second thread in a large run (finish.ts, write.ts)
 *
 * This file is the run itself: its options, what it knows of the folder (existing.ts), links
 * followed (`--fetch`) or kept as briefs, the lock, progress. Everything up to the write is pure
 * and testable without a disk or a network; every input and every feed item ends in exactly one
 * report entry, with a reason when it is not written. What a run writes and reports is the same
 * with its second thread or without.
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

/** The extractor a brief records in its provenance (a feed item's title and summary, not fetched). */
export const BRIEF_EXTRACTOR = "feed-brief@1";

/** Links followed from followed links: an OPML file's feeds (1), then their items' pages (2). */
export const MAX_FOLLOW_DEPTH = 2;

/** Default for {@link IngestOptions.concurrency} (src/ingest/limits.ts). */
export { DEFAULT_CONCURRENCY };

// ── the run ─────────────────────────────────────────────────────────────────────────────────

/** One run's state: what every document of it is drafted with and checked against. */
export interface Run {
  options: IngestOptions;
  /** Where the run writes its articles: see {@link ingestInputs}. */
  writes?: BackgroundWrites;
  matchers: readonly TopicMatcher[];
  places: PlaceTagger;
  seen: Seen;
  /** Briefs in the folder by URL (src/ingest/existing.ts). */
  briefs: Map<string, { id: string; path: string }>;
  /** The folder's articles by id with their stories, and the story ids in use. */
  stories: StoryArchive;
  /** Place names in every language → place id, for joining stories across languages. */
  aliases: ReadonlyMap<string, string>;
  /** The registry's outlets plus those created during this run. */
  sources: SourceRules[];
  /** What a text capture is cleaned with once its outlet is known (outlets.ts `captureDocument`). */
  captures: CaptureContext;
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
    captures: {
      registries: options.registries,
      ...(options.source !== undefined ? { source: options.source } : {}),
      recurring,
    },
  };
}

/** Stages 3–7 for one document: repair, hold, outlet, draft, dedupe; its story and write wait for the run's end. */
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
    const source = outletOf(doc, url, run, warnings);
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

type Follow = Extract<ReadItem, { kind: "follow" }>;

/**
 * Reads one acquired input (unless the run's second thread did: `read`) and finishes its
 * documents (a text capture's made by its outlet first); links to follow are returned, not fetched.
 */
function processRaw(
  raw: RawInput,
  run: Run,
  fallback?: Follow["fallback"],
  read: ReadItem[] = readInput(raw),
): { reports: Entry[]; follows: Follow[] } {
  const reports: Entry[] = [];
  const follows: Follow[] = [];
  const drafted = (doc: ExtractedDocument) =>
    draftDocument(withFallback(doc, fallback), run, false, fallback ? raw.url : undefined);
  const notRead = (input: string, status: "failed" | "skipped", reason: string): ItemReport => ({
    input,
    status,
    reason,
    warnings: [],
    removed: [],
  });
  for (const item of read) {
    if (item.kind === "document") reports.push(drafted(item.document));
    else if (item.kind === "capture") {
      const doc = captureDocument(item.input, item.capture, run.captures);
      reports.push("failed" in doc ? notRead(item.input, "failed", doc.failed) : drafted(doc));
    } else if (item.kind === "follow") follows.push(item);
    else reports.push(notRead(item.input, item.kind, item.reason));
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
