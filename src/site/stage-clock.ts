/** Wall time, CPU time and memory of the build's stages, as `npm run build` and the benchmark print them. */

export type StageName = "load" | "model" | "render" | "write" | "index";

export interface StageFigures {
  name: StageName;
  wallMs: number;
  /** CPU time of this process, worker threads included (not of child processes such as Pagefind's). */
  cpuMs: number;
  /** Resident memory at the end of the stage, and the process's peak so far (bytes). */
  rssBytes: number;
  peakRssBytes: number;
}

/** Adds up the time of a stage done in pieces (render and write alternate batch by batch). */
export class StageClock {
  private wallMs = 0;
  private cpuMs = 0;

  constructor(readonly name: StageName) {}

  /** Runs `work`, adding its time to the stage's. */
  time<T>(work: () => T): T {
    const wall = performance.now();
    const cpu = process.cpuUsage();
    const settle = () => {
      const used = process.cpuUsage(cpu);
      this.wallMs += performance.now() - wall;
      this.cpuMs += (used.user + used.system) / 1000;
    };
    const result = work();
    if (result instanceof Promise) return result.finally(settle) as T;
    settle();
    return result;
  }

  figures(): StageFigures {
    return {
      name: this.name,
      wallMs: this.wallMs,
      cpuMs: this.cpuMs,
      rssBytes: process.memoryUsage.rss(),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  }
}

/** Runs a whole stage and records its figures. */
export async function stage<T>(
  stages: StageFigures[],
  name: StageName,
  work: () => T | Promise<T>,
): Promise<T> {
  const clock = new StageClock(name);
  const result = await clock.time(async () => work());
  stages.push(clock.figures());
  return result;
}
