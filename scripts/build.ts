// `npm run build`: the digest from the articles folder into the output folder, indexed for search.
// DIGEST_ARTICLES, DIGEST_OUTPUT, DIGEST_CACHE and DIGEST_REGISTRY choose the folders (defaults
// articles/, _site/, .cache/build/ and registry/). Flags: --full ignores the cache (a clean build);
// --report FILE writes the build's figures as JSON (npm run bench:build reads it).
import { rmSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { moduleBeside } from "../src/project.ts";
import type { BuildReport } from "../src/site/build.ts";
import { startEarly, stopWorkersWhenPoolsClose } from "../src/worker-pool.ts";

// The build's first worker starts loading Eleventy now, on the other core, while this process loads
// the build's own modules (a third of a second before the build can start: a tenth of a build after
// one new article).
startEarly(moduleBeside(import.meta.url, "../src/site/build-worker"));
// One build per process: its workers stop as soon as the last page is rendered.
stopWorkersWhenPoolsClose();
const { ContentError, ContentErrors } = await import("../src/content/errors.ts");
const { buildSite, siteOptionsFromEnv } = await import("../src/site/build.ts");

try {
  const { values } = parseArgs({
    options: { full: { type: "boolean", default: false }, report: { type: "string" } },
    strict: true,
  });
  const options = siteOptionsFromEnv();
  if (values.full && options.cacheDir) rmSync(options.cacheDir, { recursive: true, force: true });
  console.log(`Building the digest from ${options.articlesDir}`);
  const started = performance.now();
  const report = await buildSite(options, (line) =>
    console.log(`${seconds(performance.now() - started).padStart(7)}  ${line}`),
  );
  console.log(`${stageLine(report)} · total ${seconds(performance.now() - started)}`);
  if (values.report) writeFileSync(values.report, `${JSON.stringify(report, null, 2)}\n`);
  // Done: the process ends here rather than letting go of its heap piece by piece on the way out
  // (a tenth of a second or more at 10,000 articles; everything is written and the workers have
  // stopped). Once the output is flushed, where standard output is asynchronous.
  process.stdout.write("", () => process.exit(0));
} catch (error) {
  const content = findContentError(error);
  if (content) {
    console.error(`Build stopped: ${content.message}`);
    process.exit(1);
  }
  if (error instanceof TypeError && (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error(`${error.message}. Usage: npm run build -- [--full] [--report FILE]`);
    process.exit(2);
  }
  throw error;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "load 0.4 s · model 0.2 s · …": where the build's time went. */
function stageLine(report: BuildReport): string {
  return report.stages.map((s) => `${s.name} ${seconds(s.wallMs)}`).join(" · ");
}

/** Eleventy wraps errors from plugins; dig out ours so the message names the file and the fix. */
function findContentError(error: unknown): Error | undefined {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if (e instanceof ContentError || e instanceof ContentErrors) return e;
    if (typeof e !== "object") break;
  }
  return undefined;
}
