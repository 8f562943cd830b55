import { readFileSync } from "node:fs";
import { parseArticle } from "../content/front-matter.ts";
import type { Place } from "../content/places.ts";
import type { ArticleFrontMatterInput } from "../content/schema.ts";
import {
  assignStories,
  type ExistingReport,
  existingWindow,
  type ReportFeatures,
  type StoryAssignment,
  type StoryReport,
} from "../stories/assign.ts";
import type { ItemStory } from "./report.ts";
import { tokenize } from "./tag.ts";
import type { ArticleDraft } from "./write.ts";

/**
 * Stories at ingest: which story each new article of a run belongs to (src/stories/), decided
 * once the run's drafts are assembled and before any is written. The core ({@link decideStories},
 * {@link withStory}, {@link storyAliases}) is pure; {@link storiesForDrafts} adds the one read it
 * needs, the front matter of the articles already written near the new ones' dates.
 *
 * Ids are never renamed: an article that already has a `story` on disk keeps it, with the
 * evidence and duplicates it was given then, so re-ingesting it changes nothing (and `story`, an
 * editor field, survives in write.ts anyway). Only articles new to the folder (or written before
 * stories existed) are assigned.
 */

/** Shared terms recorded in `story_evidence`: enough to see why, short enough to read. */
export const STORY_EVIDENCE_TERMS = 8;

type StoryFields = Pick<ArticleFrontMatterInput, "story" | "story_evidence" | "duplicates">;

/** What the run needs to know of an article already in the folder, for stories. */
export interface ArchivedArticle extends StoryFields {
  path: string;
  date: string;
}

/** The folder's articles by id, and every story id in use there (a new id never repeats one). */
export interface StoryArchive {
  byId: Map<string, ArchivedArticle>;
  storyIds: Set<string>;
}

export function emptyStoryArchive(): StoryArchive {
  return { byId: new Map(), storyIds: new Set() };
}

/** Records an article read from the folder (src/ingest/existing.ts `indexExisting` reads them all once). */
export function archiveArticle(
  archive: StoryArchive,
  article: StoryFields & { id: string; date: string },
  path: string,
): void {
  archive.byId.set(article.id, {
    path,
    date: article.date,
    ...(article.story !== undefined ? { story: article.story } : {}),
    ...(article.story_evidence !== undefined ? { story_evidence: article.story_evidence } : {}),
    duplicates: article.duplicates ?? [],
  });
  if (article.story !== undefined) archive.storyIds.add(article.story);
}

// ── aliases ─────────────────────────────────────────────────────────────────────────────────

/** The words of a name as the tagger reads them ("Kharkiv’s" → ["kharkiv's"]). */
const wordsOfName = (name: string): string[] => tokenize(name.replace(/\*$/, "")).map((t) => t.word);

/** Whether a label is one of the names a place's terms match: a term as written, or a declared stem ("харків*"). */
function termMatches(label: readonly string[], term: string): boolean {
  const words = term.trim().split(/\s+/);
  if (words.length !== label.length) return false;
  return words.every((word, i) => {
    const want = wordsOfName(word).join(" ");
    const have = label[i] ?? "";
    return word.endsWith("*") ? have.startsWith(want) : have === want;
  });
}

/**
 * The assigner's alias table (`StoryOptions.aliases`) from the place registry: every place name
 * written out in full (terms without `*`, in every language) and every label that one of the
 * place's own terms matches, each → the place id, so "Kharkiv", "Харків" and "Харьков" count as one
 * term across languages. Stems ("харків*") cannot be aliases (the table holds whole words); the
 * place tagger's ids (`places`) already carry them. Labels the terms do not match are left out on
 * purpose: the registry keeps ambiguous bare names (Georgia, Jordan, Chad) out of the terms, and
 * they stay out here. A name two places claim is dropped. Pure.
 */
export function storyAliases(places: readonly Place[]): Map<string, string> {
  const owner = new Map<string, string>();
  const ambiguous = new Set<string>();
  const add = (form: string, id: string) => {
    const key = wordsOfName(form).join(" ");
    if (!key) return;
    const known = owner.get(key);
    if (known !== undefined && known !== id) ambiguous.add(key);
    else owner.set(key, id);
  };
  for (const place of places) {
    const terms = Object.values(place.terms).flatMap((list) => (list ?? []).map((t) => t.term));
    for (const term of terms) if (!term.includes("*")) add(term, place.id);
    for (const label of Object.values(place.labels)) {
      if (label === undefined) continue;
      const words = wordsOfName(label);
      if (terms.some((term) => termMatches(words, term))) add(label, place.id);
    }
  }
  for (const key of ambiguous) owner.delete(key);
  return owner;
}

// ── the pure core ───────────────────────────────────────────────────────────────────────────

/** An article as the assigner sees it. */
export function storyReport(article: ArticleDraft): StoryReport {
  return {
    id: article.id,
    url: article.url,
    source: article.source,
    language: article.language,
    date: article.date,
    title: article.title,
    summary: article.summary,
    body: article.body,
    places: article.places ?? [],
  };
}

/** The front-matter evidence of an assignment: score in 0..1 to three decimals, at most {@link STORY_EVIDENCE_TERMS} terms. */
function evidenceOf(assignment: StoryAssignment): NonNullable<StoryFields["story_evidence"]> {
  const { matched, score, terms } = assignment.evidence;
  return {
    ...(matched !== undefined ? { matched } : {}),
    score: Math.min(1, Math.max(0, Math.round(score * 1000) / 1000)),
    terms: terms.slice(0, STORY_EVIDENCE_TERMS),
  };
}

/**
 * Stories for a run's drafts (returned in the drafts' order): those in `kept` (already written
 * with a story) keep theirs; the others are assigned by {@link assignStories} against `existing`
 * (the articles written near their dates, with their stories), in date order, never taking an id
 * of `takenStoryIds`. Pure.
 */
export function decideStories(
  drafts: readonly ArticleDraft[],
  context: {
    existing: readonly ExistingReport[];
    kept: ReadonlyMap<string, ArchivedArticle>;
    takenStoryIds: Iterable<string>;
    aliases: ReadonlyMap<string, string>;
    /** Reports' features made on another thread, by id (src/stories/assign.ts, `reportFeatures`). */
    made?: ReadonlyMap<string, ReportFeatures>;
  },
): ItemStory[] {
  const incoming = drafts.filter((d) => context.kept.get(d.id)?.story === undefined).map(storyReport);
  const assigned = new Map(
    assignStories(
      context.existing,
      incoming,
      { aliases: context.aliases, takenStoryIds: context.takenStoryIds },
      context.made,
    ).map((a) => [a.id, a]),
  );
  return drafts.map((draft): ItemStory => {
    const a = assigned.get(draft.id);
    if (a) return { id: a.story, outcome: a.outcome, evidence: evidenceOf(a), duplicates: a.duplicates };
    const kept = context.kept.get(draft.id) as ArchivedArticle & { story: string };
    return {
      id: kept.story,
      outcome: "kept",
      ...(kept.story_evidence ? { evidence: kept.story_evidence } : {}),
      duplicates: kept.duplicates ?? [],
    };
  });
}

/** The draft with its story, evidence and earlier copies' URLs in its front matter. Pure. */
export function withStory(draft: ArticleDraft, story: ItemStory): ArticleDraft {
  const { story_evidence: _old, ...rest } = draft;
  return {
    ...rest,
    story: story.id,
    ...(story.evidence ? { story_evidence: story.evidence } : {}),
    duplicates: story.duplicates,
  };
}

// ── the one read ────────────────────────────────────────────────────────────────────────────

/**
 * The articles of the folder the assigner must see for `drafts`: those dated within
 * {@link existingWindow} of one of the drafts to assign (a few days around each: a feed with one
 * item from last year does not make the whole archive the window), read from their files, except
 * the drafts' own (an article re-ingested without a story on disk is assigned as new). Files that no
 * longer parse are left out (the build reports them).
 */
export function readStoryWindow(archive: StoryArchive, toAssign: readonly ArticleDraft[]): ExistingReport[] {
  const windows = mergedWindows(toAssign.map(storyReport));
  if (windows.length === 0) return [];
  const own = new Set(toAssign.map((d) => d.id));
  const reports: ExistingReport[] = [];
  for (const [id, entry] of archive.byId) {
    if (own.has(id) || !inWindows(windows, Date.parse(entry.date))) continue;
    try {
      const article = parseArticle(readFileSync(entry.path, "utf8"), entry.path);
      reports.push({ ...storyReport(article), story: article.story });
    } catch {
      // not ours to judge here
    }
  }
  return reports;
}

/** Each report's window (epoch ms), overlapping ones merged, in order. */
function mergedWindows(reports: readonly StoryReport[]): [number, number][] {
  const spans = reports
    .map((r) => existingWindow([r]))
    .filter((w) => w !== undefined)
    .map((w): [number, number] => [w.from.getTime(), w.to.getTime()])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push(span);
  }
  return merged;
}

/** Whether a time falls in one of the merged windows (binary search). */
function inWindows(windows: readonly [number, number][], time: number): boolean {
  let lo = 0;
  let hi = windows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((windows[mid]?.[1] ?? 0) < time) lo = mid + 1;
    else hi = mid;
  }
  const window = windows[lo];
  return window !== undefined && window[0] <= time && time <= window[1];
}

/**
 * Decides the stories of a run's drafts (in their order) against the folder: reads the window of
 * existing articles (only when some draft needs a story), then {@link decideStories}.
 */
export function storiesForDrafts(
  drafts: readonly ArticleDraft[],
  archive: StoryArchive,
  aliases: ReadonlyMap<string, string>,
  made?: ReadonlyMap<string, ReportFeatures>,
): ItemStory[] {
  const kept = new Map<string, ArchivedArticle>();
  for (const draft of drafts) {
    const entry = archive.byId.get(draft.id);
    if (entry?.story !== undefined) kept.set(draft.id, entry);
  }
  const toAssign = drafts.filter((d) => !kept.has(d.id));
  return decideStories(drafts, {
    existing: readStoryWindow(archive, toAssign),
    kept,
    takenStoryIds: archive.storyIds,
    aliases,
    ...(made ? { made } : {}),
  });
}
