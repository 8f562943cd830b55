import { defineConfig } from "vitest/config";
import { HeartbeatReporter } from "./test/helpers/heartbeat-reporter.ts";

/** Test files that time themselves (a speed pin on one thread): they run last, with nothing beside them. */
const TIMED = ["test/ingest/html/corpora.test.ts"];

export default defineConfig({
  test: {
    // Site builds, Pagefind and Chromium take seconds, not milliseconds, on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Two files at once even on 2 cores: much of a file's time is spent waiting on Chromium,
    // Pagefind or a child process, so the suite takes about half as long as one at a time.
    maxWorkers: 2,
    // Progress at least every 20 s in CI logs, where the default reporter prints a file only when it ends.
    reporters: ["default", new HeartbeatReporter()],
    projects: [
      {
        extends: true,
        test: { name: "suite", include: ["test/**/*.test.ts"], exclude: TIMED, sequence: { groupOrder: 0 } },
      },
      { extends: true, test: { name: "timed", include: TIMED, sequence: { groupOrder: 1 } } },
    ],
  },
});
