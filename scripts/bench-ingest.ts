// `npm run bench:ingest -- --items N`: what ingesting full-text feed items costs, as an operator
// runs it (`npm run ingest`'s script in a fresh process, TypeScript start-up included).
//
// Writes the synthetic articles of scripts/bench/synthetic-articles.ts as RSS 2.0 feeds, one
// outlet per feed and at most FEED_ITEMS items each, the full text in content:encoded as
// outlets that publish full-text feeds do (paragraphs of HTML, 600–900 words), and a registry
// that knows the outlets (so no run appends to it). Then, each run in a fresh process:
//
//   1. every feed into an empty articles folder;
//   2. the same feeds again, as a poll that finds nothing new (every item unchanged);
//   3. one more feed of new items into the archive the first run wrote, to show what a large
//      archive adds to a small run.
//
// It prints per run the items and what became of them, wall and CPU time, peak memory of the
// process tree, and items per second (wall, start-up included).
//
// Options: --items N (default 10000), --keep (keep the temp folder and print it).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_FEED_ITEMS } from "../src/ingest/limits.ts";
import { PROJECT_ROOT } from "../src/project.ts";
import { type Measured, measure } from "./bench/process-tree.ts";
import { ARTICLE_WORDS, syntheticArticle, writeSyntheticRegistry } from "./bench/synthetic-articles.ts";
import { mib, seconds } from "./bench/units.ts";
import { scriptOptions } from "./options.ts";

/** The goal (issue 11): full-text feed items per second. */
const GOAL_ITEMS_PER_SECOND = 200;
const SEED = 13;
/**
 * Items per feed: a feed of 1,000 full-text Cyrillic items (MAX_FEED_ITEMS) passes ingest's 10 MB
 * input limit (MAX_INPUT_BYTES) and is refused whole, so the feeds here hold half that.
 */
const FEED_ITEMS = MAX_FEED_ITEMS / 2;
/** Items of the last run (new items into the archive the first run wrote). */
const LATE_ITEMS = 500;

const USAGE = "npm run bench:ingest -- [--items N] [--keep]";
const values = scriptOptions(
  { options: { items: { type: "string", default: "10000" }, keep: { type: "boolean", default: false } } },
  USAGE,
);
const COUNT = Number(values.items);
if (!Number.isInteger(COUNT) || COUNT < 1) {
  console.error(`Usage: ${USAGE}`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), "media-digest-bench-ingest-"));
const registryDir = writeSyntheticRegistry(join(work, "registry"));
const articlesDir = join(work, "articles");

try {
  const feeds = writeFeeds(join(work, "feeds"), 0, COUNT);
  const late = writeFeeds(join(work, "late-feeds"), COUNT, LATE_ITEMS);
  console.log(
    `Feeds: ${COUNT} full-text items (en/ru/uk, ${ARTICLE_WORDS.min}–${ARTICLE_WORDS.max} words) in ${feeds.length} RSS files of at most ${FEED_ITEMS} items, in ${work}\n`,
  );
  const first = await ingest("1. every feed, empty archive", feeds, COUNT);
  await ingest("2. the same feeds again (nothing new)", feeds, COUNT);
  await ingest(`3. ${LATE_ITEMS} new items into the ${COUNT}-article archive`, late, LATE_ITEMS);
  const rate = COUNT / (first.wallMs / 1000);
  console.log(
    `\nFull-text feed items: ${rate.toFixed(0)} items/s (goal >= ${GOAL_ITEMS_PER_SECOND}: ${rate >= GOAL_ITEMS_PER_SECOND ? "met" : "NOT met"})`,
  );
} finally {
  if (values.keep) console.log(`\nKept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

/** Runs the ingest CLI over `files` in a fresh process and prints what it did and cost. */
async function ingest(label: string, files: readonly string[], items: number): Promise<Measured> {
  const run = await measure(
    process.execPath,
    [
      join(PROJECT_ROOT, "scripts/run.mjs"),
      join(PROJECT_ROOT, "src/cli/ingest.ts"),
      ...files,
      "--out",
      articlesDir,
      "--registry",
      registryDir,
      "--json",
    ],
    { cwd: PROJECT_ROOT },
  );
  if (run.code > 1) throw new Error(`ingest exited with ${run.code}:\n${run.stderr.slice(-2000)}`);
  const report = JSON.parse(run.stdout) as {
    counts: Record<string, number>;
    items: { status: string; reason: string | null }[];
  };
  const { counts } = report;
  // Every item must come through: a benchmark that loses items measures the wrong thing.
  const lost = report.items.filter((item) => item.status === "failed" || item.status === "skipped");
  if (lost.length > 0 || Object.values(counts).reduce((a, b) => a + b, 0) !== items)
    throw new Error(
      `${label}: ${items} items in, ${JSON.stringify(counts)} out:\n${lost
        .slice(0, 5)
        .map((item) => item.reason)
        .join("\n")}`,
    );
  const outcome = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(", ");
  console.log(
    `${label}: ${items} items → ${outcome}\n` +
      `   ${seconds(run.wallMs)} wall, ${seconds(run.cpuMs)} CPU, peak RSS ${mib(run.peakRssBytes)}, ` +
      `${(items / (run.wallMs / 1000)).toFixed(0)} items/s (${(run.cpuMs / items).toFixed(2)} ms CPU an item)`,
  );
  return run;
}

/** Synthetic articles `from`…`from + count - 1` as RSS files under `dir`, one outlet per file. */
function writeFeeds(dir: string, from: number, count: number): string[] {
  mkdirSync(dir, { recursive: true });
  const bySource = new Map<string, ReturnType<typeof syntheticArticle>[]>();
  for (let i = from; i < from + count; i++) {
    const article = syntheticArticle(i, SEED, { words: ARTICLE_WORDS });
    bySource.set(article.source, [...(bySource.get(article.source) ?? []), article]);
  }
  for (const [source, articles] of bySource)
    for (let part = 0; part * FEED_ITEMS < articles.length; part++)
      writeFileSync(
        join(dir, `${source}-${from}-${part + 1}.xml`),
        rss(source, articles.slice(part * FEED_ITEMS, (part + 1) * FEED_ITEMS)),
      );
  return readdirSync(dir)
    .sort()
    .map((name) => join(dir, name));
}

function escapeXml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** An RSS 2.0 feed of an outlet, newest first, each item's text in content:encoded. */
function rss(source: string, articles: readonly ReturnType<typeof syntheticArticle>[]): string {
  const items = [...articles]
    .sort((a, b) => Date.parse(b.date) - Date.parse(a.date))
    .map((a) => {
      const html = a.body
        .split("\n\n")
        .map((p) => `<p>${escapeXml(p)}</p>`)
        .join("\n");
      return `    <item>
      <title>${escapeXml(a.title)}</title>
      <link>${escapeXml(a.url ?? "")}</link>
      <guid isPermaLink="true">${escapeXml(a.url ?? "")}</guid>
      <pubDate>${new Date(a.date).toUTCString()}</pubDate>
      <description>${escapeXml(a.summary ?? "")}</description>
      <content:encoded><![CDATA[${html}]]></content:encoded>
    </item>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>${escapeXml(source)}</title>
    <link>https://example.org/${escapeXml(source)}</link>
    <description>Synthetic full-text feed for the ingest benchmark</description>
    <language>${articles[0]?.language ?? "en"}</language>
${items}
  </channel>
</rss>
`;
}
