// `npm run bench:search`: what search costs a reader on a 10,000-article digest, measured in Chromium.
//
// Writes a synthetic corpus (scripts/bench/synthetic-articles.ts) into a temp folder, builds our site from
// it, and builds a "plain setup" beside it: the same HTML with every data-pagefind-* attribute
// removed, indexed by Pagefind with its defaults and searched with a bare component UI page (what
// `npx pagefind --site` and the docs' snippet give). Both are served with netlify.toml's headers;
// for each, Chromium types a few queries and the script prints the bytes each query fetched and the
// time to first results.
//
// Bytes are response bodies as our local server sends them ("local") and, because Netlify
// compresses text responses and the local server does not, with each text body (JS, CSS, HTML,
// JSON) gzipped as Netlify would ("deployed"). Pagefind's index, fragment, filter and wasm files are
// gzipped by Pagefind already and count as they are.
//
// Options: BENCH_ARTICLES (default 10000), BENCH_KEEP=1 keeps the temp folder.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as pagefind from "pagefind";
import type { Page, Response } from "playwright-core";
import { buildSite } from "../src/site/build.ts";
import { launchChromium, serveLikeNetlify } from "../test/helpers/browser.ts";
import { canRun, chromium } from "../test/helpers/requirements.ts";
import { writeSyntheticArticles, writeSyntheticRegistry } from "./bench/synthetic-articles.ts";

const COUNT = Number(process.env.BENCH_ARTICLES ?? 10_000);
const QUERIES = ["Kharkiv", "mobilization", "election", "governor"];
const GOALS = { first: 150 * 1024, further: 60 * 1024 };
/** Pagefind's result list fetches fragments as results scroll into view; wait for it to settle. */
const QUIET_MS = 700;

if (!canRun(chromium)) process.exit(1);

const work = mkdtempSync(join(tmpdir(), "media-digest-bench-"));
const ours = join(work, "ours");
const plain = join(work, "plain");

try {
  const started = performance.now();
  const registryDir = writeSyntheticRegistry(join(work, "registry"));
  writeSyntheticArticles(join(work, "articles"), COUNT);
  console.log(`Wrote ${COUNT} synthetic articles in ${seconds(started)}`);

  let step = performance.now();
  const built = await buildSite({ articlesDir: join(work, "articles"), outputDir: ours, registryDir });
  console.log(
    `Built our site (${built.pages} files, ${built.indexed} article pages indexed) in ${seconds(step)}`,
  );

  step = performance.now();
  const plainPages = await buildPlainSetup(ours, plain);
  console.log(
    `Built the plain setup (${plainPages} pages indexed with Pagefind's defaults) in ${seconds(step)}`,
  );

  const oursResult = await measure(ours, "pagefind-results .search-result-title a");
  const plainResult = await measure(plain, "pagefind-results .pf-result-link");

  console.log(
    `\nSearch on ${COUNT} articles, bytes per query in Chromium (local = as served here, deployed = text gzipped as Netlify serves it)`,
  );
  console.log(
    `${"".padEnd(24)}${"ours local".padStart(12)}${"ours deployed".padStart(15)}${"plain local".padStart(13)}${"plain deployed".padStart(16)}${"ours ms".padStart(9)}${"plain ms".padStart(10)}`,
  );
  QUERIES.forEach((query, i) => {
    const o = oursResult.queries[i];
    const p = plainResult.queries[i];
    if (!o || !p) return;
    const label = `${i === 0 ? "first" : "next"} query "${query}"`;
    console.log(
      `${label.padEnd(24)}${kb(o.local).padStart(12)}${kb(o.deployed).padStart(15)}${kb(p.local).padStart(13)}${kb(p.deployed).padStart(16)}${String(o.ms).padStart(9)}${String(p.ms).padStart(10)}`,
    );
  });
  console.log(
    `${"search page itself".padEnd(24)}${kb(oursResult.page.local).padStart(12)}${kb(oursResult.page.deployed).padStart(15)}${kb(plainResult.page.local).padStart(13)}${kb(plainResult.page.deployed).padStart(16)}`,
  );
  for (const [name, result] of [
    ["ours", oursResult],
    ["plain", plainResult],
  ] as const) {
    console.log(`\n${name}: results per query ${result.queries.map((q) => q.summary).join(" | ")}`);
    console.log(`${name}: first query by kind (deployed) ${formatKinds(result.queries[0]?.kinds)}`);
    console.log(`${name}: second query by kind (deployed) ${formatKinds(result.queries[1]?.kinds)}`);
  }
  // What Pagefind fetches before it looks up a single word: its scripts, the wasm and the whole
  // index's metadata (a hash and word count per page, index chunk bounds, the date sort order).
  // It grows with the number of pages, not with the query, so it bounds the first query from below.
  const fixed = ["wasm", "pagefind.js", "pagefind-worker.js", "meta", "pagefind-entry.json"];
  const floor = (kinds: Map<string, number> | undefined) =>
    fixed.reduce((sum, kind) => sum + (kinds?.get(kind) ?? 0), 0);
  console.log(
    `\nBefore any word is looked up (${fixed.join(" + ")}): ours ${kb(floor(oursResult.queries[0]?.kinds))}, plain ${kb(floor(plainResult.queries[0]?.kinds))}`,
  );
  const first = oursResult.queries[0]?.deployed ?? 0;
  const further = Math.max(...oursResult.queries.slice(1).map((q) => q.deployed));
  console.log(
    `\nGoals (deployed bytes): first query ${kb(first)} (goal <= ${kb(GOALS.first)}: ${first <= GOALS.first ? "met" : "NOT met"}), ` +
      `worst further query ${kb(further)} (goal <= ${kb(GOALS.further)}: ${further <= GOALS.further ? "met" : "NOT met"})`,
  );
  console.log(`Total ${seconds(started)}`);
} finally {
  if (process.env.BENCH_KEEP) console.log(`Kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

/**
 * The plain setup: our built HTML without any data-pagefind-* attribute (so every page is indexed,
 * whole, split by language, with no filters, weights or sort), indexed by Pagefind's defaults, and a
 * search page with only the component UI's input, summary and results.
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

interface QueryResult extends Bytes {
  ms: number;
  summary: string;
}

/** Loads /search/, then types each query as a reader would and counts what each one fetched. */
async function measure(
  siteDir: string,
  resultLink: string,
): Promise<{ page: Bytes; queries: QueryResult[] }> {
  const server = await serveLikeNetlify(siteDir);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const counter = countResponses(page);
    await page.goto(`${server.url}/search/`);
    await page.waitForLoadState("load");
    await counter.settle();
    const pageBytes = counter.take();
    const queries: QueryResult[] = [];
    const input = page.locator("pagefind-input input");
    for (const query of QUERIES) {
      const begin = performance.now();
      await input.fill(query);
      await page
        .locator("pagefind-summary")
        .filter({ hasText: new RegExp(`for ${query}$`, "u") })
        .waitFor({ timeout: 60_000 });
      await page.locator(resultLink).first().waitFor({ timeout: 60_000 });
      const ms = Math.round(performance.now() - begin);
      await counter.settle();
      const summary = (await page.locator("pagefind-summary").textContent()) ?? "";
      queries.push({ ...counter.take(), ms, summary: summary.trim() });
    }
    return { page: pageBytes, queries };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Counts response bodies since the last `take()`, by kind of file. */
function countResponses(page: Page) {
  let bytes: Bytes = { local: 0, deployed: 0, kinds: new Map() };
  let pending: Promise<void>[] = [];
  let last = performance.now();
  page.on("response", (response: Response) => {
    last = performance.now();
    pending.push(
      response
        .body()
        .then((body) => {
          const kind = kindOf(response.url());
          if (kind === "/favicon.svg") return; // the browser fetches it whenever it likes; not search
          const deployed = isText(response.headers()["content-type"] ?? "")
            ? gzipSync(body).length
            : body.length;
          bytes.local += body.length;
          bytes.deployed += deployed;
          bytes.kinds.set(kind, (bytes.kinds.get(kind) ?? 0) + deployed);
        })
        .catch(() => {}),
    );
  });
  return {
    async settle() {
      while (performance.now() - last < QUIET_MS || pending.length > 0) {
        const waiting = pending;
        pending = [];
        await Promise.all(waiting);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    take(): Bytes {
      const taken = bytes;
      bytes = { local: 0, deployed: 0, kinds: new Map() };
      return taken;
    },
  };
}

function kindOf(url: string): string {
  const path = new URL(url).pathname;
  if (path.includes("/pagefind/fragment/")) return "fragments";
  if (path.includes("/pagefind/index/")) return "index";
  if (path.includes("/pagefind/filter/")) return "filters";
  if (path.endsWith(".pf_meta")) return "meta";
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
