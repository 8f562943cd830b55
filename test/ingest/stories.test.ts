import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listArticleFiles } from "../../src/content/article-files.ts";
import { parseArticle } from "../../src/content/front-matter.ts";
import { loadRegistries } from "../../src/content/registry.ts";
import { ingestInputs } from "../../src/ingest/pipeline.ts";
import { reportJson, reportText, summaryLine } from "../../src/ingest/report.ts";
import {
  archiveArticle,
  emptyStoryArchive,
  readStoryWindow,
  storyAliases,
} from "../../src/ingest/stories.ts";

/**
 * Stories at ingest (src/ingest/stories.ts): reports of one event from two outlets, ingested in two
 * runs, share a story; an unrelated report starts its own; a wire copy records the first URL;
 * re-ingesting changes nothing; a dry run writes nothing; ids are never reused.
 */

const registries = loadRegistries();
const NOW = new Date("2026-01-02T03:04:05Z");

function options(outDir: string, extra: { source?: string; day?: string; dryRun?: boolean } = {}) {
  return {
    outDir,
    dryRun: extra.dryRun ?? false,
    registries,
    toolVersion: "0.1.0",
    now: NOW,
    ...(extra.source !== undefined ? { source: extra.source } : {}),
    ...(extra.day !== undefined ? { day: extra.day } : {}),
  };
}

/** Writes a text capture (headline, blank line, paragraphs) and returns its path. */
function capture(dir: string, name: string, title: string, paragraphs: readonly string[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${title}\n\n${paragraphs.join("\n\n")}\n`);
  return file;
}

/** Writes an RSS 2.0 feed of one full-text item and returns its path. */
function feed(
  dir: string,
  name: string,
  item: { site: string; title: string; link: string; date: string; paragraphs: readonly string[] },
): string {
  const file = join(dir, name);
  const html = item.paragraphs.map((p) => `<p>${p}</p>`).join("");
  writeFileSync(
    file,
    `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>${item.site}</title><link>${new URL(item.link).origin}/</link><language>en</language>
<item><title>${item.title}</title><link>${item.link}</link><pubDate>${item.date}</pubDate>
<content:encoded><![CDATA[${html}]]></content:encoded></item>
</channel></rss>`,
  );
  return file;
}

const read = (path: string | undefined) => parseArticle(readFileSync(path ?? "", "utf8"), path ?? "");

/** Every file under a folder with its text: what "nothing changed" is checked against. */
function snapshot(dir: string): Map<string, string> {
  return new Map(listArticleFiles(dir).map((f) => [f, readFileSync(join(dir, f), "utf8")]));
}

const STRIKE_MT = {
  title: "Russian Missiles Knock Out Kharkiv Power Plant, 200,000 Left Without Electricity",
  paragraphs: [
    "Russia fired 12 ballistic missiles and 20 Shahed drones at Kharkiv overnight, destroying the city's CHP-5 thermal power plant and leaving about 200,000 residents without electricity, regional governor Oleh Syniehubov said on Friday.",
    "Mayor Ihor Terekhov said emergency crews were restoring power to hospitals and water pumping stations first. Three people were injured in the attack, Syniehubov said.",
    "Ukraine's grid operator Ukrenergo said the strike on Kharkiv was part of the largest attack on the country's energy system since the full-scale invasion began, with power stations hit in five regions.",
  ],
};

const STRIKE_KI = {
  title: "Kharkiv without power after Russian strike destroys thermal power plant",
  paragraphs: [
    "About 200,000 people in Kharkiv remain without electricity after Russian missiles destroyed the city's CHP-5 thermal power plant, Mayor Ihor Terekhov said on Saturday.",
    "Russia launched 12 missiles and 20 Shahed drones at Kharkiv, Governor Oleh Syniehubov reported. Three civilians were injured.",
    "Ukrenergo called the overnight assault the largest attack on Ukraine's energy system since the full-scale invasion. Repairs to the Kharkiv plant could take months, Terekhov said.",
  ],
};

const BIKE_LANES = {
  title: "Kyiv city council approves new bicycle lanes along Khreshchatyk",
  paragraphs: [
    "The Kyiv city council on Saturday approved a plan for protected bicycle lanes along Khreshchatyk and four other central streets, to be built over the summer.",
    "Cycling groups welcomed the vote, while some taxi drivers complained that the lanes would narrow the boulevard to two traffic lanes in each direction.",
    "The council said the work would be paid for from the city's transport budget and would not close the street to traffic at weekends.",
  ],
};

const STRIKE_UK = {
  title: "Росія атакувала Харків 12 ракетами і 20 дронами: 200,000 людей без світла",
  paragraphs: [
    "Російські війська вночі випустили по Харкову 12 балістичних ракет і 20 дронів Shahed, зруйнувавши ТЕЦ-5 Харкова; без електропостачання залишилися близько 200,000 мешканців, повідомив голова обласної адміністрації Олег Синєгубов.",
    "За словами міського голови Ігоря Терехова, аварійні бригади насамперед відновлюють живлення лікарень і водоканалу.",
  ],
};

const STRIKE_EN_BRIEF = {
  title: "Russia hits Kharkiv with 12 missiles and 20 drones; 200,000 without power",
  paragraphs: [
    "Russian forces fired 12 ballistic missiles and 20 Shahed drones at Kharkiv overnight, destroying the CHP-5 power plant; about 200,000 residents lost electricity, governor Oleh Syniehubov said.",
    "Mayor Ihor Terekhov said crews were restoring power to hospitals and the water utility first. Three people were injured.",
  ],
};

describe("stories at ingest", () => {
  it("joins two outlets' reports of one event, ingested in two runs, into one story with evidence", async () => {
    const work = mkdtempSync(join(tmpdir(), "stories-"));
    const out = join(work, "articles");
    const first = await ingestInputs(
      [capture(work, "mt.txt", STRIKE_MT.title, STRIKE_MT.paragraphs)],
      options(out, { source: "moscow-times", day: "2024-03-22" }),
    );
    expect(first.items[0]).toMatchObject({ status: "written", story: { outcome: "new" } });
    const firstArticle = read(first.items[0]?.path);
    expect(firstArticle.story).toMatch(/^2024-03-22-russian-missiles-knock-out-kharkiv/);
    expect(first.items[0]?.story?.id).toBe(firstArticle.story);

    const second = await ingestInputs(
      [capture(work, "ki.txt", STRIKE_KI.title, STRIKE_KI.paragraphs)],
      options(out, { source: "kyiv-independent", day: "2024-03-23" }),
    );
    expect(second.items[0]).toMatchObject({ status: "written", story: { outcome: "joined" } });
    const secondArticle = read(second.items[0]?.path);
    expect(secondArticle.story).toBe(firstArticle.story);
    expect(secondArticle.story_evidence?.matched).toBe(firstArticle.id);
    expect(secondArticle.story_evidence?.score).toBeGreaterThan(0.27);
    expect(secondArticle.story_evidence?.terms.length).toBeGreaterThanOrEqual(3);
    expect(secondArticle.story_evidence?.terms.length).toBeLessThanOrEqual(8);
    // three decimals at most
    expect(String(secondArticle.story_evidence?.score)).toMatch(/^0\.\d{1,3}$/);
    // the first article's story id is what it was: never renamed
    expect(read(first.items[0]?.path).story).toBe(firstArticle.story);
    const text = reportText(second);
    expect(text).toContain(`story: joined ${firstArticle.story} (matched ${firstArticle.id}`);
    expect(summaryLine(second)).toMatch(/; 0 new stories, 1 joined, 0 near-duplicates$/);
  });

  it("starts a new story for an unrelated report of the same days", async () => {
    const work = mkdtempSync(join(tmpdir(), "stories-"));
    const out = join(work, "articles");
    await ingestInputs(
      [capture(work, "mt.txt", STRIKE_MT.title, STRIKE_MT.paragraphs)],
      options(out, { source: "moscow-times", day: "2024-03-22" }),
    );
    const run = await ingestInputs(
      [capture(work, "bikes.txt", BIKE_LANES.title, BIKE_LANES.paragraphs)],
      options(out, { source: "kyiv-independent", day: "2024-03-23" }),
    );
    expect(run.items[0]).toMatchObject({ status: "written", story: { outcome: "new" } });
    const article = read(run.items[0]?.path);
    expect(article.story).toMatch(/^2024-03-23-kyiv-city-council-approves/);
    expect(summaryLine(run)).toMatch(/; 1 new story, 0 joined, 0 near-duplicates$/);
    expect(reportText(run)).toContain(`story: started ${article.story}`);
  });

  it("records a wire copy's first URL in `duplicates`, and re-ingesting changes nothing", async () => {
    const work = mkdtempSync(join(tmpdir(), "stories-"));
    const out = join(work, "articles");
    const original = feed(work, "wire.xml", {
      site: "Wire Service",
      title: STRIKE_MT.title,
      link: "https://wire.example.org/2024/03/22/kharkiv-power-plant",
      date: "Fri, 22 Mar 2024 06:00:00 GMT",
      paragraphs: STRIKE_MT.paragraphs,
    });
    // The same text as the client paper ran it two hours later: its own headline and a credit line.
    const copy = feed(work, "paper.xml", {
      site: "Daily Paper",
      title: "Kharkiv power plant destroyed, 200,000 without electricity",
      link: "https://paper.example.net/world/kharkiv-power-plant-destroyed",
      date: "Fri, 22 Mar 2024 08:00:00 GMT",
      paragraphs: [...STRIKE_MT.paragraphs, "Reporting by the Wire Service staff in Kharkiv."],
    });
    const first = await ingestInputs([original], options(out));
    expect(first.items[0]?.status).toBe("written");
    const second = await ingestInputs([copy], options(out));
    expect(second.items[0]).toMatchObject({ status: "written", story: { outcome: "duplicate" } });
    const article = read(second.items[0]?.path);
    expect(article.duplicates).toEqual(["https://wire.example.org/2024/03/22/kharkiv-power-plant"]);
    expect(article.story).toBe(read(first.items[0]?.path).story);
    expect(article.story_evidence?.matched).toBe(first.items[0]?.id);
    expect(summaryLine(second)).toMatch(/; 0 new stories, 0 joined, 1 near-duplicate$/);
    expect(reportText(second)).toContain(
      `near-duplicate of ${first.items[0]?.id} (https://wire.example.org/2024/03/22/kharkiv-power-plant)`,
    );
    const json = reportJson(second);
    expect(json.stories).toEqual({ new: 0, joined: 0, near_duplicates: 1 });
    expect(json.items[0]?.story).toMatchObject({
      outcome: "duplicate",
      duplicates: ["https://wire.example.org/2024/03/22/kharkiv-power-plant"],
    });

    // Both again, in one run, in the other order: every file stays byte for byte as it was.
    const before = snapshot(out);
    const again = await ingestInputs([copy, original], options(out));
    expect(again.items.map((i) => i.status)).toEqual(["unchanged", "unchanged"]);
    expect(again.items.map((i) => i.story?.outcome)).toEqual(["kept", "kept"]);
    expect(snapshot(out)).toEqual(before);
    expect(summaryLine(again)).toMatch(/; 0 new stories, 0 joined, 0 near-duplicates$/);
  });

  it("writes an exact copy from another outlet with the first URL, and refuses one from the same outlet", async () => {
    const work = mkdtempSync(join(tmpdir(), "stories-"));
    const out = join(work, "articles");
    const item = {
      title: STRIKE_MT.title,
      date: "Fri, 22 Mar 2024 06:00:00 GMT",
      paragraphs: STRIKE_MT.paragraphs,
    };
    const link = "https://wire.example.org/2024/03/22/kharkiv-power-plant";
    await ingestInputs([feed(work, "wire.xml", { ...item, site: "Wire Service", link })], options(out));
    // Word for word, under another outlet's URL: a syndicated copy, kept with the original's URL.
    const copy = feed(work, "paper.xml", {
      ...item,
      site: "Daily Paper",
      link: "https://paper.example.net/kharkiv",
    });
    const second = await ingestInputs([copy], options(out));
    expect(second.items[0]).toMatchObject({ status: "written", story: { outcome: "duplicate" } });
    expect(read(second.items[0]?.path).duplicates).toEqual([link]);
    // Word for word again from the wire itself, under a new URL: the same article, refused.
    const again = await ingestInputs(
      [feed(work, "wire-2.xml", { ...item, site: "Wire Service", link: `${link}-updated` })],
      options(out),
    );
    expect(again.items[0]?.status).toBe("duplicate");
    expect(again.items[0]?.reason).toMatch(/same body text from the same outlet as/);
  });

  it("assigns stories in a dry run (the report shows them) and writes nothing", async () => {
    const work = mkdtempSync(join(tmpdir(), "stories-"));
    const out = join(work, "articles");
    const mt = capture(work, "mt.txt", STRIKE_MT.title, STRIKE_MT.paragraphs);
    const ki = capture(work, "ki.txt", STRIKE_KI.title, STRIKE_KI.paragraphs);
    // One run, two outlets, one day: the same story within a run too.
    const run = await ingestInputs(
      [mt, ki],
      options(out, { source: "moscow-times", day: "2024-03-22", dryRun: true }),
    );
    expect(run.items.map((i) => i.status)).toEqual(["written", "written"]);
    expect(run.items.map((i) => i.story?.outcome).sort()).toEqual(["joined", "new"]);
    expect(run.items[0]?.story?.id).toBe(run.items[1]?.story?.id);
    expect(summaryLine(run)).toMatch(
      /^dry run \(nothing written\): .*; 1 new story, 1 joined, 0 near-duplicates$/,
    );
    expect(reportText(run)).toMatch(/story: started 2024-03-22-/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it("never reuses a story id already in the folder, even one outside the dates it reads", async () => {
    const work = mkdtempSync(join(tmpdir(), "stories-"));
    const out = join(work, "articles");
    const old = await ingestInputs(
      [capture(work, "old.txt", STRIKE_MT.title, STRIKE_MT.paragraphs)],
      options(out, { source: "moscow-times", day: "2024-01-10" }),
    );
    // An editor gave the January article the id a March report about bicycle lanes would make.
    const path = old.items[0]?.path ?? "";
    const wanted = "2024-03-30-kyiv-city-council-approves-new-bicycle";
    writeFileSync(path, readFileSync(path, "utf8").replace(`story: ${read(path).story}`, `story: ${wanted}`));
    expect(read(path).story).toBe(wanted);

    const fresh = await ingestInputs(
      [capture(work, "bikes.txt", BIKE_LANES.title, BIKE_LANES.paragraphs)],
      options(out, { source: "kyiv-independent", day: "2024-03-30" }),
    );
    expect(fresh.items[0]?.story?.outcome).toBe("new");
    expect(read(fresh.items[0]?.path).story).toBe(`${wanted}-2`);
    // and the January article keeps the id it was given
    expect(read(path).story).toBe(wanted);
  });

  it("joins a Ukrainian and an English report of one event through place names and numbers", async () => {
    const work = mkdtempSync(join(tmpdir(), "stories-"));
    const out = join(work, "articles");
    const en = await ingestInputs(
      [capture(work, "en.txt", STRIKE_EN_BRIEF.title, STRIKE_EN_BRIEF.paragraphs)],
      options(out, { source: "kyiv-independent", day: "2024-03-22" }),
    );
    const uk = await ingestInputs(
      [capture(work, "uk.txt", STRIKE_UK.title, STRIKE_UK.paragraphs)],
      options(out, { source: "kyiv-independent", day: "2024-03-22" }),
    );
    const ukArticle = read(uk.items[0]?.path);
    expect(ukArticle.language).toBe("uk");
    expect(uk.items[0]?.story?.outcome).toBe("joined");
    expect(ukArticle.story).toBe(read(en.items[0]?.path).story);
    // Shared through the alias table (Харків is kharkiv, Росія is russia) and numbers, written as
    // the Ukrainian report has them.
    expect(ukArticle.story_evidence?.terms).toEqual(
      expect.arrayContaining(["Харків", "12", "20", "200,000"]),
    );
  });
});

describe("the alias table from the place registry", () => {
  const aliases = storyAliases(registries.places);

  it("maps a city's names in en, ru and uk to its id", () => {
    for (const name of ["kharkiv", "харків", "харьков", "харкова", "харкові"])
      expect(aliases.get(name), name).toBe("kharkiv");
  });

  it("leaves out stems and labels the place's own terms do not match", () => {
    expect([...aliases.keys()].some((k) => k.includes("*"))).toBe(false);
    // Bare "Jordan" is a first name or a surname as often as the country: its terms do not claim it.
    expect(aliases.has("jordan")).toBe(false);
    expect(aliases.get("amman")).toBe("jordan");
    // Bare "Georgia" is the US state (the registry's decision), not the country labelled "Georgia".
    expect(aliases.get("georgia")).toBe("georgia-us-state");
  });
});

describe("the existing articles a run reads", () => {
  it("reads only those within a few days of a new article, not the span between two far apart", async () => {
    const work = mkdtempSync(join(tmpdir(), "stories-"));
    const out = join(work, "articles");
    const archive = emptyStoryArchive();
    for (const [i, day] of ["2024-01-10", "2024-06-15", "2024-12-01"].entries()) {
      const run = await ingestInputs(
        [capture(work, `${i}.txt`, `${BIKE_LANES.title} ${i}`, [...BIKE_LANES.paragraphs, `Part ${i}.`])],
        options(out, { source: "kyiv-independent", day }),
      );
      const path = run.items[0]?.path ?? "";
      archiveArticle(archive, read(path), path);
    }
    const [first] = archive.byId.values();
    const draft = (day: string) => ({
      ...read(first?.path),
      id: `new-${day}`,
      date: `${day}T00:00:00+00:00`,
    });
    const window = readStoryWindow(archive, [draft("2024-01-12"), draft("2024-11-29")]);
    expect(window.map((r) => r.date.slice(0, 10)).sort()).toEqual(["2024-01-10", "2024-12-01"]);
    expect(window.every((r) => r.story !== undefined)).toBe(true);
  });
});
