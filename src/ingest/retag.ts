import { readFileSync } from "node:fs";
import { join } from "node:path";
import { listArticleFiles } from "../content/article-files.ts";
import { parseArticle } from "../content/front-matter.ts";
import type { TopicEvidence } from "../content/schema.ts";
import { type TopicMatcher, tagArticle } from "./tag.ts";
import { articleText, writeFileAtomic } from "./write.ts";

/**
 * Retagging: re-apply the topic registry to articles already written, after the registry
 * changed. Only `topics` and `topic_evidence` are recomputed (from the title, summary and body in
 * the file); every other field, editors' `topics_override` and `story` above all, is kept. Files
 * whose tags would not change are not rewritten; the others are written atomically.
 */

/** One article whose tags change. */
export interface RetagChange {
  /** Path relative to the articles folder. */
  file: string;
  before: string[];
  after: string[];
  added: string[];
  removed: string[];
  /** Only the evidence (scores, terms, snippets) changed; the topics stay the same. */
  evidenceOnly: boolean;
}

export interface RetagReport {
  dir: string;
  dryRun: boolean;
  /** Article files read. */
  checked: number;
  changed: RetagChange[];
  /** Files that do not parse: left alone, named with the reason (the build refuses them too). */
  failed: { file: string; error: string }[];
  /** Per topic id: how many articles gain and lose it. */
  byTopic: Record<string, { added: number; removed: number }>;
}

/** The outcome of retagging one file's text. */
export interface RetagResult {
  change: Omit<RetagChange, "file">;
  /** The file's new text, or undefined when nothing changes. */
  text: string | undefined;
}

const sameEvidence = (a: Record<string, TopicEvidence>, b: Record<string, TopicEvidence>) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Retags one article file's text. Pure. Throws a ContentError naming `file` when the text is not
 * a valid article.
 */
export function retagText(existing: string, file: string, matchers: readonly TopicMatcher[]): RetagResult {
  const article = parseArticle(existing, file);
  const tags = tagArticle({ title: article.title, summary: article.summary, body: article.body }, matchers);
  const before = article.topics;
  const after = tags.topics;
  const change = {
    before,
    after,
    added: after.filter((t) => !before.includes(t)),
    removed: before.filter((t) => !after.includes(t)),
    evidenceOnly: false,
  };
  const topicsSame =
    change.added.length === 0 && change.removed.length === 0 && before.length === after.length;
  if (topicsSame && sameEvidence(article.topic_evidence, tags.evidence)) return { change, text: undefined };
  const text = articleText({ ...article, topics: after, topic_evidence: tags.evidence }, existing, file);
  return { change: { ...change, evidenceOnly: topicsSame }, text: text === existing ? undefined : text };
}

/** Retags every article under `dir`, writing the changed ones unless `dryRun`. */
export function retagArticles(
  dir: string,
  matchers: readonly TopicMatcher[],
  options: { dryRun: boolean },
): RetagReport {
  const report: RetagReport = {
    dir,
    dryRun: options.dryRun,
    checked: 0,
    changed: [],
    failed: [],
    byTopic: {},
  };
  for (const id of matchers.map((m) => m.id)) report.byTopic[id] = { added: 0, removed: 0 };
  for (const file of listArticleFiles(dir)) {
    const path = join(dir, file);
    report.checked++;
    let result: RetagResult;
    try {
      result = retagText(readFileSync(path, "utf8"), path, matchers);
    } catch (error) {
      report.failed.push({ file, error: (error as Error).message });
      continue;
    }
    if (result.text === undefined) continue;
    if (!options.dryRun) writeFileAtomic(path, result.text);
    report.changed.push({ file, ...result.change });
    const count = (topic: string) => {
      const counts = report.byTopic[topic] ?? { added: 0, removed: 0 };
      report.byTopic[topic] = counts;
      return counts;
    };
    for (const t of result.change.added) count(t).added++;
    for (const t of result.change.removed) count(t).removed++;
  }
  return report;
}

/** The human-readable summary: per changed file its added/removed topics, then per-topic totals. */
export function retagSummary(report: RetagReport): string {
  const lines: string[] = [];
  for (const c of report.changed) {
    const diff = [...c.added.map((t) => `+${t}`), ...c.removed.map((t) => `-${t}`)].join(" ");
    lines.push(`  ${c.file}: ${c.evidenceOnly ? "evidence updated" : diff}`);
  }
  for (const f of report.failed) lines.push(`  ${f.file}: FAILED ${f.error}`);
  const topics = Object.entries(report.byTopic)
    .map(([id, n]) => `${id} +${n.added} -${n.removed}`)
    .join(", ");
  const verb = report.dryRun ? "would change" : "changed";
  lines.push(
    `retag: ${report.changed.length} of ${report.checked} article files ${verb}` +
      `${report.failed.length > 0 ? `, ${report.failed.length} failed` : ""}` +
      `${report.dryRun ? " (dry run: nothing written)" : ""}`,
  );
  lines.push(`by topic: ${topics}`);
  return `${lines.join("\n")}\n`;
}
