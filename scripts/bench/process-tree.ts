import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * Runs a command and measures it with its whole process tree (Pagefind's service, Hugo's workers):
 * wall time, CPU time and the peak of the tree's summed resident memory, sampled from /proc. Linux
 * only, which is where the benchmarks run.
 */

/** Every 50 ms: a short-lived child may go unseen for its last 50 ms of CPU, no more. */
const SAMPLE_MS = 50;
const TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

export interface Measured {
  code: number;
  wallMs: number;
  cpuMs: number;
  peakRssBytes: number;
  stdout: string;
  stderr: string;
}

interface ProcSample {
  ppid: number;
  cpuTicks: number;
  rssBytes: number;
}

function readProc(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields are counted after its last ")".
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const rssPages = Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
    return {
      ppid: Number(fields[1]),
      cpuTicks: Number(fields[11]) + Number(fields[12]),
      rssBytes: rssPages * PAGE_BYTES,
    };
  } catch {
    return undefined;
  }
}

/** The process and all its descendants, with their current figures. */
function treeOf(root: number): Map<number, ProcSample> {
  const all = new Map<number, ProcSample>();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const sample = readProc(pid);
    if (sample) all.set(pid, sample);
  }
  const tree = new Map<number, ProcSample>();
  const rootSample = all.get(root);
  if (!rootSample) return tree;
  tree.set(root, rootSample);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, sample] of all)
      if (!tree.has(pid) && tree.has(sample.ppid)) {
        tree.set(pid, sample);
        grew = true;
      }
  }
  return tree;
}

/** Runs `command` with `args` and `env`, measuring it (see the module comment). */
export function measure(
  command: string,
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; echo?: boolean } = {},
): Promise<Measured> {
  const started = performance.now();
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk;
    if (options.echo) process.stdout.write(chunk);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk;
    if (options.echo) process.stderr.write(chunk);
  });
  const lastCpu = new Map<number, number>();
  let peakRssBytes = 0;
  const sample = () => {
    if (child.pid === undefined) return;
    let rss = 0;
    for (const [pid, s] of treeOf(child.pid)) {
      rss += s.rssBytes;
      lastCpu.set(pid, s.cpuTicks);
    }
    peakRssBytes = Math.max(peakRssBytes, rss);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  return new Promise((resolve, reject) => {
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearInterval(timer);
      const ticks = [...lastCpu.values()].reduce((sum, t) => sum + t, 0);
      resolve({
        code: code ?? 1,
        wallMs: performance.now() - started,
        cpuMs: (ticks / TICKS_PER_SECOND) * 1000,
        peakRssBytes,
        stdout,
        stderr,
      });
    });
  });
}
