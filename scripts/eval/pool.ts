import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { moduleBeside } from "../../src/project.ts";
import type { WcxbCase } from "./corpora.ts";
import type { WcxbPageResult } from "./measure.ts";

/**
 * A small pool of child processes that extract one page at a time each, so that a page that hangs
 * (an endless loop in a parser) is caught by a timeout, counted, and its process replaced, and a
 * page that crashes the process is counted as a crash. Children run the same form of the code as
 * this process: TypeScript through tsx, or the compiled copy.
 */

const WORKER = fileURLToPath(moduleBeside(import.meta.url, "./worker"));

export async function runPool(
  cases: WcxbCase[],
  options: { workers: number; timeoutMs: number },
): Promise<Array<WcxbPageResult | undefined>> {
  const results: Array<WcxbPageResult | undefined> = new Array(cases.length);
  let next = 0;

  const spawn = () =>
    fork(WORKER, [], {
      execArgv: WORKER.endsWith(".ts") ? ["--import", "tsx"] : [],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });

  const runWorker = async () => {
    let child: ChildProcess = spawn();
    while (next < cases.length) {
      const index = next++;
      const c = cases[index] as WcxbCase;
      results[index] = await new Promise<WcxbPageResult>((resolve) => {
        const timer = setTimeout(() => {
          cleanup();
          child.kill("SIGKILL");
          child = spawn();
          resolve({ id: c.id, pageType: c.pageType, status: "hang" });
        }, options.timeoutMs);
        const onMessage = (message: WcxbPageResult) => {
          cleanup();
          resolve(message);
        };
        const onExit = (code: number | null) => {
          cleanup();
          child = spawn();
          resolve({ id: c.id, pageType: c.pageType, status: "crash", error: `worker exited with ${code}` });
        };
        const cleanup = () => {
          clearTimeout(timer);
          child.off("message", onMessage);
          child.off("exit", onExit);
        };
        child.on("message", onMessage);
        child.on("exit", onExit);
        child.send(c);
      });
    }
    child.disconnect();
  };
  await Promise.all(Array.from({ length: Math.max(1, options.workers) }, runWorker));
  return results;
}
