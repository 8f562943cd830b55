import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/shared.ts";

/**
 * Every npm script that takes options, run as `npm run` runs it (scripts/run.mjs) with an option it
 * does not know: it must load (a script importing a module the launcher does not compile fails
 * here, as bench:search once did) and answer with its usage and exit code 2, not a stack trace.
 */
const scripts = Object.entries(
  (JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts,
).flatMap(([name, command]) => {
  const entry = /^node scripts\/run\.mjs (\S+\.ts)$/.exec(command)?.[1];
  if (!entry) return [];
  const source = readFileSync(join(projectRoot, entry), "utf8");
  return /\b(scriptOptions|parseArgs)\(/.test(source) ? [{ name, entry }] : [];
});

describe("npm scripts with options", () => {
  it("are found in package.json (the benchmarks, evaluations, build and CLI)", () => {
    const names = scripts.map((s) => s.name);
    for (const name of ["build", "bench:build", "bench:search", "bench:ingest", "eval:extraction", "ingest"])
      expect(names).toContain(name);
  });

  it.each(scripts)("$name refuses an unknown option with its usage (exit 2)", ({ entry }) => {
    const run = spawnSync(process.execPath, ["scripts/run.mjs", entry, "--no-such-option"], {
      cwd: projectRoot,
      encoding: "utf8",
      timeout: 60_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(output).toMatch(/no-such-option/);
    expect(output).toMatch(/usage/i);
    expect(output).not.toMatch(/\n\s+at /);
    expect(run.status).toBe(2);
  });
});
