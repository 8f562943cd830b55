// `npm run bench:search -- --articles N`: what search costs a reader of an N-article digest, in
// Chromium, beside a plain Pagefind setup of the same pages.
//
// Writes the synthetic corpus of bench:build (scripts/bench/synthetic-articles.ts: en/ru/uk bodies of
// 600–900 words), builds our site from it, and builds a "plain setup" beside it: the same HTML with
// every data-pagefind-* attribute removed, indexed by Pagefind with its defaults in one bundle, and
// searched with a bare component UI page (what `npx pagefind --site` and the docs' snippet give).
// Both are served with netlify.toml's headers; for each, Chromium types a few queries and the script
// prints, per query, the bytes fetched before the first result shows and before the results are
// complete (ours loads the newest parts of its index first and merges the rest after the first
// results: src/site/search-parts.ts), and the time to each.
//
// Bytes are response bodies as our local server sends them ("local") and, because Netlify
// compresses text responses and the local server does not, with each text body (JS, CSS, HTML,
// JSON) gzipped as Netlify would ("deployed"). Pagefind's index, fragment, filter and wasm files are
// gzipped by Pagefind already and count as they are.
//
// Options: --articles N (default 10000, or BENCH_ARTICLES), --keep (keep the temp folder and print
// its path), --reuse DIR (measure the sites a --keep run left in DIR again, without building them).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import type { Page, Request, Response } from "playwright-core";
import { buildSite } from "../src/site/build.ts";
import { launchChromium, serveLikeNetlify } from "../test/helpers/browser.ts";
import { canRun, chromium } from "../test/helpers/requirements.ts";
import { ARTICLE_WORDS, writeSyntheticArticles, writeSyntheticRegistry } from "./bench/synthetic-articles.ts";
import { scriptOptions } from "./options.ts";

const USAGE = "npm run bench:search -- [--articles N] [--keep] [--reuse DIR]";
const values = scriptOptions(
  {
    options: {
      articles: { type: "string", default: process.env.BENCH_ARTICLES ?? "10000" },
      keep: { type: "boolean", default: false },
      reuse: { type: "string" },
    },
  },
  USAGE,
);
const COUNT = Number(values.articles);
if (!Number.isInteger(COUNT) || COUNT < 1) {
  console.error(`Usage: ${USAGE}`);
  process.exit(2);
}
const QUERIES = ["Kharkiv", "mobilization", "election", "governor"];
/** Issue 11's goal: the first results of the first query within this many deployed bytes. */
const FIRST_RESULTS_GOAL = 150 * 1024;
/** Pagefind's result list fetches fragments as results scroll into view; wait for it to settle. */
const QUIET_MS = 700;

if (!canRun(chromium)) process.exit(1);

const work = values.reuse ?? mkdtempSync(join(tmpdir(), "media-digest-bench-search-"));
const ours = join(work, "ours");
const plain = join(work, "plain");

try {
  const started = performance.now();
  if (!values.reuse) await buildBoth(started);
  else if (!existsSync(join(ours, "pagefind")) || !existsSync(join(plain, "pagefind"))) {
    throw new Error(
      `${values.reuse} holds no sites to measure: give --reuse the folder a --keep run printed`,
    );
  }

  const oursResult = await measure(ours, "pagefind-results .search-result-title a", true);
  const plainResult = await measure(plain, "pagefind-results .pf-result-link", false);

  const articles = partsManifest(ours).reduce((n, part) => n + part.pages, 0);
  console.log(
    `\nSearch on ${articles} articles: bytes each query fetched in Chromium, text gzipped as Netlify serves it`,
  );
  const rows: string[][] = [
    ["", "first results", "", "complete", "", "ms to first", "", "ms to complete", ""],
    ["", "ours", "plain", "ours", "plain", "ours", "plain", "ours", "plain"],
  ];
  QUERIES.forEach((query, i) => {
    const o = oursResult.queries[i];
    const p = plainResult.queries[i];
    if (!o || !p) return;
    rows.push([
      `${i === 0 ? "first" : "next"} query "${query}"`,
      kb(o.first.deployed),
      kb(p.first.deployed),
      kb(o.complete.deployed),
      kb(p.complete.deployed),
      String(o.firstMs),
      String(p.firstMs),
      String(o.completeMs),
      String(p.completeMs),
    ]);
  });
  rows.push(["the search page itself", kb(oursResult.page.deployed), kb(plainResult.page.deployed)]);
  for (const row of rows)
    console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(26) : cell.padStart(10))).join(""));
  for (const [name, result] of [
    ["ours", oursResult],
    ["plain", plainResult],
  ] as const) {
    console.log(`\n${name}: results per query ${result.queries.map((q) => q.summary).join(" | ")}`);
    const first = result.queries[0];
    console.log(
      `${name}: first query, before the first results (deployed) ${formatKinds(first?.first.kinds)}`,
    );
    if (name === "ours")
      console.log(
        `${name}: first query, the rest of the archive (deployed) ${formatKinds(first?.rest.kinds)}`,
      );
    console.log(`${name}: second query (deployed) ${formatKinds(result.queries[1]?.complete.kinds)}`);
  }
  const first = oursResult.queries[0]?.first.deployed ?? 0;
  console.log(
    `\nGoal: the first query's first results in <= ${kb(FIRST_RESULTS_GOAL)} (deployed): ${kb(first)}, ${first <= FIRST_RESULTS_GOAL ? "met" : "NOT met"}`,
  );
  console.log(`Total ${seconds(started)}`);
} finally {
  if (values.keep) console.log(`Kept ${work}`);
  else if (!values.reuse) rmSync(work, { recursive: true, force: true });
}

/** Writes the corpus and builds our site and the plain setup from it. */
async function buildBoth(started: number): Promise<void> {
  const registryDir = writeSyntheticRegistry(join(work, "registry"));
  writeSyntheticArticles(join(work, "articles"), COUNT, 11, { words: ARTICLE_WORDS });
  console.log(`Wrote ${COUNT} synthetic articles in ${seconds(started)}`);

  let step = performance.now();
  const built = await buildSite({
    articlesDir: join(work, "articles"),
    outputDir: ours,
    registryDir,
    cacheDir: join(work, "cache"),
  });
  console.log(
    `Built our site (${built.pages} pages, ${built.indexed} articles in ${built.searchParts} search parts) in ${seconds(step)}`,
  );

  step = performance.now();
  const plainPages = await buildPlainSetup(ours, plain);
  console.log(
    `Built the plain setup (${plainPages} pages indexed with Pagefind's defaults) in ${seconds(step)}`,
  );
}

function partsManifest(site: string): { pages: number }[] {
  const manifest = JSON.parse(readFileSync(join(site, "pagefind", "parts.json"), "utf8")) as {
    parts: { pages: number }[];
  };
  return manifest.parts;
}

/**
 * The plain setup: our built HTML without any data-pagefind-* attribute (so every page is indexed,
 * whole, split by language, with no filters, weights or sort), indexed by Pagefind with its
 * defaults into one bundle, and a search page with only the component UI's input, summary and results.
 */
async function buildPlainSetup(from: string, to: string): Promise<number> {
  await cp(from, to, { recursive: true, filter: (src) => !src.startsWith(join(from, "pagefind")) });
  for (const file of htmlFiles(to)) {
    const html = readFileSync(file, "utf8");
    writeFileSync(file, html.replace(/\sdata-pagefind-[a-z-]+(?:="[^"]*")?/gu, ""));
  }
  writeFileSync(
    join(to, "search", "index.html"),
    [
      "<!doctype html>",
      '<html lang="en"><head><meta charset="utf-8"><title>Search</title>',
      '<link rel="stylesheet" href="/pagefind/pagefind-component-ui.css">',
      '<script src="/pagefind/pagefind-component-ui.js" defer></script></head>',
      "<body><main><pagefind-input></pagefind-input><pagefind-summary></pagefind-summary>",
      "<pagefind-results></pagefind-results></main></body></html>",
    ].join("\n"),
  );
  const { index, errors } = await pagefind.createIndex();
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: to });
    await index.writeFiles({ outputPath: join(to, "pagefind") });
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".html"))
    .map((f) => join(dir, f));
}

interface Bytes {
  local: number;
  deployed: number;
  kinds: Map<string, number>;
}

interface QueryResult {
  /** What was fetched before the first result showed. */
  first: Bytes;
  /** After that, until the results were complete (ours: the rest of the archive merged in). */
  rest: Bytes;
  complete: Bytes;
  firstMs: number;
  completeMs: number;
  summary: string;
}

/** Loads /search/, then types each query as a reader would and counts what each one fetched. */
async function measure(
  siteDir: string,
  resultLink: string,
  parted: boolean,
): Promise<{ page: Bytes; queries: QueryResult[] }> {
  const server = await serveLikeNetlify(siteDir);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const fetched = recordFetches(page);
    // The moment a result link is added to the page (a new one: the previous query's stay until
    // replaced), seen from here as requests are, so both are timed on one clock.
    let firstResultAt: number | undefined;
    await page.exposeFunction("benchResultShown", () => {
      firstResultAt ??= performance.now();
    });
    // A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks.
    await page.addInitScript({
      content: `new MutationObserver((mutations) => {
        const shown = (node) => node instanceof Element && (node.matches(${JSON.stringify(resultLink)}) || node.querySelector(${JSON.stringify(resultLink)}) !== null);
        if (mutations.some((m) => Array.from(m.addedNodes).some(shown))) window.benchResultShown();
      }).observe(document, { subtree: true, childList: true });`,
    });
    await page.goto(`${server.url}/search/`);
    await page.waitForLoadState("load");
    await fetched.settle();
    const pageBytes = bytesOf(fetched.take());
    const queries: QueryResult[] = [];
    const input = page.locator("pagefind-input input");
    for (const query of QUERIES) {
      firstResultAt = undefined;
      const begin = performance.now();
      await input.fill(query);
      while (firstResultAt === undefined) {
        if (performance.now() - begin > 120_000) throw new Error(`No result for "${query}" in 2 minutes`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const shownAt = firstResultAt;
      if (parted) await page.locator('#search[data-search-parts="complete"]').waitFor({ timeout: 300_000 });
      await page
        .locator("pagefind-summary")
        .filter({ hasText: new RegExp(`for ${query}$`, "u") })
        .waitFor({ timeout: 300_000 });
      await fetched.settle();
      const completeMs = Math.round(performance.now() - begin - QUIET_MS);
      const all = fetched.take();
      const first = bytesOf(all.filter((f) => f.requestedAt < shownAt));
      const rest = bytesOf(all.filter((f) => f.requestedAt >= shownAt));
      const summary = (await page.locator("pagefind-summary").textContent()) ?? "";
      queries.push({
        first,
        rest,
        complete: bytesOf(all),
        firstMs: Math.round(shownAt - begin),
        completeMs,
        summary: summary.trim(),
      });
    }
    return { page: pageBytes, queries };
  } finally {
    await browser.close();
    await server.close();
  }
}

interface Fetched {
  kind: string;
  requestedAt: number;
  local: number;
  deployed: number;
}

function bytesOf(fetched: Fetched[]): Bytes {
  const kinds = new Map<string, number>();
  for (const f of fetched) kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + f.deployed);
  return {
    local: fetched.reduce((n, f) => n + f.local, 0),
    deployed: fetched.reduce((n, f) => n + f.deployed, 0),
    kinds,
  };
}

/** Records every response body since the last `take()`, with the time its request was made. */
function recordFetches(page: Page) {
  let fetched: Fetched[] = [];
  let pending: Promise<void>[] = [];
  let last = performance.now();
  const requested = new WeakMap<Request, number>();
  page.on("request", (request) => {
    last = performance.now();
    requested.set(request, last);
  });
  page.on("response", (response: Response) => {
    last = performance.now();
    const requestedAt = requested.get(response.request()) ?? last;
    pending.push(
      response
        .body()
        .then((body) => {
          const kind = kindOf(response.url());
          if (kind === "/favicon.svg") return; // the browser fetches it whenever it likes; not search
          const deployed = isText(response.headers()["content-type"] ?? "")
            ? gzipSync(body).length
            : body.length;
          fetched.push({ kind, requestedAt, local: body.length, deployed });
        })
        .catch(() => {}),
    );
  });
  return {
    /** Waits until nothing has been requested or answered for QUIET_MS. */
    async settle() {
      while (performance.now() - last < QUIET_MS || pending.length > 0) {
        const waiting = pending;
        pending = [];
        await Promise.all(waiting);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    take(): Fetched[] {
      const taken = fetched;
      fetched = [];
      return taken;
    },
  };
}

function kindOf(url: string): string {
  const path = new URL(url).pathname;
  if (path.includes("/fragment/")) return "fragments";
  if (path.includes("/index/")) return "index";
  if (path.includes("/filter/")) return "filters";
  if (path.endsWith(".pf_meta")) return "meta";
  if (path.endsWith("pagefind-entry.json")) return "entries";
  if (path.includes("/pagefind/wasm.")) return "wasm";
  if (path.startsWith("/pagefind/")) return path.slice("/pagefind/".length);
  return path;
}

function isText(type: string): boolean {
  return /text\/|javascript|json|css|xml|svg/u.test(type);
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KB`;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function formatKinds(kinds: Map<string, number> | undefined): string {
  return [...(kinds ?? new Map<string, number>())]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, n]) => `${kind} ${kb(n)}`)
    .join(", ");
}
