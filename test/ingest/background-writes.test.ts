import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BackgroundWrites, INLINE_WRITES } from "../../src/ingest/background-writes.ts";

describe("a run's article writes", () => {
  it("are made at once while the run is small, then on a thread, all of them by settle", async () => {
    const dir = mkdtempSync(join(tmpdir(), "writes-"));
    const writes = new BackgroundWrites();
    const file = (i: number) => join(dir, "2024", `${i}.md`);
    for (let i = 0; i < INLINE_WRITES; i++) {
      writes.write(file(i), `article ${i}\n`);
      expect(readFileSync(file(i), "utf8")).toBe(`article ${i}\n`);
    }
    for (let i = INLINE_WRITES; i < INLINE_WRITES + 20; i++) writes.write(file(i), `article ${i}\n`);
    expect(await writes.settle()).toEqual(new Map());
    for (let i = 0; i < INLINE_WRITES + 20; i++) expect(readFileSync(file(i), "utf8")).toBe(`article ${i}\n`);
  });

  it("throw a small run's failed write at once, and report a large run's at settle", async () => {
    const dir = mkdtempSync(join(tmpdir(), "writes-"));
    // A file where a folder should be: nothing can be written under it.
    writeFileSync(join(dir, "blocked"), "");
    const writes = new BackgroundWrites();
    expect(() => writes.write(join(dir, "blocked", "a.md"), "a\n")).toThrow(
      /blocked\/a\.md could not be written: .*(EEXIST|ENOTDIR)/,
    );
    for (let i = 1; i < INLINE_WRITES; i++) writes.write(join(dir, "ok", `${i}.md`), "ok\n");
    const late = join(dir, "blocked", "late.md");
    writes.write(late, "late\n");
    writes.write(join(dir, "ok", "last.md"), "last\n");
    const failures = await writes.settle();
    expect([...failures.keys()]).toEqual([late]);
    expect(existsSync(join(dir, "ok", "last.md"))).toBe(true);
  });
});
