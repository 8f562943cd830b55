import type { DiscardedLine } from "./clean.ts";

/** What happened to each input of a run, for people (text) and for programs (JSON). */

/**
 * written / unchanged: the article file is (or would be) as ingest makes it; held: written as a
 * held draft, kept but not published (not an article page; `npm run ingest -- --held` lists them);
 * duplicate: another file or input already holds it; failed: the input is broken or unreadable;
 * skipped: readable, but deliberately not written (summary-only without --fetch, edited by hand, …).
 */
export type ItemStatus = "written" | "unchanged" | "held" | "duplicate" | "failed" | "skipped";

export const ITEM_STATUSES: readonly ItemStatus[] = [
  "written",
  "unchanged",
  "held",
  "duplicate",
  "failed",
  "skipped",
];

/**
 * The story an article belongs to (src/ingest/stories.ts): "new" started one, "joined" an existing
 * one, "duplicate" is the same text as an earlier report (its story, with the earlier URLs), "kept"
 * already had a story on disk and keeps it.
 */
export interface ItemStory {
  /** The story id. */
  id: string;
  outcome: "new" | "joined" | "duplicate" | "kept";
  /** As in front matter: the report matched (for a new story, the nearest one, not close enough), score, shared terms. */
  evidence?: { matched?: string; score: number; terms: string[] };
  /** URLs of earlier copies of the same text. */
  duplicates: string[];
}

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
  /** The story of an article that is (or would be) written or is unchanged. */
  story?: ItemStory;
}

export interface RunReport {
  items: ItemReport[];
  dryRun: boolean;
}

export type Counts = Record<ItemStatus, number>;

/** Stories of the articles a run wrote (or would write): started, joined, and near-duplicates found. */
export interface StoryCounts {
  new: number;
  joined: number;
  near_duplicates: number;
}

/** How many written articles started a story, joined one, or were the same text as an earlier report. */
export function countStories(items: readonly ItemReport[]): StoryCounts {
  const counts: StoryCounts = { new: 0, joined: 0, near_duplicates: 0 };
  for (const item of items) {
    if (item.status !== "written" || !item.story) continue;
    if (item.story.outcome === "new") counts.new++;
    else if (item.story.outcome === "joined") counts.joined++;
    else if (item.story.outcome === "duplicate") counts.near_duplicates++;
  }
  return counts;
}

/** How many items ended in each status. */
export function countStatuses(items: readonly ItemReport[]): Counts {
  const counts: Counts = { written: 0, unchanged: 0, held: 0, duplicate: 0, failed: 0, skipped: 0 };
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
    story: ItemStory | null;
  }[];
  counts: Counts;
  stories: StoryCounts;
} {
  return {
    items: report.items.map((item) => ({
      input: item.input,
      status: item.status,
      path: item.path ?? null,
      id: item.id ?? null,
      reason: item.reason ?? null,
      story: item.story ?? null,
    })),
    counts: countStatuses(report.items),
    stories: countStories(report.items),
  };
}

/**
 * One line: "2 written, 0 unchanged, 1 duplicate, 0 failed, 0 skipped; 1 new story, 1 joined,
 * 0 near-duplicates" (prefixed in a dry run).
 */
export function summaryLine(report: RunReport): string {
  const c = countStatuses(report.items);
  const s = countStories(report.items);
  // Held drafts are named only when there are some: most runs have none.
  const held = c.held > 0 ? `${c.held} held (not published), ` : "";
  const line = `${c.written} written, ${c.unchanged} unchanged, ${held}${c.duplicate} duplicate, ${c.failed} failed, ${c.skipped} skipped; ${s.new} new ${s.new === 1 ? "story" : "stories"}, ${s.joined} joined, ${s.near_duplicates} near-duplicate${s.near_duplicates === 1 ? "" : "s"}`;
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
    if (!["failed", "skipped", "held"].includes(item.status) || !item.reason) continue;
    const own = item.reason.startsWith(`${item.input}: `)
      ? item.reason.slice(item.input.length + 2)
      : item.reason;
    // The link a skip names differs per item; the reason is the same.
    const reason = `${item.status}: ${own.replace(/ \(https?:\/\/[^\s)]*\)$/, "")}`;
    tally.set(reason, (tally.get(reason) ?? 0) + 1);
  }
  return [...tally].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${n} × ${reason}`);
}

/**
 * What became of an article's story, with the evidence: "joined 2024-03-22-kremlin-planning-… (matched
 * <id>, score 0.412: kharkiv, 300,000, mobilization)".
 */
export function storyLine(story: ItemStory): string {
  const e = story.evidence;
  const shared = e && e.terms.length > 0 ? `: ${e.terms.join(", ")}` : "";
  const match = e?.matched ? ` (matched ${e.matched}, score ${e.score}${shared})` : "";
  switch (story.outcome) {
    case "new":
      return `started ${story.id}${e?.matched ? ` (nearest ${e.matched}, score ${e.score}: not close enough)` : ""}`;
    case "joined":
      return `joined ${story.id}${match}`;
    case "duplicate":
      return `near-duplicate of ${e?.matched ?? "an earlier report"}${story.duplicates.length > 0 ? ` (${story.duplicates.join(", ")})` : ""}; joined ${story.id}`;
    case "kept":
      return `${story.id} (kept)`;
  }
}

/** The human-readable report: one block per input, then the summary line. */
export function reportText(report: RunReport): string {
  const lines: string[] = [];
  for (const item of report.items) {
    const verb = report.dryRun && item.status === "written" ? "would write" : item.status;
    lines.push(`${verb}: ${item.input}${item.path ? ` → ${item.path}` : ""}`);
    if (item.reason) lines.push(`  reason: ${item.reason}`);
    if (item.story) lines.push(`  story: ${storyLine(item.story)}`);
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
