import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { listArticleFiles } from "../content/article-files.ts";
import { parseArticle, serializeArticle } from "../content/front-matter.ts";
import type { TopicEvidence } from "../content/schema.ts";
import { acquireIngestLock } from "./lock.ts";
import { type PlaceTagger, tagTopicsAndPlaces } from "./places.ts";
import { type TopicMatcher, tagArticle } from "./tag.ts";
import { articleText, editedByHand, writeFileAtomic } from "./write.ts";

/**
 * Retagging: re-apply the topic and place registries to articles already written, after a registry
 * changed. Only `topics`, `topic_evidence`, `places` and `place_evidence` are recomputed (from the
 * title, summary and body in the file); every other field, editors' `topics_override` and `story`
 * above all, is kept. Files
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
  /** Places gained and lost. */
  placesAdded: string[];
  placesRemoved: string[];
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
  /** Per place id: how many articles gain and lose it (places that change only). */
  byPlace: Record<string, { added: number; removed: number }>;
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
export function retagText(
  existing: string,
  file: string,
  matchers: readonly TopicMatcher[],
  places?: PlaceTagger,
): RetagResult {
  const article = parseArticle(existing, file);
  const fields = { title: article.title, summary: article.summary, body: article.body };
  // Without a place registry the article's places stay as they are.
  const { topics: tags, places: placeTags } = places
    ? tagTopicsAndPlaces(fields, matchers, places)
    : {
        topics: tagArticle(fields, matchers),
        places: { places: article.places, evidence: article.place_evidence },
      };
  const before = article.topics;
  const after = tags.topics;
  const change = {
    before,
    after,
    added: after.filter((t) => !before.includes(t)),
    removed: before.filter((t) => !after.includes(t)),
    placesAdded: placeTags.places.filter((p) => !article.places.includes(p)),
    placesRemoved: article.places.filter((p) => !placeTags.places.includes(p)),
    evidenceOnly: false,
  };
  const tagsSame =
    change.added.length === 0 &&
    change.removed.length === 0 &&
    before.length === after.length &&
    change.placesAdded.length === 0 &&
    change.placesRemoved.length === 0;
  if (
    tagsSame &&
    sameEvidence(article.topic_evidence, tags.evidence) &&
    sameEvidence(article.place_evidence, placeTags.evidence)
  )
    return { change, text: undefined };
  const sealed = articleText(
    {
      ...article,
      topics: after,
      topic_evidence: tags.evidence,
      places: placeTags.places,
      place_evidence: placeTags.evidence,
    },
    existing,
    file,
  );
  // A file edited by hand stays marked as edited: its stored content hash is kept (it matched
  // neither before nor after), so the next ingest still leaves the editor's text alone.
  const stored = article.provenance.content_sha256;
  const text =
    stored !== undefined && editedByHand(existing, file)
      ? serializeArticle({
          ...parseArticle(sealed, file),
          provenance: { ...parseArticle(sealed, file).provenance, content_sha256: stored },
        })
      : sealed;
  return { change: { ...change, evidenceOnly: tagsSame }, text: text === existing ? undefined : text };
}

/** Retags every article under `dir`, writing the changed ones unless `dryRun`. */
export function retagArticles(
  dir: string,
  matchers: readonly TopicMatcher[],
  options: { dryRun: boolean; places?: PlaceTagger },
): RetagReport {
  const report: RetagReport = {
    dir,
    dryRun: options.dryRun,
    checked: 0,
    changed: [],
    failed: [],
    byTopic: {},
    byPlace: {},
  };
  for (const id of matchers.map((m) => m.id)) report.byTopic[id] = { added: 0, removed: 0 };
  // The same lock as ingest: a retag and an ingest never write one folder at once.
  const lock = options.dryRun || !existsSync(dir) ? undefined : acquireIngestLock(dir);
  try {
    retagFiles(dir, matchers, options, report);
  } finally {
    lock?.release();
  }
  return report;
}

function retagFiles(
  dir: string,
  matchers: readonly TopicMatcher[],
  options: { dryRun: boolean; places?: PlaceTagger },
  report: RetagReport,
): void {
  for (const file of listArticleFiles(dir)) {
    const path = join(dir, file);
    report.checked++;
    let result: RetagResult;
    try {
      result = retagText(readFileSync(path, "utf8"), path, matchers, options.places);
    } catch (error) {
      report.failed.push({ file, error: (error as Error).message });
      continue;
    }
    if (result.text === undefined) continue;
    if (!options.dryRun) writeFileAtomic(path, result.text);
    report.changed.push({ file, ...result.change });
    const count = (tally: RetagReport["byTopic"], id: string) => {
      const counts = tally[id] ?? { added: 0, removed: 0 };
      tally[id] = counts;
      return counts;
    };
    for (const t of result.change.added) count(report.byTopic, t).added++;
    for (const t of result.change.removed) count(report.byTopic, t).removed++;
    for (const p of result.change.placesAdded) count(report.byPlace, p).added++;
    for (const p of result.change.placesRemoved) count(report.byPlace, p).removed++;
  }
}

/** The human-readable summary: per changed file its added/removed topics, then per-topic totals. */
export function retagSummary(report: RetagReport): string {
  const lines: string[] = [];
  for (const c of report.changed) {
    const diff = [
      ...c.added.map((t) => `+${t}`),
      ...c.removed.map((t) => `-${t}`),
      ...c.placesAdded.map((p) => `+place:${p}`),
      ...c.placesRemoved.map((p) => `-place:${p}`),
    ].join(" ");
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
  const places = Object.entries(report.byPlace)
    .map(([id, n]) => `${id} +${n.added} -${n.removed}`)
    .join(", ");
  if (places) lines.push(`by place: ${places}`);
  return `${lines.join("\n")}\n`;
}
