import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import { type AebIngestFigures, evaluateAebIngest } from "./eval/aeb-ingest.ts";
import { baselinePath, TARGETS, writeBaseline } from "./eval/baseline.ts";
import { corporaRoot, correctionsPath } from "./eval/corpora.ts";
import {
  type AebFigures,
  type Count,
  evaluateAeb,
  evaluateReadability,
  evaluateWcxb,
  type ReadabilityFigures,
  type WcxbFigures,
} from "./eval/measure.ts";
import { scriptOptions } from "./options.ts";

/**
 * `npm run eval:extraction [-- --corpus aeb|readability|wcxb] [--limit N] [--workers N] [--verbose]
 * [--dump FILE] [--write-baseline]`
 * Measures HTML extraction on the shared corpora (../shared/corpora) and prints the figures that
 * test/ingest/html/corpora.test.ts and corpora-quality.test.ts pin in
 * test/fixtures/extraction-baseline.json:
 *
 * - AEB: body shingle F1 of the extractor alone (the benchmark's evaluate.py metric,
 *   eval/shingles.ts), and of the whole ingest pipeline on the same pages (eval/aeb-ingest.ts),
 *   with how many pages it publishes (target: F1 ≥ 0.96, ≥ 180 of 181 published);
 * - Readability's test pages: title, byline, date, language;
 * - WCXB dev: must-contain / must-not-contain snippets scored as trafilatura scores its own set
 *   (eval/snippets.ts: TP/FP/FN/TN summed over pages, precision = TP/(TP+FP), recall =
 *   TP/(TP+FN), F1 = 2TP/(2TP+FP+FN); target F1 ≥ 0.93), the share of articles published (not
 *   flagged; target ≥ 99%) and of non-articles published unflagged (target ≤ 10%), dates, authors.
 *
 * `--dump FILE` writes WCXB's per-page results (page kind, snippet counts, F1) as JSON, for analysis.
 */

const values = scriptOptions(
  {
    options: {
      corpus: { type: "string", multiple: true },
      limit: { type: "string" },
      workers: { type: "string" },
      verbose: { type: "boolean", default: false },
      dump: { type: "string" },
      "write-baseline": { type: "boolean", default: false },
    },
  },
  "npm run eval:extraction -- [--corpus aeb|readability|wcxb]… [--limit N] [--workers N] [--verbose] [--dump FILE] [--write-baseline]",
);
const corpora = values.corpus ?? ["aeb", "readability", "wcxb"];
const unknown = corpora.filter((c) => !["aeb", "readability", "wcxb"].includes(c));
if (unknown.length > 0) {
  console.error(`unknown corpus ${unknown.join(", ")} (known: aeb, readability, wcxb)`);
  process.exit(2);
}
const limit = values.limit ? Number(values.limit) : undefined;
if (limit !== undefined && !(limit > 0)) {
  console.error(`--limit must be a positive number, got ${values.limit}`);
  process.exit(2);
}
if (values["write-baseline"] && (limit !== undefined || corpora.length < 3)) {
  console.error("--write-baseline needs every corpus in full (no --corpus, no --limit)");
  process.exit(2);
}
let aebFigures: AebFigures | undefined;
let aebIngestFigures: AebIngestFigures | undefined;
let readabilityFigures: ReadabilityFigures | undefined;
let wcxbFigures: WcxbFigures | undefined;
const fmt = (x: number) => x.toFixed(4);
const ofN = (c: Count) => `${c.correct} of ${c.total}`;
const share = (n: number, total: number) => (total ? `${((100 * n) / total).toFixed(1)}%` : "n/a");
const pct = (c: Count) => (c.total ? `${((100 * c.correct) / c.total).toFixed(1)}%` : "n/a");
const started = performance.now();
console.log(`corpora: ${corporaRoot}`);

if (corpora.includes("aeb")) {
  const aeb = evaluateAeb(limit);
  aebFigures = aeb;
  console.log(`\nAEB (${aeb.pages} pages; shingle F1 as in the benchmark's evaluate.py)`);
  console.log(`  F1 ${fmt(aeb.f1)}  precision ${fmt(aeb.precision)}  recall ${fmt(aeb.recall)}`);
  console.log(`  speed ${aeb.pagesPerSecond.toFixed(1)} pages/s (one thread, CPU time of extraction)`);
  console.log("  worst 10:");
  for (const w of aeb.worst)
    console.log(`    ${w.f1.toFixed(3)}  ${w.id.slice(0, 12)}  ${w.extractor.padEnd(13)} ${w.url}`);
  const ingest = await evaluateAebIngest(limit);
  aebIngestFigures = ingest;
  console.log(
    `\nAEB through ingest (ingestInputs on the saved pages, no URL given; temporary articles folder and registry)`,
  );
  console.log(
    `  F1 ${fmt(ingest.f1)}  precision ${fmt(ingest.precision)}  recall ${fmt(ingest.recall)}  (target F1 ≥ ${TARGETS.aebIngestF1})`,
  );
  console.log(
    `  published ${ingest.published} of ${ingest.pages} (target ≥ ${TARGETS.aebIngestPublished}); ${Object.entries(
      ingest.statuses,
    )
      .map(([status, n]) => `${n} ${status}`)
      .join(", ")}; ${ingest.seconds.toFixed(1)} s`,
  );
  for (const p of ingest.notPublished)
    console.log(`    ${p.status.padEnd(9)} ${p.id.slice(0, 12)}  ${p.url}  ${p.reason.slice(0, 160)}`);
  if (values.verbose) {
    console.log("  worst 10:");
    for (const w of ingest.worst) console.log(`    ${w.f1.toFixed(3)}  ${w.id.slice(0, 12)}  ${w.url}`);
  }
}

if (corpora.includes("readability")) {
  const r = evaluateReadability(limit);
  readabilityFigures = r;
  console.log(`\nReadability test pages (${r.pages} pages)`);
  for (const [name, count] of [
    ["title", r.title],
    ["byline", r.byline],
    ["published date", r.published],
    ["language", r.language],
  ] as const) {
    const exact =
      count.exact !== undefined ? ` (${count.exact} of ${count.total} character for character)` : "";
    console.log(`  ${name.padEnd(15)} ${ofN(count)}${exact}`);
    if (count.corrected !== undefined)
      console.log(
        `  ${"".padEnd(15)} ${count.corrected} of ${count.total} with the reference's documented errors corrected (${relative(process.cwd(), correctionsPath)})`,
      );
    if (values.verbose) for (const miss of count.misses) console.log(`      ${miss}`);
  }
}

if (corpora.includes("wcxb")) {
  const workers = values.workers ? Number(values.workers) : 2;
  const w = await evaluateWcxb({ ...(limit ? { limit } : {}), workers });
  wcxbFigures = w;
  console.log(`\nWCXB dev (${w.pages} pages, ${workers} worker processes, 30 s limit per page)`);
  console.log(`  crashes ${w.crashes.length}  hangs ${w.hangs.length}`);
  for (const crash of w.crashes) console.log(`    crash ${crash}`);
  for (const hang of w.hangs) console.log(`    hang ${hang}`);
  console.log(
    `  article pages: date ${ofN(w.date)} (${pct(w.date)}), author ${ofN(w.author)} (${pct(w.author)})`,
  );
  console.log(
    `  article pages: date matching our published or modified date ${ofN(w.dateEither)} (${pct(w.dateEither)})`,
  );
  console.log(
    `  article pages: body F1 ${fmt(w.articleBody.f1)} (P ${fmt(w.articleBody.precision)}, R ${fmt(w.articleBody.recall)}); wrongly flagged ${ofN(w.articlesRefused)}`,
  );
  console.log(
    `  non-article pages refused/flagged: ${ofN(w.nonArticlesRefused)} (${pct(w.nonArticlesRefused)})`,
  );
  const articlesPublished = w.articlesRefused.total - w.articlesRefused.correct;
  const nonArticlesUnflagged = w.nonArticlesRefused.total - w.nonArticlesRefused.correct;
  console.log(
    `  articles published ${articlesPublished} of ${w.articlesRefused.total} (${share(articlesPublished, w.articlesRefused.total)}; target ≥ ${TARGETS.wcxbArticlesPublishedShare * 100}%); non-articles published unflagged ${nonArticlesUnflagged} of ${w.nonArticlesRefused.total} (${share(nonArticlesUnflagged, w.nonArticlesRefused.total)}; target ≤ ${TARGETS.wcxbNonArticlesUnflaggedShare * 100}%)`,
  );
  for (const [name, s] of [
    ["all pages", w.snippets],
    ["article pages", w.snippetsArticles],
  ] as const)
    console.log(
      `  snippets (trafilatura's metric), ${name.padEnd(13)}: F1 ${fmt(s.f1)}  precision ${fmt(s.precision)}  recall ${fmt(s.recall)}  (TP ${s.tp} FP ${s.fp} FN ${s.fn} TN ${s.tn})${name === "all pages" ? `; target F1 ≥ ${TARGETS.wcxbSnippetF1}` : ""}`,
    );
  for (const [type, t] of Object.entries(w.byType).sort())
    console.log(`    ${type.padEnd(14)} ${t.refused} of ${t.pages} flagged`);
  if (values.dump) {
    writeFileSync(values.dump, `${JSON.stringify(w.pageResults, null, 1)}\n`);
    console.log(`  per-page results written to ${values.dump}`);
  }
  if (values.verbose) {
    for (const miss of w.articlesRefused.misses) console.log(`      wrongly flagged ${miss}`);
    for (const miss of w.date.misses) console.log(`      date ${miss}`);
    for (const miss of w.author.misses) console.log(`      author ${miss}`);
  }
}
if (values["write-baseline"] && aebFigures && aebIngestFigures && readabilityFigures && wcxbFigures) {
  writeBaseline(aebFigures, aebIngestFigures, readabilityFigures, wcxbFigures);
  console.log(`\nbaseline written to ${baselinePath}`);
}
console.log(`\nwall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
