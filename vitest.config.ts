import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { HeartbeatReporter } from "./test/helpers/heartbeat-reporter.ts";

/**
 * Files that run last, after every other file, with nothing but each other beside them: the AEB
 * speed pin (it times itself) and the WCXB figures (two extraction workers of their own: beside the
 * hostile-content visits they took 3 min 20 s instead of 70 s, which cost the suite more than their
 * minute at the end).
 */
const TIMED = ["test/ingest/html/corpora.test.ts", "test/ingest/html/corpora-quality.test.ts"];

/**
 * The files that take longest, longest first: started first, so the workers end together. Vitest
 * orders by the durations it remembers, but a fresh clone (CI) has none, and then it starts the
 * biggest files first, which put a slow small file (the WCXB figures) alone at the end.
 */
const SLOW_FIRST = [
  "test/security/hostile-content.test.ts",
  "test/security/ingest-robustness.test.ts",
  "test/site/incremental-build.test.ts",
  "test/site/search-features.browser.test.ts",
  "test/update/update-e2e.test.ts",
  "test/site/feeds.test.ts",
  "test/site/pages.browser.test.ts",
];

class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const at = SLOW_FIRST.findIndex((path) => file.moduleId.endsWith(path));
      return at < 0 ? SLOW_FIRST.length : at;
    };
    const group = (file: TestSpecification) => file.project.config.sequence.groupOrder ?? 0;
    return sorted
      .map((file, order) => ({ file, order }))
      .sort((a, b) => group(a.file) - group(b.file) || rank(a.file) - rank(b.file) || a.order - b.order)
      .map(({ file }) => file);
  }
}

export default defineConfig({
  test: {
    // Site builds, Pagefind and Chromium take seconds, not milliseconds, on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Every test's temporary folders under one folder of the run, removed at its end.
    globalSetup: ["test/helpers/temporary-root.ts"],
    // Test files share their worker's module cache: each file importing Eleventy, Pagefind's
    // client, playwright and the pipeline afresh cost over a minute of the suite. No test mocks a
    // module or leaves global state behind (process.chdir is restored), so sharing is safe.
    isolate: false,
    // Three files at once on 2 cores: much of a file's time is spent waiting on Chromium,
    // Pagefind or a child process. On 4 December 2026, on this 2-core machine, the suite took
    // 389 s with three and 480 s with two (one run each, back to back).
    maxWorkers: 3,
    // Progress at least every 20 s in CI logs, where the default reporter prints a file only when it ends.
    reporters: ["default", new HeartbeatReporter()],
    sequence: { sequencer: SlowFilesFirst },
    projects: [
      {
        extends: true,
        test: { name: "suite", include: ["test/**/*.test.ts"], exclude: TIMED, sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: "timed", include: TIMED, sequence: { groupOrder: 1 } } },
    ],
  },
});
