import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/shared.ts";
import { tempDir } from "../helpers/site.ts";

/**
 * scripts/run.mjs, the launcher of every npm script, in a small project of its own: a copy of
 * the launcher, a package.json and two TypeScript modules, with the real node_modules linked in.
 */
function miniProject(): string {
  const root = tempDir("media-digest-run-");
  mkdirSync(join(root, "scripts"));
  mkdirSync(join(root, "src", "lib"), { recursive: true });
  copyFileSync(join(projectRoot, "scripts/run.mjs"), join(root, "scripts/run.mjs"));
  symlinkSync(join(projectRoot, "node_modules"), join(root, "node_modules"));
  writeFileSync(join(root, "package.json"), '{ "type": "module" }\n');
  writeFileSync(join(root, "package-lock.json"), "{}\n");
  writeModule(root, "src/lib/word.ts", 'export const word: string = "first";\n');
  writeFileSync(
    join(root, "src/main.ts"),
    [
      'import { word } from "./lib/word.ts";',
      "const args: string[] = process.argv.slice(2);",
      "if (args[0] === 'fail') throw new Error('failed on purpose');",
      "console.log(word, JSON.stringify(args), import.meta.url.endsWith('.js'));",
      "",
    ].join("\n"),
  );
  return root;
}

/** Writes a module with a time of its own, so an edit within the same millisecond still counts. */
let clock = Date.now() / 1000 - 1000;
function writeModule(root: string, path: string, text: string): void {
  writeFileSync(join(root, path), text);
  clock += 10;
  utimesSync(join(root, path), clock, clock);
}

function run(root: string, args: string[]) {
  const result = spawnSync(process.execPath, ["scripts/run.mjs", ...args], { cwd: root, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const compiledCopies = (root: string) => readdirSync(join(root, ".cache/js"));

describe("scripts/run.mjs", () => {
  it("runs a TypeScript entry point compiled, with its arguments, and compiles again after an edit", () => {
    const root = miniProject();
    expect(run(root, ["src/main.ts", "a", "--b"])).toMatchObject({
      code: 0,
      stdout: 'first ["a","--b"] true\n',
    });
    const [first] = compiledCopies(root);
    expect(run(root, ["src/main.ts"]).stdout).toBe("first [] true\n");
    expect(compiledCopies(root)).toEqual([first]);

    writeModule(root, "src/lib/word.ts", 'export const word: string = "second";\n');
    expect(run(root, ["src/main.ts"]).stdout).toBe("second [] true\n");
    // A copy of older sources is kept for an hour (a process may still be running it), then removed.
    expect(compiledCopies(root)).toHaveLength(2);
    const hoursAgo = Date.now() / 1000 - 2 * 3600;
    utimesSync(join(root, ".cache/js", first as string), hoursAgo, hoursAgo);
    writeModule(root, "src/lib/word.ts", 'export const word: string = "third";\n');
    expect(run(root, ["src/main.ts"]).stdout).toBe("third [] true\n");
    expect(compiledCopies(root)).toHaveLength(2);
    expect(compiledCopies(root)).not.toContain(first);
  }, 30_000);

  it("names the TypeScript file and line in an error's stack", () => {
    const root = miniProject();
    const result = run(root, ["src/main.ts", "fail"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("failed on purpose");
    expect(result.stderr).toMatch(/src\/main\.ts:3:\d+/);
  }, 30_000);

  it("ends quietly (exit 0) when its reader closes the pipe early, as `| head` does", async () => {
    const root = miniProject();
    writeFileSync(
      join(root, "src/loud.ts"),
      'for (let i = 0; i < 200_000; i++) process.stdout.write("line " + i + " of a long report\\n");\n',
    );
    const child = spawn(process.execPath, ["scripts/run.mjs", "src/loud.ts"], { cwd: root });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  }, 30_000);

  it("refuses what is not a TypeScript file of the project, with its usage (exit 2)", () => {
    const root = miniProject();
    expect(run(root, [])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Usage: node scripts/run.mjs"),
    });
    expect(run(root, ["package.json"]).code).toBe(2);
    const outside = run(root, [join(projectRoot, "src/cli/ingest.ts")]);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain("is not a TypeScript file under src/ or scripts/");
    expect(run(root, ["src/missing.ts"]).code).toBe(2);
  }, 30_000);

  it("lets processes that start at once compile side by side and publish one copy", async () => {
    const root = miniProject();
    const outputs = await Promise.all(
      Array.from(
        { length: 4 },
        () =>
          new Promise<string>((resolve, reject) => {
            const child = spawn(process.execPath, ["scripts/run.mjs", "src/main.ts"], { cwd: root });
            let out = "";
            child.stdout.on("data", (chunk) => (out += chunk));
            child.on("error", reject);
            child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}`))));
          }),
      ),
    );
    expect(outputs).toEqual(Array(4).fill("first [] true\n"));
    expect(compiledCopies(root)).toHaveLength(1);
  }, 30_000);
});
