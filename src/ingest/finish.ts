import { readFileSync, rmSync } from "node:fs";
import { parseArticle } from "../content/front-matter.ts";
import type { DiscardedLine } from "./clean.ts";
import type { HelperThread } from "./helper-thread.ts";
import type { Prepared } from "./helper-worker.ts";
import type { Run } from "./pipeline.ts";
import type { ItemReport, ItemStory } from "./report.ts";
import { storiesForDrafts, storyReport, withStory } from "./stories.ts";
import { type ArticleDraft, prepareArticle, writeArticle } from "./write.ts";

/**
 * The end of a run (src/ingest/pipeline.ts lists the stages): the stories of every article it
 * drafted, decided at once, then each article validated and written.
 */

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
export type Entry = ItemReport | PendingArticle;

export const isPending = (entry: Entry): entry is PendingArticle => "draft" in entry;

/**
 * The end of a run: the stories of every article it assembled, decided at once in date order
 * (src/ingest/stories.ts), then each article validated and written (or not, in a dry run). Entries
 * keep their order. A large run's second thread (src/ingest/helper-thread.ts) reads half of the
 * drafts for stories, and prepares and writes about half of the files.
 */
export async function finishRun(
  entries: readonly Entry[],
  run: Run,
  helper?: HelperThread,
): Promise<ItemReport[]> {
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
