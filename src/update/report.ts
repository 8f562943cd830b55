import type { SubscriptionKind } from "../content/subscriptions.ts";

/** What `npm run update` did with each subscription, for people (text) and programs (JSON). */

/**
 * updated: something was written; unchanged: polled, nothing new; failed: something it fetched or
 * an item of it failed (its last good state is kept); not-due: its interval has not passed.
 */
export type SubscriptionStatus = "updated" | "unchanged" | "failed" | "not-due";

export interface SubscriptionReport {
  id: string;
  kind: SubscriptionKind;
  url: string;
  status: SubscriptionStatus;
  /** New articles written. */
  written: string[];
  /** Articles already there, written again because the outlet changed them (text, title, date…). */
  changed: string[];
  /** Items whose article is already there as ingest would write it. */
  unchanged: number;
  /** Items another file or feed already holds. */
  duplicate: number;
  /** Items not published, each with a reason in `problems`. */
  skipped: number;
  /** Items that failed, each with a reason in `problems`. */
  failed: number;
  /** URLs not read again: not modified since the last good poll (304, or the same bytes). */
  notModified: number;
  /** URLs fetched this run. */
  fetched: number;
  /** Why it failed, what was skipped, or when it is due. */
  problems: string[];
  /** When it is due again (not-due only). */
  nextPoll?: string;
  /** Failures in a row, counting this run. */
  failuresInARow: number;
  /** The last poll that went through, whose state is kept when this one failed. */
  lastSuccess?: string;
}

export interface UpdateReport {
  subscriptions: SubscriptionReport[];
  dryRun: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "3 new, 17 unchanged, 1 failed" — the counts of one subscription, zeros left out but for unchanged. */
export function subscriptionCounts(report: SubscriptionReport): string {
  const parts = [`${report.written.length} new`];
  if (report.changed.length > 0) parts.push(`${report.changed.length} changed`);
  if (report.unchanged > 0 || report.written.length + report.changed.length === 0)
    parts.push(`${report.unchanged} unchanged`);
  if (report.notModified > 0) parts.push(`${report.notModified} not modified (not read again)`);
  if (report.duplicate > 0) parts.push(`${report.duplicate} duplicate`);
  if (report.skipped > 0) parts.push(`${report.skipped} skipped`);
  if (report.failed > 0) parts.push(`${report.failed} failed`);
  return parts.join(", ");
}

/** One block per subscription: its status and counts, then each reason. */
export function subscriptionText(report: SubscriptionReport, dryRun = false): string[] {
  const head = `${report.id} (${report.kind})`;
  if (report.status === "not-due") return [`${head}: not due (next poll from ${report.nextPoll})`];
  const lines = [`${head}: ${report.status}: ${subscriptionCounts(report)}`];
  for (const problem of report.problems) lines.push(`  ${problem}`);
  if (report.status === "failed")
    lines.push(
      `  ${plural(report.failuresInARow, "failure")} in a row; ${report.lastSuccess ? `the state of the last good poll (${report.lastSuccess}) is kept` : "no poll has gone through yet"}`,
    );
  for (const path of report.written) lines.push(`  ${dryRun ? "would write" : "wrote"} ${path}`);
  for (const path of report.changed) lines.push(`  ${dryRun ? "would rewrite" : "rewrote"} ${path}`);
  return lines;
}

/** How many subscriptions ended in each status, and the articles written. */
export function updateCounts(
  report: UpdateReport,
): Record<SubscriptionStatus, number> & { written: number; changed: number } {
  const counts = { updated: 0, unchanged: 0, failed: 0, "not-due": 0, written: 0, changed: 0 };
  for (const sub of report.subscriptions) {
    counts[sub.status]++;
    counts.written += sub.written.length;
    counts.changed += sub.changed.length;
  }
  return counts;
}

/** "2 new articles from 4 subscriptions polled: 1 updated, 2 unchanged, 1 failed; 3 not due". */
export function updateSummaryLine(report: UpdateReport): string {
  const c = updateCounts(report);
  const polled = report.subscriptions.length - c["not-due"];
  const changed = c.changed > 0 ? ` (and ${c.changed} changed)` : "";
  const articles = report.dryRun
    ? `${plural(c.written, "new article")}${changed} would be written`
    : `${plural(c.written, "new article")}${changed}`;
  return `${articles} from ${plural(polled, "subscription")} polled: ${c.updated} updated, ${c.unchanged} unchanged, ${c.failed} failed; ${c["not-due"]} not due`;
}

/** The human-readable report: one block per subscription, then the summary line. */
export function updateText(report: UpdateReport): string {
  if (report.subscriptions.length === 0)
    return "no subscriptions: add feeds, pages or OPML lists to registry/subscriptions.yaml (its header shows how)";
  return [
    ...report.subscriptions.flatMap((sub) => subscriptionText(sub, report.dryRun)),
    updateSummaryLine(report),
  ].join("\n");
}

/** The machine-readable report printed by `--json`. */
export function updateJson(report: UpdateReport) {
  return {
    dryRun: report.dryRun,
    subscriptions: report.subscriptions.map((sub) => ({
      id: sub.id,
      kind: sub.kind,
      url: sub.url,
      status: sub.status,
      new: sub.written.length,
      changed: sub.changed.length,
      unchanged: sub.unchanged,
      duplicate: sub.duplicate,
      skipped: sub.skipped,
      failed: sub.failed,
      notModified: sub.notModified,
      fetched: sub.fetched,
      written: sub.written,
      rewritten: sub.changed,
      problems: sub.problems,
      nextPoll: sub.nextPoll ?? null,
    })),
    counts: updateCounts(report),
  };
}
