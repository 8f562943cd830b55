import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_CONCURRENCY } from "../ingest/limits.ts";
import { INGEST_INDEX_DIR, REGISTRY_DIR, toolVersion } from "../project.ts";
import { EXIT, usageErrorOf } from "./exit.ts";

/**
 * `npm run update -- [options]`: poll the subscriptions that are due, ingest what is new, build the
 * site incrementally, print a summary per subscription, set the exit code. Modules are loaded once
 * the arguments are known to be good, so --help and usage errors answer at once.
 */

const USAGE = `usage: npm run update -- [options]

Polls what registry/subscriptions.yaml lists and is due (feeds, pages, OPML lists of feeds),
ingests new items as npm run ingest does, and builds the site incrementally.

  --registry DIR       registry folder: subscriptions.yaml, topics.yaml, sources.yaml
                       (default: $DIGEST_REGISTRY, else registry/)
  --out DIR            articles folder (default: articles/)
  --state FILE         what the last runs polled and found (default: state/subscriptions.json);
                       article-urls.json and redirects beside it (changed article URLs)
  --all                poll every subscription now, due or not
  --only ID[,ID…]      poll only these subscriptions, due or not
  --no-build           do not build the site (the scheduled workflow: Netlify builds after the push)
  --concurrency N      URLs fetched at once across hosts (default ${DEFAULT_CONCURRENCY}; one host is always one at a time)
  --no-cache           do not use the HTTP cache in .cache/fetch/ (no conditional requests)
  --dry-run            poll and report what would be written; write nothing (articles, state, site)
  --json               machine-readable report on stdout (human text on stderr)
  --help               this text

The build reads DIGEST_OUTPUT, DIGEST_CACHE and DIGEST_SITE_URL as npm run build does.

exit codes: 0 no subscription failed, 1 some failed (or the registry, the state file or the
build), 2 usage error`;

// Typed out: only a declared `never` ends the flow in the callers' type checks.
const usageError: (message: string) => never = usageErrorOf("update", USAGE);

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: false,
    strict: true,
    options: {
      registry: { type: "string" },
      out: { type: "string", default: "articles/" },
      state: { type: "string" },
      all: { type: "boolean", default: false },
      only: { type: "string" },
      "no-build": { type: "boolean", default: false },
      concurrency: { type: "string" },
      "no-cache": { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    usageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    usageError(`--concurrency "${values.concurrency}" is not a whole number of at least 1`);
  if (values.all && values.only !== undefined) usageError("--all and --only cannot go together");
  const only = values.only?.split(",").map((id) => id.trim());
  if (only?.some((id) => id === "")) usageError(`--only "${values.only}" names an empty id`);
  const registryDir = resolve(values.registry ?? process.env.DIGEST_REGISTRY ?? REGISTRY_DIR);
  const articlesDir = resolve(values.out);
  const stateFile = resolve(values.state ?? "state/subscriptions.json");
  const say = (line: string) => process.stderr.write(`update: ${line}\n`);

  const [{ loadRegistries }, { loadSubscriptions, subscriptionsFile }, { DEFAULT_CACHE_DIR }] =
    await Promise.all([
      import("../content/registry.ts"),
      import("../content/subscriptions.ts"),
      import("../ingest/fetch.ts"),
    ]);
  const [{ IngestLockedError }, { streamProgress }, { PrefetchingFetcher }, stateModule, reportModule] =
    await Promise.all([
      import("../ingest/lock.ts"),
      import("../ingest/progress.ts"),
      import("../update/prefetching-fetcher.ts"),
      import("../update/state.ts"),
      import("../update/report.ts"),
    ]);
  const { runUpdate } = await import("../update/update.ts");

  // ── registries, subscriptions, state ──
  let registries: ReturnType<typeof loadRegistries>;
  let subscriptions: ReturnType<typeof loadSubscriptions>;
  try {
    registries = loadRegistries(registryDir);
    subscriptions = loadSubscriptions(
      subscriptionsFile(registryDir),
      new Set(registries.sources.map((s) => s.id)),
    );
  } catch (error) {
    process.stderr.write(`update: cannot load the registries\n${(error as Error).message}\n`);
    return EXIT.someFailed;
  }
  const unknown = only?.filter((id) => !subscriptions.some((s) => s.id === id)) ?? [];
  if (unknown.length > 0)
    usageError(
      `--only names ${unknown.join(", ")}, not in ${subscriptionsFile(registryDir)} (known: ${subscriptions.map((s) => s.id).join(", ") || "none"})`,
    );
  if (subscriptions.length === 0) {
    // A fresh clone: nothing to poll, nothing to write; say where subscriptions go.
    const empty = { subscriptions: [], dryRun: values["dry-run"] };
    const text = `${reportModule.updateText(empty)}\n`;
    if (!values.json) process.stdout.write(text);
    else {
      process.stderr.write(text);
      process.stdout.write(`${JSON.stringify(reportModule.updateJson(empty), null, 2)}\n`);
    }
    return EXIT.ok;
  }
  let state: ReturnType<typeof stateModule.readState>;
  try {
    state = stateModule.readState(stateFile);
  } catch (error) {
    if (!(error instanceof stateModule.StateFileError)) throw error;
    say(error.message);
    state = { subscriptions: {} };
  }

  // ── poll and ingest ──
  const version = toolVersion();
  let result: Awaited<ReturnType<typeof runUpdate>>;
  try {
    result = await runUpdate({
      subscriptions,
      registries,
      registryFile: join(registryDir, "sources.yaml"),
      articlesDir,
      indexCache: INGEST_INDEX_DIR,
      state,
      now: new Date(),
      all: values.all,
      ...(only ? { only } : {}),
      dryRun: values["dry-run"],
      fetcher: new PrefetchingFetcher({
        userAgent: `media-digest/${version} (media-monitoring digest update)`,
        cacheDir: values["no-cache"] ? undefined : DEFAULT_CACHE_DIR,
      }),
      toolVersion: version,
      concurrency,
      progress: streamProgress(process.stderr),
      log: say,
    });
  } catch (error) {
    if (!(error instanceof IngestLockedError)) throw error;
    say(error.message);
    return EXIT.someFailed;
  }
  if (!values["dry-run"] && stateModule.writeState(stateFile, result.state))
    say(`state saved in ${stateFile}`);

  // ── redirects for article URLs that changed ──
  const redirects = await import("../update/redirects.ts");
  const ledgerFile = join(dirname(stateFile), "article-urls.json");
  if (!values["dry-run"])
    for (const [from, to] of redirects.updateRedirects(ledgerFile, articlesDir))
      say(`redirect: ${from} → ${to}`);

  // ── build ──
  let buildFailed = false;
  if (!values["dry-run"] && !values["no-build"])
    buildFailed = !(await build(
      articlesDir,
      registryDir,
      join(dirname(ledgerFile), redirects.REDIRECTS_FILE_NAME),
      say,
    ));

  const human = reportModule.updateText(result.report);
  if (values.json) {
    process.stderr.write(`${human}\n`);
    process.stdout.write(`${JSON.stringify(reportModule.updateJson(result.report), null, 2)}\n`);
  } else {
    process.stdout.write(`${human}\n`);
  }
  const failed = result.report.subscriptions.some((s) => s.status === "failed");
  return failed || buildFailed ? EXIT.someFailed : EXIT.ok;
}

/**
 * The incremental build of `npm run build`, in this process, then the redirects copied into the
 * site as Netlify's deploy does (netlify/plugins/redirects); false when it stopped (reason printed).
 */
async function build(
  articlesDir: string,
  registryDir: string,
  redirectsFile: string,
  say: (line: string) => void,
): Promise<boolean> {
  const [{ buildSite }, { siteOptionsFromEnv }, { ContentError, ContentErrors }] = await Promise.all([
    import("../site/build.ts"),
    import("../site/plugin.ts"),
    import("../content/errors.ts"),
  ]);
  const options = { ...siteOptionsFromEnv(), articlesDir, registryDir };
  const started = performance.now();
  try {
    const report = await buildSite(options, (line) => say(`build: ${line}`));
    const target = join(options.outputDir, "_redirects");
    const text = existsSync(redirectsFile) ? readFileSync(redirectsFile, "utf8") : undefined;
    if (text !== undefined && (!existsSync(target) || readFileSync(target, "utf8") !== text))
      writeFileSync(target, text);
    say(
      `build: ${report.articles} articles, ${report.rendered} of ${report.pages} pages rendered, ${report.written} files written, ${report.reindexedParts} search parts indexed, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    return true;
  } catch (error) {
    for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
      if (e instanceof ContentError || e instanceof ContentErrors) {
        say(`build stopped: ${e.message}`);
        return false;
      }
      if (typeof e !== "object") break;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
