import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadPlaces, type Place } from "../content/places.ts";
import { loadTopics, REGISTRY_DIR } from "../content/registry.ts";
import { IngestLockedError } from "../ingest/lock.ts";
import { compilePlaces } from "../ingest/places.ts";
import { retagArticles, retagSummary } from "../ingest/retag.ts";
import { compileTopics } from "../ingest/tag.ts";
import { EXIT, usageErrorOf } from "./exit.ts";

/** `npm run retag -- [options]`: parse arguments, retag the articles folder, print, set the exit code. */

const USAGE = `usage: npm run retag -- [options]

Re-applies registry/topics.yaml and registry/places.yaml to every article: rewrites topics,
places and their evidence in the files whose tags change, and nothing else (topics_override and
other editor fields are kept).

  --dir DIR       articles folder (default: articles/)
  --topics FILE   topic registry to apply (default: registry/topics.yaml)
  --places FILE   place registry to apply (default: registry/places.yaml; missing: no places)
  --dry-run       write nothing; report what would change
  --json          machine-readable report on stdout (human text on stderr)
  --help          this text

exit codes: 0 done, 1 some files could not be read or the registry is broken, 2 usage error`;

// Typed out: only a declared `never` ends the flow in the callers' type checks.
const usageError: (message: string) => never = usageErrorOf("retag", USAGE);

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: false,
    strict: true,
    options: {
      dir: { type: "string", default: "articles/" },
      topics: { type: "string", default: join(REGISTRY_DIR, "topics.yaml") },
      places: { type: "string", default: join(REGISTRY_DIR, "places.yaml") },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
}

function main(argv: string[]): number {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse(argv).values;
  } catch (error) {
    usageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (!existsSync(values.dir)) usageError(`--dir ${values.dir} does not exist`);
  let topics: ReturnType<typeof loadTopics>;
  let places: Place[];
  try {
    topics = loadTopics(values.topics);
    places = loadPlaces(values.places);
  } catch (error) {
    process.stderr.write(`retag: cannot load the registry\n${(error as Error).message}\n`);
    return EXIT.someFailed;
  }
  let report: ReturnType<typeof retagArticles>;
  try {
    report = retagArticles(values.dir, compileTopics(topics), {
      dryRun: values["dry-run"],
      places: compilePlaces(places),
    });
  } catch (error) {
    // Another ingest or retag holds the folder: say who, and retry later.
    if (!(error instanceof IngestLockedError)) throw error;
    process.stderr.write(`retag: ${error.message}\n`);
    return EXIT.someFailed;
  }
  const human = retagSummary(report);
  if (values.json) {
    process.stderr.write(human);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(human);
  }
  return report.failed.length > 0 ? EXIT.someFailed : EXIT.ok;
}

process.exitCode = main(process.argv.slice(2));
