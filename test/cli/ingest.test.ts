import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { itNeedsShared, projectRoot, sharedPath } from "../helpers/shared.ts";

/** The CLI as `npm run ingest` runs it (scripts/run.mjs), without the npx wrapper (a second less per run). */
const CLI_TIMEOUT = 30_000;

function ingest(args: string[]) {
  const result = spawnSync(process.execPath, ["scripts/run.mjs", "src/cli/ingest.ts", ...args], {
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
      expect(Object.keys(report)).toEqual(["items", "counts", "stories"]);
      expect(report.counts).toEqual({ written: 1, unchanged: 0, duplicate: 0, failed: 0, skipped: 0 });
      expect(report.stories).toEqual({ new: 1, joined: 0, near_duplicates: 0 });
      expect(Object.keys(report.items[0])).toEqual(["input", "status", "path", "id", "reason", "story"]);
      expect(report.items[0].story).toMatchObject({
        id: expect.stringMatching(/^2024-03-22-/),
        outcome: "new",
      });
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
    "adds an outlet it meets first to the --registry folder's sources.yaml, not the project's",
    () => {
      const work = mkdtempSync(join(tmpdir(), "cli-registry-"));
      const registry = join(work, "registry");
      cpSync(join(projectRoot, "registry"), registry, { recursive: true });
      const projectSources = readFileSync(join(projectRoot, "registry", "sources.yaml"), "utf8");
      const paragraph =
        "The regional council met on Tuesday to discuss the new bus routes, the budget for road repairs and the winter schedule of the city's schools.";
      const feed = join(work, "feed.xml");
      writeFileSync(
        feed,
        `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example Gazette</title><link>https://news.example.org/</link><language>en</language>
<item><title>Council agrees new bus routes</title><link>https://news.example.org/2024/03/22/bus-routes</link>
<pubDate>Fri, 22 Mar 2024 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[${`<p>${paragraph}</p>`.repeat(6)}]]></content:encoded></item>
</channel></rss>`,
      );
      const result = ingest([feed, "--out", join(work, "articles"), "--registry", registry, "--json"]);
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).counts.written).toBe(1);
      expect(readFileSync(join(registry, "sources.yaml"), "utf8")).toContain("news.example.org");
      expect(readFileSync(join(projectRoot, "registry", "sources.yaml"), "utf8")).toBe(projectSources);
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
        "--registry",
      ])
        expect(result.stdout).toContain(option);
    },
    CLI_TIMEOUT,
  );
});
