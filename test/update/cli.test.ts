import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/shared.ts";

/** `npm run update`'s command line: usage errors exit 2, a broken registry 1 with its file and line, nothing to poll 0. */
function update(cwd: string, args: string[]) {
  const result = spawnSync(
    process.execPath,
    [join(projectRoot, "scripts/run.mjs"), join(projectRoot, "src/cli/update.ts"), ...args],
    { cwd, encoding: "utf8", timeout: 60_000 },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A registry folder with the project's topics and outlets and the given subscriptions. */
function registryWith(subscriptions: string): { dir: string; registry: string } {
  const dir = mkdtempSync(join(tmpdir(), "update-cli-"));
  const registry = join(dir, "registry");
  cpSync(join(projectRoot, "registry"), registry, { recursive: true });
  writeFileSync(join(registry, "subscriptions.yaml"), subscriptions);
  return { dir, registry };
}

describe("npm run update: the command line", () => {
  it("--help prints the usage and exits 0; an unknown option or --all with --only exits 2 with it", () => {
    const { dir } = registryWith("subscriptions: []\n");
    const help = update(dir, ["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run update -- \[options\]/);
    const bad = update(dir, ["--everything"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/update: Unknown option '--everything'[\s\S]*usage:/);
    expect(update(dir, ["--all", "--only", "x"]).code).toBe(2);
  });

  it("nothing to poll (a fresh clone): says where subscriptions go, exits 0, writes nothing", () => {
    const { dir, registry } = registryWith("subscriptions: []\n");
    const run = update(dir, ["--registry", registry, "--out", join(dir, "articles")]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /no subscriptions: add feeds, pages or OPML lists to registry\/subscriptions\.yaml/,
    );
    expect(existsSync(join(dir, "state"))).toBe(false);
    expect(existsSync(join(dir, "articles"))).toBe(false);
  });

  it("a broken subscriptions file: exit 1, the file, the line and the fix; nothing polled", () => {
    const { dir, registry } = registryWith(
      "subscriptions:\n  - id: mt\n    kind: feed\n    url: https://www.themoscowtimes.com/rss/news\n    outlet: moscow-times\n    every: soon\n",
    );
    const run = update(dir, ["--registry", registry]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${join(registry, "subscriptions.yaml")}:6: subscriptions.0.every: is not an interval (a whole number and a unit: "30m", "2h", "1d"). Fix this subscription`,
    );
    expect(existsSync(join(dir, "state"))).toBe(false);
  });

  it("--only names a subscription that is not there: exit 2 with the known ones", () => {
    const { dir, registry } = registryWith(
      "subscriptions:\n  - { id: mt, kind: feed, url: https://www.themoscowtimes.com/rss/news, outlet: moscow-times, every: 1h }\n",
    );
    const run = update(dir, ["--registry", registry, "--only", "meduza"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--only names meduza, not in .*subscriptions\.yaml \(known: mt\)/);
  });
});
