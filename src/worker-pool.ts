import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { workerLoader } from "./project.ts";

/**
 * Worker threads for heavy, independent work, so a build or an ingest run uses every core: the
 * machine this runs on has two. The build parses files, renders and writes pages and indexes search
 * parts on them (src/site/); a large ingest run reads and writes on a second one (src/ingest/helper-thread.ts).
 *
 * Each worker runs one module that exports `handle(task)`, and may export `warm()` (run once when
 * the worker starts, before anything else), `setup(data)` (what every task of the build needs,
 * given once per worker: {@link WorkerPool.setup}), `release()` (drop what `setup` gave, when the
 * worker is shelved for a later pool) and, if it holds resources (Pagefind's service process),
 * `shutdown()`. The module is the compiled copy or, under vitest, the TypeScript source
 * loaded through tsx (src/project.ts). Messages are handled one at a time, in order. Tasks and results cross threads by structured clone, so they are plain data.
 */

/** A failure inside a worker, with the worker's message and stack. */
export class WorkerTaskError extends Error {
  constructor(message: string, options: { stack?: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = "WorkerTaskError";
    if (options.stack) this.stack = `${this.name}: ${message}\n(in a worker)\n${options.stack}`;
  }
}

/** How many workers a pool of CPU-bound work should have: one per core, at least one. */
export const coreCount = () => Math.max(1, availableParallelism());

/** How long a worker may take to release its resources when the pool closes. */
const SHUTDOWN_MS = 10_000;

const bootstrap = (module: string) => `
import { parentPort, workerData } from "node:worker_threads";
${workerLoader(module)}const { handle, shutdown, warm, setup, release } = await import(workerData.module);
await warm?.();
const answer = async ({ id, task, close, setupData, idle }) => {
  if (idle) {
    release?.();
    return;
  }
  if (close) {
    await shutdown?.();
    parentPort.postMessage({ closed: true });
    return;
  }
  try {
    if (setupData !== undefined) await setup?.(setupData);
    else parentPort.postMessage({ id, result: await handle(task) });
  } catch (error) {
    parentPort.postMessage({ id, error: { message: String(error?.message ?? error), stack: error?.stack } });
  }
};
let queue = Promise.resolve();
parentPort.on("message", (message) => {
  queue = queue.then(() => answer(message));
});
`;

interface WorkerMessage<Result> {
  id?: number;
  result?: Result;
  error?: { message: string; stack?: string };
  closed?: boolean;
}

interface Pending<Task, Result> {
  task: Task;
  resolve: (result: Result) => void;
  reject: (error: unknown) => void;
}

interface Slot<Task, Result> {
  worker: Worker;
  /** Tasks posted to the worker and not yet answered, oldest first (it answers in order). */
  given: (Pending<Task, Result> & { id: number })[];
}

/**
 * Idle workers of closed pools, by module, warm (loaded, compiled, Eleventy started): the next
 * pool of the same module in this process starts with them instead of new ones. A process that
 * builds more than once (the test suite runs dozens of builds per process, a watch loop) saves the
 * start of each worker, about 2 s of CPU under vitest. A shelved worker holds nothing of its last
 * build (its module's `release` drops it) and stops after {@link IDLE_MS} unused; it never keeps
 * the process alive.
 */
interface ShelvedWorker {
  worker: Worker;
  timer: NodeJS.Timeout;
}
const shelf = new Map<string, ShelvedWorker[]>();
const IDLE_MS = 30_000;
let shelving = true;

/**
 * For a process that builds once (`npm run build`): a closing pool stops its workers at once
 * instead of shelving them. A worker's stop (its heap let go, a tenth of a second or more) then
 * runs beside the build's last stage, not after it, when the process exits.
 */
export function stopWorkersWhenPoolsClose(stop = true): void {
  shelving = !stop;
}

/** What a worker's events go to: the pool that uses it, or the shelf. */
interface Listeners {
  message(message: WorkerMessage<unknown>): void;
  error(error: Error): void;
  exit(code: number): void;
}
const listenersOf = new WeakMap<Worker, Listeners>();

/**
 * A new worker running the bootstrap of `href`. Its listeners are added once and never removed
 * (removing a worker's listeners wholesale would also remove Node's own, which start its port).
 */
function startWorker(href: string): Worker {
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap(href))}`), {
    workerData: { module: href },
  });
  worker.on("message", (message: WorkerMessage<unknown>) => listenersOf.get(worker)?.message(message));
  worker.on("error", (error) => listenersOf.get(worker)?.error(error));
  worker.on("exit", (code) => listenersOf.get(worker)?.exit(code));
  return worker;
}

function shelve(href: string, worker: Worker): void {
  worker.unref();
  worker.postMessage({ idle: true });
  const shelved = shelf.get(href) ?? [];
  shelf.set(href, shelved);
  const entry: ShelvedWorker = {
    worker,
    timer: setTimeout(() => stopShelved(entry), IDLE_MS).unref(),
  };
  // A shelved worker that fails or stops is dropped: it has no task to fail.
  const drop = () => dropShelved(href, entry);
  listenersOf.set(worker, { message: () => {}, error: drop, exit: drop });
  shelved.push(entry);
}

function dropShelved(href: string, entry: ShelvedWorker): void {
  const shelved = shelf.get(href) ?? [];
  const at = shelved.indexOf(entry);
  if (at >= 0) shelved.splice(at, 1);
  clearTimeout(entry.timer);
}

/**
 * Stops a shelved worker, off the shelf first: a worker being terminated reports its exit later,
 * and a pool that took it in between failed ("a worker stopped with exit code 1").
 */
function stopShelved(entry: ShelvedWorker): void {
  for (const [href, shelved] of shelf) if (shelved.includes(entry)) dropShelved(href, entry);
  void entry.worker.terminate();
}

/** Stops every shelved worker now, as their idle time running out does. */
export function stopShelvedWorkers(): void {
  for (const shelved of [...shelf.values()]) for (const entry of [...shelved]) stopShelved(entry);
}

/**
 * Starts a worker of `module` now and shelves it, for the first pool of that module to take: a
 * process starts its first worker (which loads Eleventy) before loading its own modules.
 */
export function startEarly(module: URL): void {
  shelve(module.href, startWorker(module.href));
}

function unshelve(href: string): Worker | undefined {
  const entry = shelf.get(href)?.pop();
  if (entry) clearTimeout(entry.timer);
  return entry?.worker;
}

/** A number of workers running `module`'s `handle`, fed from one queue. */
export class WorkerPool<Task, Result> {
  private readonly slots: Slot<Task, Result>[] = [];
  private readonly queue: Pending<Task, Result>[] = [];
  private nextId = 0;
  private failure: unknown;
  /** A worker crashed or stopped on its own: none of this pool's workers is reused. */
  private broken = false;
  private setupData: unknown;

  /**
   * `releases`: the module's workers hold something (a child process) that `shutdown` must let go
   * before they stop. `depth`: tasks a worker is given at once. With one, a task goes to the first
   * worker free; with more, a worker goes on to its next task without waiting for this thread to
   * take its last answer (a pool of one worker beside a thread that is busy for seconds at a time).
   */
  constructor(
    private readonly module: URL,
    size: number,
    private readonly releases = false,
    private readonly depth = 1,
  ) {
    this.grow(size);
  }

  /** How many workers the pool has. */
  get size(): number {
    return this.slots.length;
  }

  /** Adds workers until the pool has `size` (a pool started early, before the work was known). */
  grow(size: number): void {
    for (let i = this.slots.length; i < Math.max(1, size); i++) {
      const worker =
        (this.releases ? undefined : unshelve(this.module.href)) ?? startWorker(this.module.href);
      const slot: Slot<Task, Result> = { worker, given: [] };
      listenersOf.set(worker, {
        message: (message) => {
          if (message.closed) return;
          const job = slot.given[0];
          if (message.id === undefined) {
            // A setup failed: every later task of this pool would fail too.
            this.fail(
              new WorkerTaskError(message.error?.message ?? "a worker's setup failed", message.error ?? {}),
            );
            return;
          }
          if (!job || job.id !== message.id) return;
          slot.given.shift();
          if (slot.given.length === 0) worker.unref();
          if (message.error)
            job.reject(new WorkerTaskError(message.error.message, { stack: message.error.stack }));
          else job.resolve(message.result as Result);
          this.dispatch();
        },
        error: (error) => {
          this.broken = true;
          this.fail(error);
        },
        exit: (code) => {
          this.broken = true;
          if (code !== 0) this.fail(new Error(`a worker stopped with exit code ${code}`));
        },
      });
      // An idle worker does not keep the process alive (a pool left open by an error elsewhere).
      worker.unref();
      if (this.setupData !== undefined) worker.postMessage({ setupData: this.setupData });
      this.slots.push(slot);
    }
  }

  /** Gives every worker, present and future, what the build's tasks need, before their next task. */
  setup(data: unknown): void {
    this.setupData = data;
    for (const slot of this.slots) slot.worker.postMessage({ setupData: data });
  }

  /** Runs one task on the first free worker. */
  run(task: Task): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  /**
   * Lets each worker release what it holds, then stops it, or, for a pool of workers that hold no
   * resources, shelves the idle ones for the next pool (unless {@link stopWorkersWhenPoolsClose}); tasks
   * still queued are refused.
   */
  async close(): Promise<void> {
    const busy = this.slots.filter((slot) => slot.given.length > 0);
    this.fail(new Error("the worker pool was closed"));
    if (!this.releases) {
      await Promise.all(
        this.slots.map(async (slot) => {
          if (this.broken || busy.includes(slot) || !shelving) await slot.worker.terminate();
          else shelve(this.module.href, slot.worker);
        }),
      );
      return;
    }
    await Promise.all(
      this.slots.map(async (slot) => {
        const closed = new Promise<void>((resolve) => {
          slot.worker.on("message", (message: WorkerMessage<Result>) => {
            if (message.closed) resolve();
          });
          setTimeout(resolve, SHUTDOWN_MS).unref();
        });
        slot.worker.ref();
        slot.worker.postMessage({ close: true });
        await closed;
        await slot.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      while (slot.given.length < this.depth) {
        const next = this.queue.shift();
        if (!next) return;
        const job = { ...next, id: this.nextId++ };
        slot.given.push(job);
        slot.worker.ref();
        slot.worker.postMessage({ id: job.id, task: job.task });
      }
    }
  }

  /** A worker that crashed fails every task in flight and every task after. */
  private fail(error: unknown): void {
    this.failure ??= error;
    for (const slot of this.slots) for (const job of slot.given.splice(0)) job.reject(error);
    for (const job of this.queue.splice(0)) job.reject(error);
  }
}
