import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArticle, serializeArticle } from "../../src/content/front-matter.ts";
import { articleFilePath } from "../../src/content/paths.ts";
import { loadPlaces } from "../../src/content/places.ts";
import { loadRegistries, loadTopics } from "../../src/content/registry.ts";
import { acquireIngestLock, IngestLockedError } from "../../src/ingest/lock.ts";
import { type IngestOptions, ingestInputs } from "../../src/ingest/pipeline.ts";
import { compilePlaces } from "../../src/ingest/places.ts";
import { retagArticles, retagSummary, retagText } from "../../src/ingest/retag.ts";
import { compileTopics } from "../../src/ingest/tag.ts";
import { editedByHand } from "../../src/ingest/write.ts";
import { validArticle } from "../helpers/article-fixture.ts";
import { describeWithShared, projectRoot, sharedPath } from "../helpers/shared.ts";

const matchers = compileTopics(loadTopics());
const places = compilePlaces(loadPlaces(join(projectRoot, "registry/places.yaml")));

/** An article tagged by an older registry: "elections" only, with an editor's override and story. */
function staleArticle() {
  return serializeArticle({
    ...validArticle(),
    id: "army-mobilization-in-kharkiv-aa11bb22",
    title: "Army mobilization in Kharkiv",
    summary: "The army announced a partial mobilization in the Kharkiv region.",
    body: "The army announced a partial mobilization in the Kharkiv region.\n\nReservists got draft notices.",
    topics: ["elections"],
    topic_evidence: { elections: { score: 2, terms: [{ term: "vote", count: 2 }] } },
    topics_override: { add: ["elections"], remove: ["kharkiv"] },
    story: "kharkiv-offensive-2024",
  });
}

function articlesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "retag-"));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const pathOf = (text: string) => {
  const a = parseArticle(text, "x.md");
  return articleFilePath({ id: a.id, date: a.date });
};

describe("retagText", () => {
  it("recomputes topics and evidence and keeps every other field, editor fields above all", () => {
    const before = staleArticle();
    const { change, text } = retagText(before, "x.md", matchers);
    expect(change).toEqual({
      before: ["elections"],
      after: ["mobilization", "kharkiv"],
      added: ["mobilization", "kharkiv"],
      removed: ["elections"],
      placesAdded: [],
      placesRemoved: [],
      evidenceOnly: false,
    });
    const old = parseArticle(before, "x.md");
    const now = parseArticle(text ?? "", "x.md");
    expect(now.topics).toEqual(["mobilization", "kharkiv"]);
    expect(now.topic_evidence.mobilization?.terms).toContainEqual({ term: "partial mobilization", count: 2 });
    // Retag rewrites topics and evidence only; the file's content hash follows the new content so
    // that the next ingest does not mistake the retag for a hand edit.
    const {
      topics: _t,
      topic_evidence: _e,
      provenance: { content_sha256: hash, ...provenance },
      ...rest
    } = now;
    const { topics: _t2, topic_evidence: _e2, provenance: oldProvenance, ...oldRest } = old;
    expect(rest).toEqual(oldRest);
    expect(provenance).toEqual(oldProvenance);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(now.topics_override).toEqual({ add: ["elections"], remove: ["kharkiv"] });
    expect(now.story).toBe("kharkiv-offensive-2024");
  });
  it("tags places from the place registry, with evidence, and reports them as +place:", () => {
    const { change, text } = retagText(staleArticle(), "x.md", matchers, places);
    expect(change.placesAdded).toEqual(["ukraine", "kharkiv"]);
    const now = parseArticle(text ?? "", "x.md");
    expect(now.places).toEqual(["ukraine", "kharkiv"]);
    expect(now.place_evidence.kharkiv?.terms).toEqual([{ term: "kharkiv", count: 3 }]);
    // Ukraine is not named: the article is about it because Kharkiv lies in it (`within`).
    expect(now.place_evidence.ukraine).toEqual(now.place_evidence.kharkiv);
    expect(retagText(text ?? "", "x.md", matchers, places).text).toBeUndefined();
    const dir = articlesDir({ [pathOf(staleArticle())]: staleArticle() });
    const report = retagArticles(dir, matchers, { dryRun: true, places });
    expect(report.byPlace).toEqual({ ukraine: { added: 1, removed: 0 }, kharkiv: { added: 1, removed: 0 } });
    expect(retagSummary(report)).toContain("+place:kharkiv");
  });
  it("returns no text when the tags would not change", () => {
    const once = retagText(staleArticle(), "x.md", matchers).text ?? "";
    expect(retagText(once, "x.md", matchers).text).toBeUndefined();
  });
  it("rewrites a file whose topics stay but whose evidence changed, and says so", () => {
    const once = retagText(staleArticle(), "x.md", matchers).text ?? "";
    const edited = once.replace(/score: \d+(\.\d+)?/, "score: 99");
    const result = retagText(edited, "x.md", matchers);
    expect(result.change.evidenceOnly).toBe(true);
    expect(result.text).toBe(once);
  });
});

describe("retagArticles", () => {
  const stale = staleArticle();
  const current = retagText(stale, "x.md", matchers).text ?? "";
  const other = current
    .replace("army-mobilization-in-kharkiv-aa11bb22", "army-mobilization-in-kharkiv-cc33dd44")
    .replace(/^story: .*\n/m, "");

  it("writes only the files whose tags changed, atomically, and reports per topic", () => {
    const dir = articlesDir({ [pathOf(stale)]: stale, [pathOf(other)]: other });
    const report = retagArticles(dir, matchers, { dryRun: false });
    expect(report.checked).toBe(2);
    expect(report.changed.map((c) => c.file)).toEqual([pathOf(stale)]);
    expect(report.byTopic).toEqual({
      mobilization: { added: 1, removed: 0 },
      kharkiv: { added: 1, removed: 0 },
      elections: { added: 0, removed: 1 },
    });
    expect(readFileSync(join(dir, pathOf(stale)), "utf8")).toBe(current);
    expect(readFileSync(join(dir, pathOf(other)), "utf8")).toBe(other);
    expect(readdirSync(dirname(join(dir, pathOf(stale)))).filter((f) => f.startsWith("."))).toEqual([]);
    expect(retagArticles(dir, matchers, { dryRun: false }).changed).toEqual([]);
  });
  it("writes nothing in a dry run but reports the same changes", () => {
    const dir = articlesDir({ [pathOf(stale)]: stale });
    const report = retagArticles(dir, matchers, { dryRun: true });
    expect(report.changed).toHaveLength(1);
    expect(readFileSync(join(dir, pathOf(stale)), "utf8")).toBe(stale);
    expect(retagSummary(report)).toContain("1 of 1 article files would change (dry run: nothing written)");
    expect(retagSummary(report)).toContain(`${pathOf(stale)}: +mobilization +kharkiv -elections`);
    expect(retagSummary(report)).toContain("by topic: mobilization +1 -0, kharkiv +1 -0, elections +0 -1");
  });
  it("keeps a hand edit marked as one: the next ingest still leaves it alone", () => {
    // Sealed as ingest writes it, then edited by hand (a corrected sentence).
    const sealed = retagText(stale, "x.md", matchers).text ?? "";
    const edited = sealed.replace(
      "Reservists got draft notices.",
      "Reservists got draft notices (corrected).",
    );
    expect(editedByHand(edited, "x.md")).toBe(true);
    const retagged = retagText(
      edited.replace(/^topics:\n(?: {2}- .*\n)+/m, "topics:\n  - elections\n"),
      "x.md",
      matchers,
    ).text;
    expect(retagged).toBeDefined();
    expect(retagged).toContain("(corrected)");
    expect(editedByHand(retagged ?? "", "x.md")).toBe(true);
    // An article ingest wrote and nobody edited is sealed again: not a hand edit.
    expect(editedByHand(sealed, "x.md")).toBe(false);
  });

  it("holds the ingest lock while it writes: a live ingest in the folder stops it", () => {
    const dir = articlesDir({ [pathOf(stale)]: stale });
    const lock = acquireIngestLock(dir);
    try {
      expect(() => retagArticles(dir, matchers, { dryRun: false })).toThrow(IngestLockedError);
      expect(readFileSync(join(dir, pathOf(stale)), "utf8")).toBe(stale);
      // A dry run writes nothing and needs no lock.
      expect(retagArticles(dir, matchers, { dryRun: true }).changed).toHaveLength(1);
    } finally {
      lock.release();
    }
    expect(retagArticles(dir, matchers, { dryRun: false }).changed).toHaveLength(1);
  });

  it("names a file that does not parse, leaves it alone and carries on", () => {
    const broken = "---\nid: Not An Id\n---\n\nbody\n";
    const dir = articlesDir({ "2024/03/broken.md": broken, [pathOf(stale)]: stale });
    const report = retagArticles(dir, matchers, { dryRun: false });
    expect(report.failed).toEqual([
      { file: "2024/03/broken.md", error: expect.stringContaining("broken.md") },
    ]);
    expect(readFileSync(join(dir, "2024/03/broken.md"), "utf8")).toBe(broken);
    expect(report.changed).toHaveLength(1);
  });
});

describeWithShared("a hand edit, a retag, then the same input ingested again", ["seed"], () => {
  it("keeps the edit through both, and says so", async () => {
    const out = mkdtempSync(join(tmpdir(), "retag-edit-"));
    const seed = sharedPath("seed", "moscow-times-kharkiv-mobilization.txt");
    const options: IngestOptions = {
      outDir: out,
      source: "moscow-times",
      day: "2024-03-22",
      dryRun: false,
      registries: loadRegistries(),
      toolVersion: "0.1.0",
      now: new Date("2024-03-23T00:00:00Z"),
    };
    const [first] = (await ingestInputs([seed], options)).items;
    const path = first?.path as string;
    const edited = readFileSync(path, "utf8").replace("Russia is planning", "Russia is reportedly planning");
    expect(edited).toContain("reportedly");
    writeFileSync(path, edited);
    // A retag that changes the file: the registry has lost its elections topic since the ingest.
    const withoutElections = compileTopics(loadTopics().filter((topic) => topic.id !== "elections"));
    expect(retagArticles(out, withoutElections, { dryRun: false }).changed).toHaveLength(1);
    const retagged = readFileSync(path, "utf8");
    expect(parseArticle(retagged, path).topics).not.toContain("elections");
    expect(retagged).toContain("Russia is reportedly planning");
    const [again] = (await ingestInputs([seed], options)).items;
    expect(again?.status).not.toBe("written");
    expect(readFileSync(path, "utf8")).toContain("Russia is reportedly planning");
    expect(`${again?.reason} ${again?.warnings.join(" ")}`).toMatch(/by hand|--force/);
  });
});
