import { Worker } from "node:worker_threads";
import { moduleBeside, workerLoader } from "../project.ts";
import { writeFileAtomic } from "./write.ts";

/**
 * Where a run writes its article files. The first {@link INLINE_WRITES} are written at once, on the
 * run's own thread (a failure throws, and the item fails with it); past that the run is a large
 * one, and the rest are written by a thread of their own while the run goes on to its next item.
 * Each write is the same atomic write as ever (src/ingest/write.ts: a temp file, flushed to disk,
 * renamed over the article), but its `fsync` waits on the disk (1.5 ms an article on the benchmark
 * machine, a fifth of an item's time) and then waits beside the next item's extraction instead of
 * before it; a run of a few files does not pay for starting the thread. Writes are made in the
 * order they were asked for. Nothing in a run reads a file the run wrote (a second item for the
 * same file is a duplicate), and a run `settle`s its writes before it reports or lets go of the
 * folder's lock, so a report never says "written" about a file that is not there.
 */

/** Writes made inline before a run starts its writing thread (starting it costs about 30 writes). */
export const INLINE_WRITES = 32;

const worker = (module: string) => `
import { parentPort } from "node:worker_threads";
${workerLoader(module)}const { writeFileAtomic } = await import(${JSON.stringify(module)});
parentPort.on("message", ({ id, file, text }) => {
  try {
    writeFileAtomic(file, text);
    parentPort.postMessage({ id });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.message ?? error) });
  }
});
`;

export class BackgroundWrites {
  private thread: Worker | undefined;
  private nextId = 0;
  /** Files asked for and not yet written, by message id. */
  private readonly pending = new Map<number, string>();
  /** Files that could not be written, with why. */
  private readonly failures = new Map<string, string>();
  private drained: (() => void) | undefined;
  private inline = 0;

  /**
   * Writes `text` to `file` atomically: now (throwing if it cannot) while the run is small, else
   * soon, and {@link settle} tells whether it was.
   */
  write(file: string, text: string): void {
    if (this.inline < INLINE_WRITES && !this.thread) {
      this.inline++;
      try {
        writeFileAtomic(file, text);
      } catch (error) {
        throw new Error(`${file} could not be written: ${(error as Error).message}`, { cause: error });
      }
      return;
    }
    const thread = this.start();
    const id = this.nextId++;
    this.pending.set(id, file);
    // A thread with writes to make keeps the process alive; an idle one does not.
    thread.ref();
    thread.postMessage({ id, file, text });
  }

  /** Waits for every write asked for, stops the thread, and gives the files that could not be written. */
  async settle(): Promise<ReadonlyMap<string, string>> {
    if (this.pending.size > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    const thread = this.thread;
    this.thread = undefined;
    await thread?.terminate();
    return this.failures;
  }

  private start(): Worker {
    if (this.thread) return this.thread;
    const code = worker(moduleBeside(import.meta.url, "./write").href);
    const thread = new Worker(new URL(`data:text/javascript,${encodeURIComponent(code)}`));
    thread.on("message", ({ id, error }: { id: number; error?: string }) => {
      const file = this.pending.get(id);
      if (file === undefined) return;
      this.pending.delete(id);
      if (error !== undefined) this.failures.set(file, error);
      if (this.pending.size === 0) {
        thread.unref();
        this.drained?.();
      }
    });
    // A thread that cannot start or dies fails every write it still had.
    const lost = (why: string) => {
      for (const file of this.pending.values()) this.failures.set(file, why);
      this.pending.clear();
      this.drained?.();
    };
    thread.on("error", (error) => lost(`the writing thread failed: ${error.message}`));
    thread.on("exit", (code) => {
      if (this.pending.size > 0) lost(`the writing thread stopped (exit code ${code})`);
    });
    thread.unref();
    this.thread = thread;
    return thread;
  }
}
