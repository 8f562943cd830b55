import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseArticle } from "../../src/content/front-matter.ts";
import { makeArticleId } from "../../src/content/ids.ts";
import { loadRegistries, type SourceRules } from "../../src/content/registry.ts";
import { buildDraft } from "../../src/ingest/draft.ts";
import { ingestInputs, outcomeOf } from "../../src/ingest/pipeline.ts";
import { readTextCapture } from "../../src/ingest/readers/text.ts";
import { compileTopics } from "../../src/ingest/tag.ts";
import { describeWithShared, sharedPath } from "../helpers/shared.ts";

const SEED = ["seed", "moscow-times-kharkiv-mobilization.txt"];
const FIRST = "Russia is planning to recruit 300,000 soldiers";
const LAST = "Kyiv slammed";
const BOILERPLATE = [
  "Enjoying ad-free content?",
  "Support us",
  "support us",
  "small favor",
  "paiment methods",
  "Remind me later",
  "Read more",
  "Not ready to support",
  "Your support",
  "disabled all ads",
  "Kremlin Planning New Mobilization",
  "Ivan Noyabrev",
  "Updated with comments",
];

/** The expected body, built from the seed itself: its paragraphs from the first to the last one. */
function expectedBody(): string {
  const lines = readFileSync(sharedPath(...SEED), "utf8").split(/\r?\n/);
  const from = lines.findIndex((l) => l.startsWith(FIRST));
  const to = lines.findIndex((l) => l.startsWith(LAST));
  return lines
    .slice(from, to + 1)
    .map((l) => l.trimEnd())
    .filter((l) => l !== "")
    .join("\n\n");
}

const registries = loadRegistries();
const NOW = new Date("2026-01-02T03:04:05Z");
const options = (outDir: string, now = NOW) => ({
  outDir,
  source: "moscow-times",
  day: "2024-03-22",
  dryRun: false,
  registries,
  toolVersion: "0.1.0",
  now,
});

describeWithShared("ingesting the seed capture", SEED, () => {
  let outDir: string;
  let first: Awaited<ReturnType<typeof ingestInputs>>;
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), "ingest-"));
    first = await ingestInputs([sharedPath(...SEED)], options(outDir));
  });

  it("writes one article at articles/2024/03/<id>.md", () => {
    const id = makeArticleId({
      title: "Kremlin Planning New Mobilization for Kharkiv Offensive – Vyorstka",
      source: "moscow-times",
      day: "2024-03-22",
    });
    expect(first.items).toHaveLength(1);
    expect(first.items[0]).toMatchObject({
      status: "written",
      id,
      path: join(outDir, "2024/03", `${id}.md`),
    });
  });

  it("keeps exactly the article as the body, and no boilerplate", () => {
    const article = parseArticle(readFileSync(first.items[0]?.path ?? "", "utf8"), "seed");
    expect(article.body.trimEnd()).toBe(expectedBody());
    for (const text of BOILERPLATE) expect(article.body).not.toContain(text);
  });

  it("sets the fields from the capture", () => {
    const article = parseArticle(readFileSync(first.items[0]?.path ?? "", "utf8"), "seed");
    expect(article).toMatchObject({
      title: "Kremlin Planning New Mobilization for Kharkiv Offensive – Vyorstka",
      date: "2024-03-22T00:00:00+00:00",
      date_source: "cli",
      source: "moscow-times",
      language: "en",
      // The March 2024 presidential election is the political backdrop the article weighs.
      topics: ["mobilization", "kharkiv", "elections"],
      // The places it is about, each named in it: Russia's mobilization, Ukraine's Kharkiv.
      places: ["russia", "ukraine", "kharkiv"],
      image_caption: "Mobilized Russian servicemen in eastern Ukraine's Donetsk region.",
      image_credit: "Ivan Noyabrev / TASS",
      update_note: "Updated with comments from source close to Russia’s Defense Ministry.",
      cited: ["Vyorstka"],
      provenance: {
        input: sharedPath(...SEED),
        extractor: "text-capture@1",
        ingested_at: "2026-01-02T03:04:05+00:00",
        tool_version: "0.1.0",
      },
    });
    expect(article.provenance.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(article.summary.startsWith(FIRST)).toBe(true);
    expect(article.summary.length).toBeLessThanOrEqual(300);
    for (const place of article.places) expect(article.place_evidence[place]?.snippet).toBeTruthy();
    for (const topic of article.topics) {
      expect(article.topic_evidence[topic]?.terms.length).toBeGreaterThan(0);
      expect(article.topic_evidence[topic]?.snippet).toBeTruthy();
    }
    expect(article.quotes).toContainEqual({
      text: expect.stringMatching(/^It was indiscriminate and harsh/),
      speaker: "Ilya Grashchenkov",
    });
    expect(article.quotes.every((q) => article.body.includes(q.text))).toBe(true);
  });

  it("counts every removed line with a reason", () => {
    const removed = first.items[0]?.removed ?? [];
    expect(removed.length).toBe(12);
    expect(removed.every((line) => line.reason !== "")).toBe(true);
  });

  it("changes nothing on a second run, even at a later time", async () => {
    const path = first.items[0]?.path ?? "";
    const before = readFileSync(path);
    const again = await ingestInputs(
      [sharedPath(...SEED)],
      options(outDir, new Date("2026-06-01T00:00:00Z")),
    );
    expect(again.items[0]?.status).toBe("unchanged");
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("reports the same capture twice in one run as a duplicate", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ingest-"));
    const report = await ingestInputs([sharedPath(...SEED), sharedPath(...SEED)], options(dir));
    expect(report.items.map((i) => i.status)).toEqual(["written", "duplicate"]);
  });

  it("reports an existing article with the same body in another file as a duplicate", async () => {
    const copy = join(mkdtempSync(join(tmpdir(), "seed-")), "retitled.txt");
    const text = readFileSync(sharedPath(...SEED), "utf8").replace(
      "Kremlin Planning New Mobilization for Kharkiv Offensive – Vyorstka",
      "Kremlin Plans Mobilization",
    );
    writeFileSync(copy, text);
    const report = await ingestInputs([copy], options(outDir));
    expect(report.items[0]?.status).toBe("duplicate");
    expect(report.items[0]?.reason).toMatch(/same body text from the same outlet as/);
  });

  it("keeps an editor's topics_override on re-ingest", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ingest-"));
    const path = (await ingestInputs([sharedPath(...SEED)], options(dir))).items[0]?.path ?? "";
    const edited = readFileSync(path, "utf8").replace(
      "\nsummary:",
      "\ntopics_override:\n  add: []\n  remove:\n    - elections\nsummary:",
    );
    writeFileSync(path, edited);
    expect((await ingestInputs([sharedPath(...SEED)], options(dir))).items[0]?.status).toBe("unchanged");
    expect(readFileSync(path, "utf8")).toBe(edited);
  });

  it("gets the same body from the generic layer for an outlet without rules", () => {
    const unknown: SourceRules = {
      id: "unknown-outlet",
      name: "Unknown Outlet",
      domains: [],
      language: "en",
      boilerplate: { lines: [], patterns: [], end_markers: [] },
      linePatterns: [],
      endMarkers: [],
    };
    const { draft, removed } = buildDraft(readTextCapture(sharedPath(...SEED)), unknown, {
      day: "2024-03-22",
      now: NOW,
      toolVersion: "0.1.0",
      matchers: compileTopics(registries.topics),
    });
    expect(draft.body).toBe(expectedBody());
    expect(draft.title).toBe("Kremlin Planning New Mobilization for Kharkiv Offensive – Vyorstka");
    expect(removed.length).toBe(12);
    expect(removed.every((line) => line.reason.startsWith("generic:"))).toBe(true);
  });

  it("dates by ingest time with a warning when there is no --date and no date in the text", async () => {
    const { day: _day, ...rest } = options(mkdtempSync(join(tmpdir(), "ingest-")));
    const report = await ingestInputs([sharedPath(...SEED)], { ...rest, dryRun: true });
    expect(report.items[0]?.status).toBe("written");
    expect(report.items[0]?.path).toContain("2026/01/");
    expect(report.items[0]?.warnings.join()).toMatch(/dated by ingest time 2026-01-02T03:04:05\+00:00/);
  });
});

describe("failures", () => {
  it("names the file and the fix for a missing input", async () => {
    const report = await ingestInputs(["no/such/file.txt"], options(mkdtempSync(join(tmpdir(), "ingest-"))));
    expect(report.items[0]).toMatchObject({ status: "failed" });
    expect(report.items[0]?.reason).toMatch(
      /^no\/such\/file\.txt: cannot read the file \(ENOENT\)\. Check the path/,
    );
  });
  it("names the file, the sources it resembles and the fix for an unknown --source", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ingest-"));
    const input = join(dir, "capture.txt");
    writeFileSync(input, "Headline\n\nBody.\n");
    const report = await ingestInputs([input], { ...options(dir), source: "moscowtimes" });
    expect(report.items[0]?.reason).toBe(
      `${input}: --source "moscowtimes" is not a known source. Did you mean: moscow-times? Pass a known id or add the outlet to registry/sources.yaml.`,
    );
  });
});

describe("an input's progress line", () => {
  const report = (status: "written" | "duplicate" | "failed") => ({
    input: "feed.xml",
    status,
    warnings: [],
    removed: [],
  });
  it("counts a feed's items by outcome instead of listing every item", () => {
    const reports = [...Array(498).fill(report("written")), report("duplicate"), report("written")];
    expect(outcomeOf(reports)).toBe("499 written, 1 duplicate");
    expect(outcomeOf([report("failed")])).toBe("1 failed");
    expect(outcomeOf([])).toBe("no items");
  });
});
