import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { parseArticle } from "../../src/content/front-matter.ts";
import { loadRegistries } from "../../src/content/registry.ts";
import { ingestInputs } from "../../src/ingest/pipeline.ts";
import { describeWithShared, sharedPath } from "../helpers/shared.ts";

/**
 * Issue 13, "text captures": 20 captures of 20 days, each saying its date and URL in the text,
 * ingest in one run without --date (made from the seed: each day's copy has its own headline and
 * lead paragraph, so none is a duplicate of another).
 */

const SEED = ["seed", "moscow-times-kharkiv-mobilization.txt"];
const registries = loadRegistries();
const NOW = new Date("2024-05-01T00:00:00Z");
const DAYS = Array.from({ length: 20 }, (_, i) => `2024-03-${String(i + 1).padStart(2, "0")}`);
const urlOf = (day: string) =>
  `https://www.themoscowtimes.com/${day.replaceAll("-", "/")}/kremlin-day-a8${day.slice(-2)}`;

/** Four ways a capture can carry its date and URL, in turn. */
function capture(seed: string, day: string, n: number): string {
  const text = seed
    .replace("Kremlin Planning New Mobilization", `Day ${n}: Kremlin Planning New Mobilization`)
    .replace("Russia is planning", `On day ${n} of the month, officials said that Russia is planning`);
  const date = day.slice(-2);
  const words = `${Number(date)} March 2024`;
  switch (n % 4) {
    case 0:
      return `URL: ${urlOf(day)}\nDate: ${day}\n\n${text}`;
    case 1:
      return `${urlOf(day)}\nPublished: ${words} 14:05\n\n${text}`;
    case 2:
      return `${text}\nPublished on March ${Number(date)}, 2024\n\nSource: ${urlOf(day)}\n`;
    default:
      return `${words}\n\n${text}\n\n${urlOf(day)}\n`;
  }
}

describeWithShared("20 text captures of 20 days in one run", SEED, () => {
  let dir: string;
  beforeAll(() => {
    const seed = readFileSync(sharedPath(...SEED), "utf8");
    dir = mkdtempSync(join(tmpdir(), "captures-"));
    mkdirSync(join(dir, "in"));
    DAYS.forEach((day, i) => {
      writeFileSync(join(dir, "in", `capture-${i + 1}.txt`), capture(seed, day, i + 1));
    });
  });

  it("writes 20 articles with their own dates and URLs from the text, the outlet from the URL", async () => {
    const out = join(dir, "articles");
    const report = await ingestInputs([join(dir, "in")], {
      outDir: out,
      dryRun: false,
      registries,
      toolVersion: "0.1.0",
      now: NOW,
    });
    expect(report.items.filter((i) => i.status !== "written").map((i) => `${i.input}: ${i.reason}`)).toEqual(
      [],
    );
    const articles = report.items.map((item) =>
      parseArticle(readFileSync(item.path ?? "", "utf8"), item.path ?? ""),
    );
    expect(new Set(articles.map((a) => a.date.slice(0, 10)))).toEqual(new Set(DAYS));
    for (const article of articles) {
      const day = article.date.slice(0, 10);
      expect(article.date_source).toBe("text");
      expect(article.source).toBe("moscow-times");
      expect(article.url).toBe(urlOf(day));
      expect(article.body).not.toMatch(/themoscowtimes\.com|^(?:URL|Date|Published|Source)\b/m);
      expect(article.body).not.toContain("March 2024\n");
    }
    // "Published: 1 March 2024 14:05": the time is kept.
    expect(articles.find((a) => a.date.startsWith("2024-03-01"))?.date).toBe("2024-03-01T14:05:00+00:00");
  });

  it("still takes --date over the dates in the text", async () => {
    const report = await ingestInputs([join(dir, "in")], {
      outDir: join(dir, "dry"),
      day: "2024-04-01",
      dryRun: true,
      registries,
      toolVersion: "0.1.0",
      now: NOW,
    });
    expect(report.items.map((i) => i.path?.includes("2024/04/"))).toEqual(DAYS.map(() => true));
  });
});

describeWithShared("a capture that names no outlet", SEED, () => {
  it("is written under the unknown outlet with a warning saying how to name it, never failed", async () => {
    // The seed without its URL: nothing in it says which outlet it is from.
    const seed = readFileSync(sharedPath(...SEED), "utf8").replace(/https?:\/\/\S+/g, "");
    const dir = mkdtempSync(join(tmpdir(), "capture-no-outlet-"));
    writeFileSync(join(dir, "capture.txt"), seed);
    const report = await ingestInputs([join(dir, "capture.txt")], {
      outDir: join(dir, "articles"),
      day: "2024-03-22",
      dryRun: false,
      registries: loadRegistries(),
      toolVersion: "0.1.0",
      now: NOW,
    });
    const [item] = report.items;
    expect(item?.status).toBe("written");
    expect(item?.warnings.join("\n")).toMatch(/unknown-outlet.*--source ID/);
    const article = parseArticle(readFileSync(item?.path as string, "utf8"), item?.path as string);
    expect(article.source).toBe("unknown-outlet");
    expect(article.title).toMatch(/Kremlin Planning New Mobilization/);
  });
});
