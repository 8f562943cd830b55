import { join } from "node:path";
import { parseArgs } from "node:util";
import { dayProblem } from "../ingest/dates.ts";
import { DEFAULT_CONCURRENCY } from "../ingest/limits.ts";
import { REGISTRY_DIR, toolVersion } from "../project.ts";
import { EXIT, usageErrorOf } from "./exit.ts";

/**
 * `npm run ingest -- <inputs…> [options]`: parse arguments, run the pipeline, print, set the exit
 * code. The pipeline (readers, extraction, the registries' schemas: most of a second to load) is
 * loaded once the arguments are known to be good, so --help and usage errors answer at once.
 */

const USAGE = `usage: npm run ingest -- <input>... [options]

inputs: .txt captures, saved pages (.html, .htm, .gz of those), feeds (RSS, Atom,
JSON Feed, OPML lists of feeds), http(s) URLs, folders (walked), globs ("captures/**/*.txt")

  --source ID          outlet id from registry/sources.yaml (e.g. moscow-times); otherwise
                       resolved per article from its URL (unknown outlets are added to the registry)
  --date YYYY-MM-DD    publication day (otherwise from the page, feed or text, else the ingest time)
  --out DIR            articles folder (default: articles/)
  --registry DIR       registry folder: topics, and sources.yaml where new outlets are added
                       (default: $DIGEST_REGISTRY, else registry/)
  --fetch              fetch the pages of summary-only feed items and the feeds an OPML file lists
  --force              overwrite articles edited by hand (editor fields are kept either way)
  --allow-non-article  publish pages that are not articles (listings, …), flagged with a warning
  --concurrency N      URLs fetched at once across hosts (default ${DEFAULT_CONCURRENCY}; one host is always one at a time)
  --no-cache           do not use the HTTP cache in .cache/fetch/
  --dry-run            write nothing (articles or registry); report what would be written
  --json               machine-readable report on stdout (human text on stderr)
  --help               this text

exit codes: 0 no input failed, 1 some failed, 2 usage error`;

// Typed out: only a declared `never` ends the flow in the callers' type checks.
const usageError: (message: string) => never = usageErrorOf("ingest", USAGE);

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      source: { type: "string" },
      date: { type: "string" },
      out: { type: "string", default: "articles/" },
      registry: { type: "string" },
      fetch: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      "allow-non-article": { type: "boolean", default: false },
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
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length === 0) usageError("no input files given");
  if (values.date !== undefined) {
    const problem = dayProblem(values.date);
    if (problem) usageError(`--date ${problem}`);
  }
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1)
    usageError(`--concurrency "${values.concurrency}" is not a whole number of at least 1`);
  const registryDir = values.registry ?? process.env.DIGEST_REGISTRY ?? REGISTRY_DIR;
  const [{ loadRegistries }, { DEFAULT_CACHE_DIR, Fetcher }, { IngestLockedError }, { ingestInputs }] =
    await Promise.all([
      import("../content/registry.ts"),
      import("../ingest/fetch.ts"),
      import("../ingest/lock.ts"),
      import("../ingest/pipeline.ts"),
    ]);
  const [{ streamProgress }, { reportJson, reportText }] = await Promise.all([
    import("../ingest/progress.ts"),
    import("../ingest/report.ts"),
  ]);
  let registries: ReturnType<typeof loadRegistries>;
  try {
    registries = loadRegistries(registryDir);
  } catch (error) {
    // A broken registry fails every input alike; say so once, with the file and line it names.
    process.stderr.write(`ingest: cannot load the registries\n${(error as Error).message}\n`);
    return EXIT.someFailed;
  }
  const version = toolVersion();
  let report: Awaited<ReturnType<typeof ingestInputs>>;
  try {
    report = await ingestInputs(positionals, {
      outDir: values.out,
      ...(values.source !== undefined ? { source: values.source } : {}),
      ...(values.date !== undefined ? { day: values.date } : {}),
      dryRun: values["dry-run"],
      force: values.force,
      allowNonArticle: values["allow-non-article"],
      fetch: values.fetch,
      concurrency,
      registries,
      registryFile: join(registryDir, "sources.yaml"),
      fetcher: new Fetcher({
        userAgent: `media-digest/${version} (media-monitoring digest ingest)`,
        cacheDir: values["no-cache"] ? undefined : DEFAULT_CACHE_DIR,
      }),
      progress: streamProgress(process.stderr),
      toolVersion: version,
      now: new Date(),
    });
  } catch (error) {
    // Another ingest is writing the same folder: nothing was done, say who holds it.
    if (!(error instanceof IngestLockedError)) throw error;
    process.stderr.write(`ingest: ${error.message}\n`);
    return EXIT.someFailed;
  }
  const human = reportText(report);
  if (values.json) {
    process.stderr.write(`${human}\n`);
    process.stdout.write(`${JSON.stringify(reportJson(report), null, 2)}\n`);
  } else {
    process.stdout.write(`${human}\n`);
  }
  return report.items.some((item) => item.status === "failed") ? EXIT.someFailed : EXIT.ok;
}

process.exitCode = await main(process.argv.slice(2));
