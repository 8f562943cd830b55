import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { listArticleFiles } from "../content/article-files.ts";
import type { Registries } from "../content/registry.ts";
import type { Subscription } from "../content/subscriptions.ts";
import type { FetchedResource } from "../ingest/fetch.ts";
import { DEFAULT_CONCURRENCY } from "../ingest/limits.ts";
import { ingestInputs } from "../ingest/pipeline.ts";
import { type Progress, silentProgress } from "../ingest/progress.ts";
import { feedReader } from "../ingest/readers/feed.ts";
import { type ItemReport, reasonsTally } from "../ingest/report.ts";
import type { PrefetchingFetcher } from "./prefetching-fetcher.ts";
import type { SubscriptionReport, UpdateReport } from "./report.ts";
import { isDue, nextPollAt } from "./schedule.ts";
import type { SubscriptionState, UpdateState } from "./state.ts";

/**
 * `npm run update`, top-down:
 *
 *   due      the subscriptions whose interval has passed (or all of them, or the ones named)
 *   targets  the URLs each one polls: its feed or page, or the feeds its OPML list names
 *   poll     every target, through ingest's fetcher (conditional requests with `.cache/fetch/`,
 *            one request at a time per host, retries); a target that answers 304, or the bytes of
 *            its last good poll, is not read again
 *   ingest   the targets that changed, grouped by outlet and full text (ingest's `source` and
 *            `fetch`): read, tag, assign stories, write, exactly as `npm run ingest` does
 *   state    per subscription: polled now; the hashes of what was ingested whole; failures in a row
 *
 * Redirects for changed article URLs and the site build follow in the CLI (src/cli/update.ts). A subscription that fails keeps its last good
 * state; the others go on.
 */

export interface UpdateOptions {
  subscriptions: readonly Subscription[];
  registries: Registries;
  /** sources.yaml, where outlets first met through an OPML list are added. */
  registryFile: string;
  articlesDir: string;
  /** Where ingest keeps the index of the folder's articles between runs (IngestOptions.indexCache). */
  indexCache?: string;
  state: UpdateState;
  now: Date;
  /** Poll every subscription (`--all`), due or not. */
  all?: boolean;
  /** Poll only these subscription ids (`--only`), due or not. */
  only?: readonly string[];
  dryRun: boolean;
  fetcher: PrefetchingFetcher;
  toolVersion: string;
  concurrency?: number;
  progress?: Progress;
  log?: (line: string) => void;
}

export interface UpdateResult {
  report: UpdateReport;
  /** The state to save (the same object as given, in a dry run). */
  state: UpdateState;
  /** Every article file written this run. */
  written: string[];
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** One URL a subscription polls, and what became of it. */
interface Target {
  subscription: Subscription;
  url: string;
  resource?: FetchedResource;
  /** Why it could not be fetched. */
  error?: string;
  hash?: string;
  /** Same bytes as its last good poll: not ingested again. */
  notModified?: boolean;
  items: ItemReport[];
}

/** Runs `task` on every value, at most `limit` at a time (the fetcher adds one at a time per host). */
async function eachAtMost<T>(
  limit: number,
  values: readonly T[],
  task: (value: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < values.length; i = next++) await task(values[i] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, values.length)) }, lane));
}

/** Whether an ingest report item came from `url` (the feed itself, one of its items, or a page an item links to). */
export function itemOf(url: string, item: ItemReport): boolean {
  return item.input === url || item.input.startsWith(`${url}#`) || item.input.startsWith(`${url} → `);
}

/** The URLs a subscription polls; for an OPML list, the feeds it names (fetched here). */
async function targetsOf(
  subscription: Subscription,
  fetcher: PrefetchingFetcher,
): Promise<{ urls: string[] } | { error: string }> {
  if (subscription.kind !== "opml") return { urls: [subscription.url] };
  try {
    const list = await fetcher.get(subscription.url);
    const items = feedReader.read({
      input: subscription.url,
      bytes: list.bytes,
      url: list.finalUrl,
      ...(list.contentType ? { contentType: list.contentType } : {}),
    });
    const urls = items.flatMap((item) => (item.kind === "follow" ? [item.url] : []));
    if (urls.length === 0) {
      const why = items.find((item) => item.kind !== "follow");
      return {
        error:
          why && "reason" in why
            ? why.reason
            : `${subscription.url}: the OPML list names no feed. Check the URL, or make the subscription a feed.`,
      };
    }
    return { urls: [...new Set(urls)] };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Polls what is due, ingests what changed, and returns the report and the next state. */
export async function runUpdate(options: UpdateOptions): Promise<UpdateResult> {
  const log = options.log ?? (() => {});
  const previous = options.state.subscriptions;
  // ── due ──
  const chosen = (sub: Subscription) =>
    options.only ? options.only.includes(sub.id) : options.all || isDue(sub, previous[sub.id], options.now);
  const due = options.subscriptions.filter(chosen);
  log(`${due.length} of ${options.subscriptions.length} subscriptions to poll`);

  // ── targets and poll ──
  const targetLists = await Promise.all(due.map((sub) => targetsOf(sub, options.fetcher)));
  // (OPML lists are few; each is one request, queued by host like every other.)
  const listErrors = new Map<string, string>();
  const targets: Target[] = [];
  due.forEach((subscription, index) => {
    const found = targetLists[index] as { urls: string[] } | { error: string };
    if ("error" in found) listErrors.set(subscription.id, found.error);
    else for (const url of found.urls) targets.push({ subscription, url, items: [] });
  });
  await eachAtMost(options.concurrency ?? DEFAULT_CONCURRENCY, targets, async (target) => {
    try {
      target.resource = await options.fetcher.prefetch(target.url);
      target.hash = sha256(target.resource.bytes);
      target.notModified = previous[target.subscription.id]?.last_good[target.url] === target.hash;
      if (target.notModified) options.fetcher.drop(target.url);
    } catch (error) {
      target.error = (error as Error).message;
    }
  });

  // ── ingest ──
  // What is there before, so the report tells new articles from articles the outlet changed.
  const existing = new Set(
    existsSync(options.articlesDir)
      ? listArticleFiles(options.articlesDir).map((file) => join(options.articlesDir, file))
      : [],
  );
  const changed = targets.filter((t) => t.resource && !t.notModified);
  const groups = new Map<string, Target[]>();
  for (const target of changed) {
    const { outlet, full_text } = target.subscription;
    const key = JSON.stringify([outlet ?? null, full_text]);
    groups.set(key, [...(groups.get(key) ?? []), target]);
  }
  for (const group of groups.values()) {
    const { outlet, full_text } = (group[0] as Target).subscription;
    const urls = group.map((t) => t.url);
    log(
      `ingesting ${urls.length} changed URL${urls.length === 1 ? "" : "s"}${outlet ? ` of ${outlet}` : ""}`,
    );
    const run = await ingestInputs(urls, {
      outDir: options.articlesDir,
      ...(options.indexCache !== undefined ? { indexCache: options.indexCache } : {}),
      ...(outlet !== undefined ? { source: outlet } : {}),
      dryRun: options.dryRun,
      fetch: full_text,
      fetcher: options.fetcher,
      registries: options.registries,
      registryFile: options.registryFile,
      toolVersion: options.toolVersion,
      now: options.now,
      ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      progress: options.progress ?? silentProgress,
    });
    for (const item of run.items) {
      // Longest URL first: a feed at /news/ is not the owner of an item of /news/world/.
      const owner = group.filter((t) => itemOf(t.url, item)).sort((a, b) => b.url.length - a.url.length)[0];
      owner?.items.push(item);
    }
  }

  // ── report and state ──
  const reports = options.subscriptions.map((subscription): SubscriptionReport => {
    const before = previous[subscription.id];
    if (!due.includes(subscription)) {
      const next = nextPollAt(subscription, before);
      return {
        ...emptyReport(subscription, before),
        status: "not-due",
        ...(next ? { nextPoll: next.toISOString() } : {}),
      };
    }
    return reportOf(
      subscription,
      existing,
      targets.filter((t) => t.subscription === subscription),
      listErrors.get(subscription.id),
      before,
    );
  });
  const report: UpdateReport = { subscriptions: reports, dryRun: options.dryRun };
  const written = reports.flatMap((r) => [...r.written, ...r.changed]);
  if (options.dryRun) return { report, state: options.state, written };
  return { report, state: nextState(options, due, targets, listErrors, reports), written };
}

function emptyReport(subscription: Subscription, before: SubscriptionState | undefined): SubscriptionReport {
  return {
    id: subscription.id,
    kind: subscription.kind,
    url: subscription.url,
    status: "unchanged",
    written: [],
    changed: [],
    unchanged: 0,
    duplicate: 0,
    skipped: 0,
    failed: 0,
    notModified: 0,
    fetched: 0,
    problems: [],
    failuresInARow: before?.failures ?? 0,
    ...(before?.last_success ? { lastSuccess: before.last_success } : {}),
  };
}

/** Items not written that a subscription's report lists one by one; past this, they are tallied by reason. */
const MAX_LISTED_PROBLEMS = 5;

/** Ingest's advice in the update's terms: a subscription fetches full text with `full_text`, not `--fetch`. */
const inUpdateTerms = (reason: string) =>
  reason.replace("pass --fetch to fetch it", "set full_text: true on the subscription to fetch it");

/** Counts a polled subscription's targets and items; it failed when a fetch or an item did. */
function reportOf(
  subscription: Subscription,
  existing: ReadonlySet<string>,
  targets: readonly Target[],
  listError: string | undefined,
  before: SubscriptionState | undefined,
): SubscriptionReport {
  const report = emptyReport(subscription, before);
  if (listError) report.problems.push(`failed: ${listError}`);
  for (const target of targets) {
    if (target.error) report.problems.push(`failed: ${target.error}`);
    if (target.resource) report.fetched++;
    if (target.notModified) report.notModified++;
    for (const item of target.items) {
      if (item.status === "written" && item.path)
        (existing.has(item.path) ? report.changed : report.written).push(item.path);
      else if (item.status === "unchanged") report.unchanged++;
      else if (item.status === "duplicate") report.duplicate++;
      else if (item.status === "skipped") report.skipped++;
      else if (item.status === "failed") report.failed++;
    }
  }
  // Items not written or held back, each with its reason; many alike are tallied.
  const held = targets
    .flatMap((t) => t.items)
    .filter((item) => ["failed", "skipped", "held"].includes(item.status) && item.reason)
    .map((item) => ({ ...item, reason: inUpdateTerms(item.reason as string) }));
  report.problems.push(
    ...(held.length <= MAX_LISTED_PROBLEMS
      ? held.map((item) => `${item.status}: ${item.reason}`)
      : reasonsTally(held)),
  );
  const failed = listError !== undefined || report.failed > 0 || targets.some((t) => t.error);
  const wrote = report.written.length + report.changed.length > 0;
  report.status = failed ? "failed" : wrote ? "updated" : "unchanged";
  if (failed) report.failuresInARow = (before?.failures ?? 0) + 1;
  else report.failuresInARow = 0;
  return report;
}

/**
 * The state after this run. A target's hash is recorded only when it was read and ingested with no
 * failed item, so a failure is retried next time instead of being taken for "not modified".
 */
function nextState(
  options: UpdateOptions,
  due: readonly Subscription[],
  targets: readonly Target[],
  listErrors: ReadonlyMap<string, string>,
  reports: readonly SubscriptionReport[],
): UpdateState {
  const now = options.now.toISOString();
  const subscriptions: Record<string, SubscriptionState> = {};
  for (const [index, subscription] of options.subscriptions.entries()) {
    const before = options.state.subscriptions[subscription.id];
    const kept: SubscriptionState =
      before && before.url === subscription.url
        ? before
        : { url: subscription.url, last_good: {}, failures: 0 };
    if (!due.includes(subscription)) {
      subscriptions[subscription.id] = kept;
      continue;
    }
    const report = reports[index] as SubscriptionReport;
    const mine = targets.filter((t) => t.subscription === subscription);
    const lastGood: Record<string, string> = {};
    // An OPML list read this run names the targets; otherwise the last good ones stay.
    const urls = listErrors.has(subscription.id) ? Object.keys(kept.last_good) : mine.map((t) => t.url);
    for (const url of urls) {
      const target = mine.find((t) => t.url === url);
      const whole = target?.hash && !target.items.some((item) => item.status === "failed");
      const hash = whole ? target.hash : kept.last_good[url];
      if (hash) lastGood[url] = hash;
    }
    const failed = report.status === "failed";
    subscriptions[subscription.id] = {
      url: subscription.url,
      last_polled: now,
      ...(failed ? (kept.last_success ? { last_success: kept.last_success } : {}) : { last_success: now }),
      last_good: lastGood,
      failures: report.failuresInARow,
      ...(failed ? { last_error: report.problems.find((p) => p.startsWith("failed: ")) ?? "failed" } : {}),
    };
  }
  return { subscriptions };
}
