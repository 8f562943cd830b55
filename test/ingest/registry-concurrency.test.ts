import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { loadRegistries, REGISTRY_DIR } from "../../src/content/registry.ts";
import { itNeedsShared, projectRoot, sharedPath } from "../helpers/shared.ts";

/**
 * Issue 13: outlets discovered by any number of concurrent or killed runs are all kept. Processes
 * append their own outlets to one shared registry file at the same moment, as runs into different
 * articles folders (or `npm run update` beside a manual ingest) do; one is killed half way; and
 * three real ingest runs over saved news pages share one registry.
 */

const PROCESSES = 6;
const OUTLETS_EACH = 4;

/** A process that appends OUTLETS_EACH outlets of its own to the registry, as fast as it can. */
const appender = (registry: string, n: number) => `
import { appendSourceToRegistry, newSourceEntry } from ${JSON.stringify(pathToFileURL(join(projectRoot, "src/ingest/sources.ts")).href)};
for (let i = 0; i < ${OUTLETS_EACH}; i++) {
  const host = "outlet-${n}-" + i + ".example";
  appendSourceToRegistry(${JSON.stringify(registry)}, newSourceEntry(host, undefined, "en", new Set()), "added by test process ${n}");
}
`;

function run(script: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], {
      cwd: projectRoot,
      stdio: "inherit",
    });
    child.on("exit", resolve);
  });
}

describe("outlets appended by concurrent runs", () => {
  it(`keeps every outlet ${PROCESSES} processes append to one registry at once`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "registry-race-"));
    cpSync(REGISTRY_DIR, join(dir, "registry"), { recursive: true });
    const registry = join(dir, "registry", "sources.yaml");
    const before = loadRegistries(join(dir, "registry")).sources.length;
    const scripts = Array.from({ length: PROCESSES }, (_, n) => {
      const file = join(dir, `append-${n}.ts`);
      writeFileSync(file, appender(registry, n));
      return file;
    });
    const codes = await Promise.all(scripts.map(run));
    expect(codes).toEqual(scripts.map(() => 0));
    const after = loadRegistries(join(dir, "registry")).sources;
    expect(after).toHaveLength(before + PROCESSES * OUTLETS_EACH);
    for (let n = 0; n < PROCESSES; n++)
      for (let i = 0; i < OUTLETS_EACH; i++)
        expect(
          after.some((s) => s.domains.includes(`outlet-${n}-${i}.example`)),
          `outlet-${n}-${i}`,
        ).toBe(true);
    // The operator's own text is still there, untouched, at the top.
    expect(
      readFileSync(registry, "utf8").startsWith(
        readFileSync(join(REGISTRY_DIR, "sources.yaml"), "utf8").trimEnd(),
      ),
    ).toBe(true);
  }, 120_000);

  it("keeps every outlet a killed run had appended, and the next run takes over its lock", async () => {
    const dir = mkdtempSync(join(tmpdir(), "registry-kill-"));
    cpSync(REGISTRY_DIR, join(dir, "registry"), { recursive: true });
    const registry = join(dir, "registry", "sources.yaml");
    const original = readFileSync(registry, "utf8");
    // It says each outlet once appended, and is killed (SIGKILL: no clean-up) after a few.
    const script = join(dir, "append-forever.ts");
    writeFileSync(
      script,
      `import { appendSourceToRegistry, newSourceEntry } from ${JSON.stringify(pathToFileURL(join(projectRoot, "src/ingest/sources.ts")).href)};
for (let i = 0; ; i++) {
  const host = "killed-" + i + ".example";
  appendSourceToRegistry(${JSON.stringify(registry)}, newSourceEntry(host, undefined, "en", new Set()), "added by a run that is killed");
  process.stdout.write(host + "\\n");
}
`,
    );
    const appended: string[] = [];
    await new Promise<void>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: projectRoot });
      let text = "";
      child.stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        appended.splice(0, appended.length, ...text.split("\n").filter((line) => line !== ""));
        if (appended.length >= 8) child.kill("SIGKILL");
      });
      child.on("exit", () => resolve());
    });
    expect(appended.length).toBeGreaterThanOrEqual(8);
    // The file parses, starts with the operator's text, and holds every outlet the run reported.
    const after = loadRegistries(join(dir, "registry")).sources;
    for (const host of appended)
      expect(
        after.some((s) => s.domains.includes(host)),
        host,
      ).toBe(true);
    expect(readFileSync(registry, "utf8").startsWith(original.trimEnd())).toBe(true);
    // A run after it appends too, whether or not the killed run died holding the lock.
    expect(await run(writeScript(dir, appender(registry, 99)))).toBe(0);
    expect(
      loadRegistries(join(dir, "registry")).sources.some((s) => s.domains.includes("outlet-99-0.example")),
    ).toBe(true);
  }, 120_000);
});

function writeScript(dir: string, text: string): string {
  const file = join(dir, `script-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, text);
  return file;
}

/** `npm run ingest`'s CLI (as scripts/run.mjs runs it): its exit code and what it said on stderr. */
function ingestCli(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/run.mjs", "src/cli/ingest.ts", ...args], {
      cwd: projectRoot,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("exit", (code) => resolve({ code, stderr }));
  });
}

itNeedsShared(
  "three ingest runs at once, into three folders, sharing one registry, keep every outlet they create",
  ["corpora", "aeb", "html"],
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "registry-runs-"));
    cpSync(REGISTRY_DIR, join(dir, "registry"), { recursive: true });
    const original = readFileSync(join(dir, "registry", "sources.yaml"), "utf8");
    // Real saved news pages without their URLs: each run creates outlets from the pages' site names.
    const pages = readdirSync(sharedPath("corpora", "aeb", "html"))
      .sort()
      .slice(0, 24)
      .map((file) => sharedPath("corpora", "aeb", "html", file));
    const runs = await Promise.all(
      [0, 1, 2].map((n) =>
        ingestCli([
          ...pages.filter((_, i) => i % 3 === n),
          "--out",
          join(dir, `articles-${n}`),
          "--registry",
          join(dir, "registry"),
          // The report goes to stdout as JSON, and the human one, warnings and all, to stderr.
          "--json",
        ]),
      ),
    );
    expect(runs.map((run) => run.code)).toEqual([0, 0, 0]);
    // Each run warns of every outlet it creates, on stderr.
    const created = runs.flatMap((run) =>
      [...run.stderr.matchAll(/created source "([^"]+)"/g)].map((m) => m[1]),
    );
    expect(new Set(created).size).toBeGreaterThanOrEqual(10);
    const after = loadRegistries(join(dir, "registry")).sources.map((source) => source.id);
    for (const id of created) expect(after, id).toContain(id);
    expect(readFileSync(join(dir, "registry", "sources.yaml"), "utf8").startsWith(original.trimEnd())).toBe(
      true,
    );
  },
  120_000,
);
