import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/shared.ts";

/**
 * Issue 13, start-up: a text capture needs neither an HTML DOM nor a feed parser, so the CLI does
 * not load them for one (src/ingest/libraries.ts loads each on first use), and it says that it has
 * started before it loads the pipeline at all.
 */

/** The libraries only HTML pages and feeds need. */
const PAGE_AND_FEED_LIBRARIES = ["linkedom", "@mozilla/readability", "feedsmith"];
const LAZY_LIBRARIES = [...PAGE_AND_FEED_LIBRARIES, "franc-all"];

/** Every .ts file under `dir`. */
const sources = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => file.endsWith(".ts"))
    .map((file) => join(dir, file));

/**
 * Runs the ingest CLI as `npm run ingest` does, with a preload that prints, as the process exits,
 * which of the lazy libraries were loaded (libraries.ts loads them with `require`, so they are in
 * require.cache; the test below keeps every other way out).
 */
function ingestReportingLibraries(args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "start-up-"));
  const preload = join(dir, "report-libraries.cjs");
  writeFileSync(
    preload,
    `process.on("exit", () => {
      const names = ${JSON.stringify(LAZY_LIBRARIES)};
      const loaded = names.filter((name) =>
        Object.keys(require.cache).some((file) => file.includes(\`/node_modules/\${name}/\`)),
      );
      require("node:fs").writeSync(2, "loaded libraries: " + JSON.stringify(loaded) + "\\n");
    });`,
  );
  const out = join(dir, "articles");
  const result = spawnSync(
    process.execPath,
    ["--require", preload, "scripts/run.mjs", "src/cli/ingest.ts", ...args, "--out", out, "--dry-run"],
    { cwd: projectRoot, encoding: "utf8" },
  );
  const line = result.stderr.split("\n").find((l) => l.startsWith("loaded libraries: ")) ?? "";
  return {
    code: result.status,
    stderr: result.stderr,
    loaded: JSON.parse(line.slice("loaded libraries: ".length) || "null") as string[] | null,
  };
}

describe("ingest start-up", () => {
  it("names the lazy libraries in src/ingest/libraries.ts only (any other import would load them at start)", () => {
    const importsOf = (file: string) =>
      [...readFileSync(file, "utf8").matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gms)].map(
        (m) => m[1],
      );
    const offenders = [...sources(join(projectRoot, "src")), ...sources(join(projectRoot, "scripts"))]
      .filter((file) => !file.endsWith(join("src", "ingest", "libraries.ts")))
      .flatMap((file) =>
        importsOf(file)
          .filter((name) => LAZY_LIBRARIES.includes(name as string))
          .map((name) => `${relative(projectRoot, file)} imports ${name}`),
      );
    expect(offenders).toEqual([]);
  });

  it("loads no HTML or feed library for a text capture, and says it has started first", () => {
    const input = join(mkdtempSync(join(tmpdir(), "start-up-capture-")), "capture.txt");
    writeFileSync(
      input,
      "Kremlin plans a new mobilization\n\nThe Kremlin is planning a new wave of mobilization, sources said.\n",
    );
    const run = ingestReportingLibraries([input, "--source", "moscow-times"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr.split("\n")[0]).toMatch(/^ingest: 1 input into .*\(dry run: nothing is written\)$/);
    expect(run.loaded).toEqual(["franc-all"]);
  }, 60_000);

  it("loads them for a saved page (so the check above sees a library when one is loaded)", () => {
    const run = ingestReportingLibraries([join(projectRoot, "test/fixtures/ingest/article.html")]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.loaded).toEqual(expect.arrayContaining(["linkedom", "@mozilla/readability", "franc-all"]));
    expect(run.loaded).not.toContain("feedsmith");
  }, 60_000);
});
