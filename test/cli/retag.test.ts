import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { serializeArticle } from "../../src/content/front-matter.ts";
import { validArticle } from "../helpers/article-fixture.ts";
import { projectRoot } from "../helpers/shared.ts";

/** A spawned CLI takes most of a second to start. */
const CLI_TIMEOUT = 30_000;

function retag(args: string[]) {
  const result = spawnSync(process.execPath, ["scripts/run.mjs", "src/cli/retag.ts", ...args], {
    cwd: projectRoot,
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A folder with one article tagged "elections" by an older registry; today's registry says mobilization. */
function folder(): { dir: string; file: string; text: string } {
  const dir = mkdtempSync(join(tmpdir(), "retag-cli-"));
  const text = serializeArticle({
    ...validArticle(),
    id: "army-mobilization-ee55ff66",
    title: "Army mobilization announced",
    summary: "The army announced a new mobilization.",
    body: "The army announced a new mobilization. Reservists got draft notices.",
    topics: ["elections"],
    topic_evidence: {},
    topics_override: { add: ["kharkiv"], remove: [] },
  });
  mkdirSync(join(dir, "2024/03"), { recursive: true });
  const file = join(dir, "2024/03/army-mobilization-ee55ff66.md");
  writeFileSync(file, text);
  return { dir, file, text };
}

describe("npm run retag", () => {
  it(
    "--dry-run --json reports the diff and writes nothing; a real run writes; a re-run changes nothing",
    () => {
      const { dir, file, text } = folder();
      const dry = retag(["--dir", dir, "--dry-run", "--json"]);
      expect(dry.code).toBe(0);
      const report = JSON.parse(dry.stdout);
      expect(Object.keys(report)).toEqual([
        "dir",
        "dryRun",
        "checked",
        "changed",
        "failed",
        "byTopic",
        "byPlace",
      ]);
      expect(report.changed[0]).toMatchObject({
        file: "2024/03/army-mobilization-ee55ff66.md",
        added: ["mobilization"],
        removed: ["elections"],
      });
      expect(dry.stderr).toContain("1 of 1 article files would change (dry run: nothing written)");
      expect(readFileSync(file, "utf8")).toBe(text);

      const real = retag(["--dir", dir]);
      expect(real.code).toBe(0);
      expect(real.stdout).toContain("2024/03/army-mobilization-ee55ff66.md: +mobilization -elections");
      expect(real.stdout).toContain("by topic: mobilization +1 -0, kharkiv +0 -0, elections +0 -1");
      const written = readFileSync(file, "utf8");
      expect(written).toContain("topics:\n  - mobilization\n");
      expect(written).toContain("topics_override:\n  add:\n    - kharkiv\n");
      expect(retag(["--dir", dir]).stdout).toContain("0 of 1 article files changed");
    },
    CLI_TIMEOUT,
  );
  it(
    "exits 2 on a usage error and 1 on a broken registry, naming its file and line",
    () => {
      const { dir } = folder();
      const usage = retag(["--dir", dir, "--frobnicate"]);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain("usage: npm run retag");
      const topics = join(dir, "topics.yaml");
      writeFileSync(
        topics,
        "topics:\n  - id: a\n    labels: { en: A }\n    description: { en: A. }\n    terms: { de: [x] }\n    threshold: 1\n",
      );
      const broken = retag(["--dir", dir, "--topics", topics]);
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain(`${topics}:5: topics.0.terms.de: "de" is not a known language`);
    },
    CLI_TIMEOUT,
  );
});
