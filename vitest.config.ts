import { defineConfig } from "vitest/config";
import { HeartbeatReporter } from "./test/helpers/heartbeat-reporter.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Site builds, Pagefind and Chromium take seconds, not milliseconds, on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    // Two files at once even on 2 cores: much of a file's time is spent waiting on Chromium,
    // Pagefind or a child process, so the suite takes about half as long as one at a time.
    maxWorkers: 2,
    // Progress at least every 20 s in CI logs, where the default reporter prints a file only when it ends.
    reporters: ["default", new HeartbeatReporter()],
  },
});
