import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError } from "../../src/content/errors.ts";
import { writeArticle } from "../../src/ingest/write.ts";
import { validArticle } from "../helpers/article-fixture.ts";

describe("writeArticle", () => {
  it("writes to YYYY/MM/<id>.md with no temp file left behind", () => {
    const dir = mkdtempSync(join(tmpdir(), "write-"));
    const outcome = writeArticle(validArticle(), dir, { dryRun: false });
    expect(outcome).toMatchObject({
      status: "written",
      path: join(dir, "2024/03/kremlin-planning-new-mobilization-1c133420.md"),
    });
    expect(readdirSync(join(dir, "2024/03"))).toEqual(["kremlin-planning-new-mobilization-1c133420.md"]);
  });
  it("reports unchanged when only ingested_at differs, and keeps the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "write-"));
    const { path } = writeArticle(validArticle(), dir, { dryRun: false });
    const before = readFileSync(path, "utf8");
    const later = validArticle();
    later.provenance = { ...later.provenance, ingested_at: "2025-01-01T00:00:00+00:00" };
    expect(writeArticle(later, dir, { dryRun: false }).status).toBe("unchanged");
    expect(readFileSync(path, "utf8")).toBe(before);
  });
  it("reports unchanged when the same item comes from a capture that changed around it", () => {
    // A feed that gained an item: every #item-N shifts and the feed's hash changes, the article not.
    const dir = mkdtempSync(join(tmpdir(), "write-"));
    const { path } = writeArticle(validArticle(), dir, { dryRun: false });
    const before = readFileSync(path, "utf8");
    const again = validArticle();
    again.provenance = { ...again.provenance, input: "feed.xml#item-2", sha256: "f".repeat(64) };
    expect(writeArticle(again, dir, { dryRun: false }).status).toBe("unchanged");
    expect(readFileSync(path, "utf8")).toBe(before);
    expect(writeArticle({ ...again, summary: "Changed." }, dir, { dryRun: false }).status).toBe("written");
  });
  it("rewrites when the content changes", () => {
    const dir = mkdtempSync(join(tmpdir(), "write-"));
    const { path } = writeArticle(validArticle(), dir, { dryRun: false });
    expect(writeArticle({ ...validArticle(), summary: "New." }, dir, { dryRun: false }).status).toBe(
      "written",
    );
    expect(readFileSync(path, "utf8")).toContain("summary: New.");
  });
  it("writes nothing in a dry run", () => {
    const dir = mkdtempSync(join(tmpdir(), "write-"));
    const outcome = writeArticle(validArticle(), dir, { dryRun: true });
    expect(outcome.status).toBe("written");
    expect(existsSync(outcome.path)).toBe(false);
  });
  it("refuses an article that fails the schema, naming file and field", () => {
    const dir = mkdtempSync(join(tmpdir(), "write-"));
    expect(() => writeArticle({ ...validArticle(), language: "English" }, dir, { dryRun: false })).toThrow(
      ContentError,
    );
    expect(() => writeArticle({ ...validArticle(), language: "English" }, dir, { dryRun: false })).toThrow(
      /\.md: language: /,
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});
