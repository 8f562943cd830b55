import type { DiscardedLine } from "./clean.ts";

/** What happened to each input of a run, for people (text) and for programs (JSON). */

/**
 * written / unchanged: the article file is (or would be) as ingest makes it; duplicate: another
 * file or input already holds it; failed: the input is broken or unreadable; skipped: readable, but
 * deliberately not published (not an article, summary-only without --fetch, edited by hand, …).
 */
export type ItemStatus = "written" | "unchanged" | "duplicate" | "failed" | "skipped";

export const ITEM_STATUSES: readonly ItemStatus[] = [
  "written",
  "unchanged",
  "duplicate",
  "failed",
  "skipped",
];

export interface ItemReport {
  input: string;
  status: ItemStatus;
  path?: string;
  id?: string;
  /** Why it failed, was skipped or is a duplicate. */
  reason?: string;
  warnings: string[];
  /** Lines removed as boilerplate, each with its reason. */
  removed: DiscardedLine[];
}

export interface RunReport {
  items: ItemReport[];
  dryRun: boolean;
}

export type Counts = Record<ItemStatus, number>;

/** How many items ended in each status. */
export function countStatuses(items: readonly ItemReport[]): Counts {
  const counts: Counts = { written: 0, unchanged: 0, duplicate: 0, failed: 0, skipped: 0 };
  for (const item of items) counts[item.status]++;
  return counts;
}

/** The machine-readable report printed by `--json`. */
export function reportJson(report: RunReport): {
  items: {
    input: string;
    status: ItemStatus;
    path: string | null;
    id: string | null;
    reason: string | null;
  }[];
  counts: Counts;
} {
  return {
    items: report.items.map((item) => ({
      input: item.input,
      status: item.status,
      path: item.path ?? null,
      id: item.id ?? null,
      reason: item.reason ?? null,
    })),
    counts: countStatuses(report.items),
  };
}

/** One line: "2 written, 0 unchanged, 1 duplicate, 0 failed, 0 skipped" (prefixed in a dry run). */
export function summaryLine(report: RunReport): string {
  const c = countStatuses(report.items);
  const line = `${c.written} written, ${c.unchanged} unchanged, ${c.duplicate} duplicate, ${c.failed} failed, ${c.skipped} skipped`;
  return report.dryRun ? `dry run (nothing written): ${line.replace("written", "would be written")}` : line;
}

/** Tallies removed lines by reason: "3 × moscow-times: boilerplate line". */
export function removedByReason(removed: readonly DiscardedLine[]): string[] {
  const tally = new Map<string, number>();
  for (const line of removed) {
    const reason = line.reason.replace(/ \(line \d+\)$/, "");
    tally.set(reason, (tally.get(reason) ?? 0) + 1);
  }
  return [...tally].map(([reason, n]) => `${n} × ${reason}`);
}

/**
 * Why items failed or were skipped, tallied by reason with the input name taken out:
 * "12 × skipped: summary-only; pass --fetch". For the end-of-run summary.
 */
export function reasonsTally(items: readonly ItemReport[]): string[] {
  const tally = new Map<string, number>();
  for (const item of items) {
    if ((item.status !== "failed" && item.status !== "skipped") || !item.reason) continue;
    const own = item.reason.startsWith(`${item.input}: `)
      ? item.reason.slice(item.input.length + 2)
      : item.reason;
    // The link a skip names differs per item; the reason is the same.
    const reason = `${item.status}: ${own.replace(/ \(https?:\/\/[^\s)]*\)$/, "")}`;
    tally.set(reason, (tally.get(reason) ?? 0) + 1);
  }
  return [...tally].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${n} × ${reason}`);
}

/** The human-readable report: one block per input, then the summary line. */
export function reportText(report: RunReport): string {
  const lines: string[] = [];
  for (const item of report.items) {
    const verb = report.dryRun && item.status === "written" ? "would write" : item.status;
    lines.push(`${verb}: ${item.input}${item.path ? ` → ${item.path}` : ""}`);
    if (item.reason) lines.push(`  reason: ${item.reason}`);
    for (const warning of item.warnings) lines.push(`  warning: ${warning}`);
    if (item.removed.length > 0) {
      lines.push(`  removed ${item.removed.length} boilerplate line(s):`);
      for (const tally of removedByReason(item.removed)) lines.push(`    ${tally}`);
    }
  }
  const reasons = reasonsTally(report.items);
  if (reasons.length > 1) lines.push("reasons:", ...reasons.map((r) => `  ${r}`));
  lines.push(summaryLine(report));
  return lines.join("\n");
}
