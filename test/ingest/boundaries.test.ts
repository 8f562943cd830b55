import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../helpers/shared.ts";

/** Every .ts file under a folder, recursively. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

describe("module boundaries", () => {
  it("src/ingest and the ingest CLI never import src/site", () => {
    const files = [...sourceFiles(join(projectRoot, "src/ingest")), join(projectRoot, "src/cli/ingest.ts")];
    const offenders = files.filter((file) =>
      /from\s+["'][^"']*\/site\/|import\(\s*["'][^"']*\/site\//.test(readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
