import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import {
  startEarly,
  stopShelvedWorkers,
  stopWorkersWhenPoolsClose,
  WorkerPool,
} from "../../src/worker-pool.ts";

/**
 * A pool's idle workers outlive it, warm, for the next pool of the same module in the process
 * (the test suite and any process that builds more than once), holding nothing of the last use.
 */

type Task = { exit?: number; sleep?: number };
type Answer = { threadId: number; held: unknown; startedAt: number };
const ECHO = new URL("../fixtures/workers/echo-worker.ts", import.meta.url);

describe("worker pools", () => {
  it("hand a closed pool's idle worker to the next pool of the module, released", async () => {
    const first = new WorkerPool<Task, Answer>(ECHO, 1);
    first.setup({ build: 1 });
    const used = await first.run({});
    expect(used.held).toEqual({ build: 1 });
    await first.close();
    await expect(first.run({})).rejects.toThrow("closed");

    const second = new WorkerPool<Task, Answer>(ECHO, 2);
    const answers = await Promise.all([second.run({}), second.run({}), second.run({})]);
    // The warm worker is back, without the first pool's data; the pool grew a second one.
    expect(answers.map((a) => a.threadId)).toContain(used.threadId);
    expect(new Set(answers.map((a) => a.threadId)).size).toBe(2);
    expect(answers.map((a) => a.held)).toEqual([undefined, undefined, undefined]);
    second.setup({ build: 2 });
    expect((await second.run({})).held).toEqual({ build: 2 });
    await second.close();
  }, 60_000);

  it("never reuse a pool's workers after one of them stopped on its own", async () => {
    // A module of its own, so no worker shelved by another test can answer.
    const module = new URL("../fixtures/workers/echo-worker-2.ts", import.meta.url);
    const pool = new WorkerPool<Task, Answer>(module, 2);
    const threads = (await Promise.all([pool.run({}), pool.run({})])).map((a) => a.threadId);
    expect(new Set(threads).size).toBe(2);
    await expect(pool.run({ exit: 3 })).rejects.toThrow("exit code 3");
    await pool.close();
    const next = new WorkerPool<Task, Answer>(module, 2);
    const after = (await Promise.all([next.run({}), next.run({})])).map((a) => a.threadId);
    expect(after.filter((id) => threads.includes(id))).toEqual([]);
    await next.close();
  }, 60_000);

  it("never hand out a shelved worker that is being stopped (its idle time ran out)", async () => {
    const module = new URL("../fixtures/workers/echo-worker-3.ts", import.meta.url);
    const first = new WorkerPool<Task, Answer>(module, 1);
    const used = (await first.run({})).threadId;
    await first.close();
    // Stopping is asynchronous: the worker reports its exit later. A pool made at once must not get it.
    stopShelvedWorkers();
    const next = new WorkerPool<Task, Answer>(module, 1);
    const answer = await next.run({});
    expect(answer.threadId).not.toBe(used);
    await next.close();
  }, 60_000);

  it("give the first pool of a module the worker started early for it", async () => {
    const module = new URL("../fixtures/workers/echo-worker-4.ts", import.meta.url);
    // Thread ids count up in a process: the worker started early takes the id after the first
    // probe's, and a worker the pool started itself would come after the second probe's.
    const probe = async () => {
      const worker = new Worker("", { eval: true });
      const id = worker.threadId;
      await worker.terminate();
      return id;
    };
    const before = await probe();
    startEarly(module);
    await probe();
    const pool = new WorkerPool<Task, Answer>(module, 1);
    expect((await pool.run({})).threadId).toBe(before + 1);
    await pool.close();
  }, 60_000);

  it("give a worker its next tasks at once when asked to, so it goes on while this thread is busy", async () => {
    const module = new URL("../fixtures/workers/echo-worker-6.ts", import.meta.url);
    for (const depth of [1, Number.POSITIVE_INFINITY]) {
      const pool = new WorkerPool<Task, Answer>(module, 1, false, depth);
      await pool.run({});
      const answers = Promise.all([
        pool.run({ sleep: 50 }),
        pool.run({ sleep: 50 }),
        pool.run({ sleep: 50 }),
      ]);
      // This thread is busy for longer than the three tasks take.
      const busyUntil = Date.now() + 600;
      while (Date.now() < busyUntil);
      const started = (await answers).map((a) => a.startedAt);
      expect(started).toEqual([...started].sort((a, b) => a - b));
      // Given one task at a time, the worker waits for this thread to take each answer.
      if (depth === 1) expect(started[1]).toBeGreaterThanOrEqual(busyUntil);
      else expect(started[2]).toBeLessThan(busyUntil);
      await pool.close();
    }
  }, 60_000);

  it("stop a closed pool's workers at once in a process that builds once", async () => {
    const module = new URL("../fixtures/workers/echo-worker-5.ts", import.meta.url);
    const first = new WorkerPool<Task, Answer>(module, 1);
    const used = (await first.run({})).threadId;
    stopWorkersWhenPoolsClose();
    try {
      await first.close();
    } finally {
      stopWorkersWhenPoolsClose(false);
    }
    // Shelved, the worker would answer the next pool (the first test); stopped, a new one does.
    const next = new WorkerPool<Task, Answer>(module, 1);
    expect((await next.run({})).threadId).not.toBe(used);
    await next.close();
  }, 60_000);
});
