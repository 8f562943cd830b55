import { type ReportFeatures, reportFeatures, type StoryReport } from "../stories/assign.ts";
import { normaliseAliases } from "../stories/terms.ts";
import { readInput } from "./read.ts";
import type { RawInput, ReadItem } from "./readers/types.ts";
import { type ArticleDraft, prepareArticle, type WriteOutcome, writeFileAtomicAsync } from "./write.ts";

/**
 * A large ingest run's second thread (src/ingest/helper-thread.ts): reads an input with its reader,
 * makes reports' story features, or prepares and writes article files, as the run's own thread
 * would. Readers resolve nothing (no registry, no outlet), so an input reads the same here.
 */

export type HelperTask =
  | { kind: "read"; raw: RawInput }
  | { kind: "features"; reports: StoryReport[]; aliases: ReadonlyMap<string, string> }
  | { kind: "prepare"; drafts: ArticleDraft[]; options: PrepareOptions };

export interface PrepareOptions {
  outDir: string;
  force?: boolean;
  /** Prepare only: a dry run writes nothing. */
  dryRun: boolean;
}

/**
 * A prepared file (`saved` when the thread that prepared it wrote it too), or why the article could
 * not be prepared or written (the message the run's thread would report).
 */
export type Prepared = (WriteOutcome & { saved?: boolean }) | { error: string };

export type HelperResult = ReadItem[] | Prepared[] | ReportFeatures[];

/** Writes the second thread keeps under way at once while it prepares the next files. */
const WRITES_IN_FLIGHT = 8;

export async function handle(task: HelperTask): Promise<HelperResult> {
  if (task.kind === "prepare") return prepareAndWrite(task.drafts, task.options);
  if (task.kind === "features") {
    const aliases = normaliseAliases(task.aliases);
    return task.reports.map((report) => reportFeatures(report, aliases));
  }
  return readInput(task.raw);
}

/** Prepares each draft's file and writes it, the writes' flushes to disk waiting beside the next preparations. */
async function prepareAndWrite(
  drafts: readonly ArticleDraft[],
  options: PrepareOptions,
): Promise<Prepared[]> {
  const { outDir, force, dryRun } = options;
  const results: Prepared[] = [];
  const inFlight = new Set<Promise<void>>();
  for (const [i, draft] of drafts.entries()) {
    let outcome: WriteOutcome;
    try {
      outcome = prepareArticle(draft, outDir, force);
    } catch (error) {
      results[i] = { error: error instanceof Error ? error.message : String(error) };
      continue;
    }
    results[i] = outcome;
    if (dryRun || outcome.status !== "written") continue;
    const writing = writeFileAtomicAsync(outcome.path, outcome.text).then(
      () => {
        results[i] = { ...outcome, saved: true };
      },
      (error: Error) => {
        results[i] = { error: `${outcome.path} could not be written: ${error.message}` };
      },
    );
    inFlight.add(writing);
    void writing.finally(() => inFlight.delete(writing));
    if (inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return results;
}
