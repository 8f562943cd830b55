import type { Reporter, TestModule, TestSpecification } from "vitest/node";

/**
 * A line every 20 seconds while tests run without a terminal (CI, a log file): which test files
 * are running and for how long, and how many are done. Vitest's default reporter prints a file
 * only when it ends, so a file that builds sites and drives Chromium for minutes would otherwise
 * look hung. In a terminal the default reporter's live summary does this already.
 */
export class HeartbeatReporter implements Reporter {
  readonly #everyMs: number;
  #timer: NodeJS.Timeout | undefined;
  #started = 0;
  #total = 0;
  #done = 0;
  readonly #running = new Map<string, number>();

  constructor(everyMs = 20_000) {
    this.#everyMs = everyMs;
  }

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    if (process.stdout.isTTY) return;
    this.#started = performance.now();
    this.#total = specifications.length;
    this.#timer = setInterval(() => this.#beat(), this.#everyMs);
    this.#timer.unref();
  }

  onTestModuleStart(module: TestModule): void {
    this.#running.set(module.relativeModuleId, performance.now());
  }

  onTestModuleEnd(module: TestModule): void {
    this.#running.delete(module.relativeModuleId);
    this.#done++;
  }

  onTestRunEnd(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #beat(): void {
    const now = performance.now();
    const running = [...this.#running].map(([file, since]) => `${file} (${clock(now - since)})`);
    process.stdout.write(
      `… ${clock(now - this.#started)}: ${this.#done} of ${this.#total} test files done` +
        `${running.length > 0 ? `; running ${running.join(", ")}` : ""}\n`,
    );
  }
}

function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}
