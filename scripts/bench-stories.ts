import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { tokenize } from "../src/ingest/tag.ts";
import { PROJECT_ROOT } from "../src/project.ts";
import { type StoryAssignment, StoryIndex, type StoryReport } from "../src/stories/assign.ts";
import { seededRandom } from "./bench/random.ts";
import { scriptOptions } from "./options.ts";

/**
 * `npm run bench:stories -- --articles 10000`: times the story assigner on a synthetic stream built
 * from the real headlines and BBC ledes of ../shared/corpora/news-dev, and prints articles per
 * second, total time and peak RSS, beside a peer from the same run: tokenising the same texts and
 * nothing else (the floor any assigner that reads the words pays).
 *
 * The stream: about 190 articles a day (a monitor's 70,000 a year) from 200 outlets; a third of
 * the articles retell an article of the last two days in other words (stories across outlets),
 * one in fifty repeats one word for word (wire copies), the rest are real headlines with a third of
 * their words swapped for words drawn from the corpus (new events on old subjects); half carry a
 * lede. A seeded generator makes every run the same stream.
 */

const SHARED_NEWS = resolve(PROJECT_ROOT, "../shared/corpora/news-dev");
const ARTICLES_PER_DAY = 190;
const OUTLETS = 200;
const RETELL_SHARE = 1 / 3;
const COPY_SHARE = 1 / 50;
const SWAP_SHARE = 1 / 3;
const LEDE_SHARE = 1 / 2;

function readTemplates(): { titles: string[]; ledes: string[]; words: string[] } {
  const lines = (name: string) =>
    readFileSync(resolve(SHARED_NEWS, name), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as { title?: unknown; lede?: unknown });
  const titles: string[] = [];
  const ledes: string[] = [];
  for (const item of [...lines("headlines.jsonl"), ...lines("bbc-items.jsonl")]) {
    if (typeof item.title === "string" && item.title) titles.push(item.title);
    if (typeof item.lede === "string" && item.lede) ledes.push(item.lede);
  }
  // Words as they occur, so a drawn word follows the corpus's own frequencies.
  const words = [...titles, ...ledes].flatMap((text) => text.split(/\s+/).filter(Boolean));
  return { titles, ledes, words };
}

/** The synthetic stream of `count` reports (see the module comment). */
export function syntheticStream(count: number, seed = 14): StoryReport[] {
  const { titles, ledes, words } = readTemplates();
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const reword = (text: string) =>
    text
      .split(/\s+/)
      .map((word) => (random() < SWAP_SHARE ? pick(words) : word))
      .join(" ");
  const start = Date.parse("2024-01-01T00:00:00Z");
  const reports: StoryReport[] = [];
  for (let i = 0; i < count; i++) {
    const date = new Date(start + (i / ARTICLES_PER_DAY) * 86_400_000 + random() * 3_600_000).toISOString();
    const source = `outlet-${Math.floor(random() * OUTLETS)}`;
    const roll = random();
    const recent = reports.slice(-2 * ARTICLES_PER_DAY);
    let title: string;
    let summary: string | undefined;
    if (roll < COPY_SHARE && recent.length > 0) {
      const original = pick(recent);
      title = original.title;
      summary = original.summary;
    } else if (roll < COPY_SHARE + RETELL_SHARE && recent.length > 0) {
      const original = pick(recent);
      title = reword(original.title);
      summary = original.summary === undefined ? undefined : reword(original.summary);
    } else {
      title = reword(pick(titles));
      summary = random() < LEDE_SHARE ? reword(pick(ledes)) : undefined;
    }
    reports.push({
      id: `a${i}`,
      url: `https://${source}.example/${i}`,
      source,
      language: "en",
      date,
      title,
      summary,
    });
  }
  return reports;
}

function main(): void {
  const values = scriptOptions(
    { options: { articles: { type: "string", default: "10000" } } },
    "npm run bench:stories -- [--articles N]",
  );
  const count = Number(values.articles);
  if (!Number.isInteger(count) || count <= 0) {
    console.error(`bench:stories: --articles must be a positive whole number (got "${values.articles}")`);
    process.exit(2);
  }
  if (!existsSync(SHARED_NEWS)) {
    console.error(
      `bench:stories builds its stream from ${SHARED_NEWS}, which is missing. Put the shared folder beside the project.`,
    );
    process.exit(1);
  }
  const stream = syntheticStream(count);

  let floor = performance.now();
  let tokens = 0;
  for (const report of stream) tokens += tokenize(`${report.title}\n${report.summary ?? ""}`).length;
  floor = (performance.now() - floor) / 1000;

  const index = new StoryIndex();
  const outcomes = { new: 0, joined: 0, duplicate: 0 };
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let assignment: StoryAssignment | undefined;
  for (const report of stream) {
    assignment = index.assign(report);
    outcomes[assignment.outcome]++;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const rssMb = process.resourceUsage().maxRSS / 1024;

  console.log(
    `stories: ${count.toLocaleString("en")} synthetic articles over ${Math.ceil(count / ARTICLES_PER_DAY)} days`,
  );
  console.log(
    `  assign:   ${seconds.toFixed(2)} s, ${Math.round(count / seconds).toLocaleString("en")} articles/s (${outcomes.new} new stories, ${outcomes.joined} joined, ${outcomes.duplicate} duplicates)`,
  );
  // On a shared machine the wall clock includes waiting for a core; CPU time does not.
  console.log(`  cpu:      ${cpuSeconds.toFixed(2)} s of CPU time for the assigner`);
  console.log(
    `  peer — tokenising the same texts only: ${floor.toFixed(2)} s (${tokens.toLocaleString("en")} tokens), ${Math.round(count / floor).toLocaleString("en")} articles/s`,
  );
  console.log(`  peak RSS: ${rssMb.toFixed(0)} MB`);
  const target = count <= 10_000 ? 10 : count <= 100_000 ? 120 : Infinity;
  if (Number.isFinite(target))
    console.log(
      `  target: under ${target} s for ${count <= 10_000 ? "10,000" : "100,000"} — ${seconds < target ? "met" : "MISSED"}`,
    );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) main();
