import { moduleBeside } from "../project.ts";
import { type ReportFeatures, reportFeatures, type StoryReport } from "../stories/assign.ts";
import { normaliseAliases } from "../stories/terms.ts";
import { WorkerPool } from "../worker-pool.ts";
import type { HelperResult, HelperTask, Prepared, PrepareOptions } from "./helper-worker.ts";
import type { RawInput, Reader, ReadItem } from "./readers/types.ts";
import type { ArticleDraft } from "./write.ts";

/**
 * A large run's second thread, for a machine's second core: it reads the run's feeds and saved
 * pages ahead while the run's thread drafts the documents of the inputs before them, and at the
 * end it makes half of the reports' story features (terms and shingles) and then prepares and
 * writes about half of the article files (front matter serialised, sealed with its hash and
 * validated) while the run's thread does the other half. Reading is about half of a full-text
 * item's time and preparing its file a fifth, and both are done one input or article after
 * another, so `npm run bench:ingest` shows what the thread saves.
 *
 * Readers resolve nothing (a text capture's outlet and cleaning come after reading, on the run's
 * thread), so an input reads the same on either thread. The first input is read inline, while the
 * thread starts; small runs do not start one at all.
 * Should the thread fail, the run's thread does its work: a run never loses an item to it.
 */

/** Bytes of inputs to read ahead before a run starts a second thread (starting one costs more). */
export const HELPER_THREAD_BYTES = 1024 * 1024;

export class HelperThread {
  private readonly reading = new Map<RawInput, Promise<ReadItem[]>>();

  private constructor(
    private readonly pool: WorkerPool<HelperTask, HelperResult>,
    raws: readonly RawInput[],
  ) {
    for (const raw of raws) {
      const read = pool.run({ kind: "read", raw }) as Promise<ReadItem[]>;
      // A failure is handled when the input is taken (it is read inline then).
      read.catch(() => {});
      this.reading.set(raw, read);
    }
  }

  /**
   * Starts a second thread reading the local inputs of a run ahead, in the run's order, when they
   * are enough to be worth one; `readerOf` gives each input's reader.
   */
  static start(
    raws: readonly RawInput[],
    readerOf: (raw: RawInput) => Reader | undefined,
    minBytes = HELPER_THREAD_BYTES,
  ): HelperThread | undefined {
    const readable = raws.filter((raw) => readerOf(raw) !== undefined);
    // The run's own thread reads the first while the second one starts.
    const ahead = readable.slice(1);
    const bytes = ahead.reduce((sum, raw) => sum + raw.bytes.byteLength, 0);
    if (ahead.length === 0 || bytes < minBytes) return undefined;
    // Every input is handed over at once: the thread reads on while this one drafts.
    const pool = new WorkerPool<HelperTask, HelperResult>(
      moduleBeside(import.meta.url, "./helper-worker"),
      1,
      false,
      Number.POSITIVE_INFINITY,
    );
    return new HelperThread(pool, ahead);
  }

  /**
   * What the thread read of `raw`, or undefined for an input it was not given (or whose reading
   * failed): the caller reads that one itself.
   */
  async take(raw: RawInput): Promise<ReadItem[] | undefined> {
    const read = this.reading.get(raw);
    if (!read) return undefined;
    this.reading.delete(raw);
    try {
      return await read;
    } catch {
      return undefined;
    }
  }

  /**
   * The story features of `reports` (src/stories/assign.ts, `reportFeatures`), by report id: this
   * thread makes the first half while the second thread makes the rest (or, should it fail, this
   * one after).
   */
  async storyFeatures(
    reports: readonly StoryReport[],
    aliases: ReadonlyMap<string, string>,
  ): Promise<Map<string, ReportFeatures>> {
    const half = Math.ceil(reports.length / 2);
    const theirs = reports.slice(half);
    const onThread = (
      this.pool.run({ kind: "features", reports: theirs, aliases }) as Promise<ReportFeatures[]>
    ).catch(() => undefined);
    const normalised = normaliseAliases(aliases);
    const made = new Map(reports.slice(0, half).map((r) => [r.id, reportFeatures(r, normalised)] as const));
    const fromThread = (await onThread) ?? theirs.map((r) => reportFeatures(r, normalised));
    for (const [i, report] of theirs.entries()) made.set(report.id, fromThread[i] as ReportFeatures);
    return made;
  }

  /**
   * Prepares the files of `drafts` (src/ingest/write.ts, `prepareArticle`) and writes them on the
   * thread; the caller prepares others meanwhile. Undefined when the thread failed: the caller
   * prepares and writes these.
   */
  async prepare(drafts: readonly ArticleDraft[], options: PrepareOptions): Promise<Prepared[] | undefined> {
    if (drafts.length === 0) return [];
    const { outDir, force, dryRun } = options;
    try {
      return (await this.pool.run({
        kind: "prepare",
        drafts: [...drafts],
        options: { outDir, dryRun, ...(force !== undefined ? { force } : {}) },
      })) as Prepared[];
    } catch {
      return undefined;
    }
  }

  /** Stops the thread (inputs not yet taken are dropped). */
  close(): Promise<void> {
    this.reading.clear();
    return this.pool.close();
  }
}
