import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { itNeedsShared, projectRoot, sharedPath } from "../helpers/shared.ts";

/** Spawning tsx takes a second or two per run. */
const CLI_TIMEOUT = 30_000;

function ingest(args: string[]) {
  const result = spawnSync("npx", ["tsx", "src/cli/ingest.ts", ...args], {
    cwd: projectRoot,
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const SEED = ["seed", "moscow-times-kharkiv-mobilization.txt"];

describe("npm run ingest", () => {
  itNeedsShared(
    "ingests the seed with --json (exit 0), then reports it unchanged",
    SEED,
    () => {
      const out = mkdtempSync(join(tmpdir(), "cli-"));
      const args = [
        sharedPath(...SEED),
        "--source",
        "moscow-times",
        "--date",
        "2024-03-22",
        "--out",
        out,
        "--json",
      ];
      const first = ingest(args);
      expect(first.code).toBe(0);
      const report = JSON.parse(first.stdout);
      expect(Object.keys(report)).toEqual(["items", "counts"]);
      expect(report.counts).toEqual({ written: 1, unchanged: 0, duplicate: 0, failed: 0, skipped: 0 });
      expect(Object.keys(report.items[0])).toEqual(["input", "status", "path", "id", "reason"]);
      expect(report.items[0].path).toBe(join(out, "2024/03", `${report.items[0].id}.md`));
      expect(first.stderr).toContain("1 written, 0 unchanged, 0 duplicate, 0 failed");
      expect(JSON.parse(ingest(args).stdout).counts.unchanged).toBe(1);
    },
    CLI_TIMEOUT,
  );

  itNeedsShared(
    "writes nothing with --dry-run and says what would be written",
    SEED,
    () => {
      const out = mkdtempSync(join(tmpdir(), "cli-"));
      const result = ingest([
        sharedPath(...SEED),
        "--source",
        "moscow-times",
        "--date",
        "2024-03-22",
        "--out",
        out,
        "--dry-run",
      ]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^would write: .* → .*2024\/03\/.*\.md$/m);
      expect(result.stdout).toContain("dry run (nothing written)");
      expect(readdirSync(out)).toEqual([]);
    },
    CLI_TIMEOUT,
  );

  it(
    "exits 1 when an input fails, naming the file",
    () => {
      const result = ingest(["missing.txt", "--source", "moscow-times", "--json"]);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout);
      expect(report.items[0]).toMatchObject({ input: "missing.txt", status: "failed", path: null });
      expect(report.items[0].reason).toContain("missing.txt: cannot read the file");
      expect(report.counts.failed).toBe(1);
    },
    CLI_TIMEOUT,
  );

  it.each([
    [["a.txt", "--date", "2026-02-30"], /--date "2026-02-30" has day 30/],
    [["a.txt", "--date", "22/03/2024"], /not a date in the form YYYY-MM-DD/],
    [["a.txt", "--colour"], /Unknown option '--colour'/],
    [[], /no input files given/],
  ])(
    "exits 2 with the usage for %j",
    (args, message) => {
      const result = ingest(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toContain("usage: npm run ingest");
      expect(result.stdout).toBe("");
    },
    CLI_TIMEOUT,
  );

  it(
    "prints the usage for --help",
    () => {
      const result = ingest(["--help"]);
      expect(result.code).toBe(0);
      for (const option of [
        "--dry-run",
        "--fetch",
        "--force",
        "--allow-non-article",
        "--concurrency",
        "--no-cache",
      ])
        expect(result.stdout).toContain(option);
    },
    CLI_TIMEOUT,
  );
});
