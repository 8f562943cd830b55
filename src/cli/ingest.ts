import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadRegistries } from "../content/registry.ts";
import { dayProblem } from "../ingest/dates.ts";
import { IngestLockedError } from "../ingest/lock.ts";
import { ingestFiles } from "../ingest/pipeline.ts";
import { reportJson, reportText } from "../ingest/report.ts";

/** `npm run ingest -- <files…> [options]`: parse arguments, run the pipeline, print, set the exit code. */

const USAGE = `usage: npm run ingest -- <file.txt>... [options]

  --source ID        outlet id from registry/sources.yaml (e.g. moscow-times)
  --date YYYY-MM-DD  publication day (otherwise from the text, else the ingest time)
  --out DIR          articles folder (default: articles/)
  --dry-run          write nothing; report what would be written
  --json             machine-readable report on stdout (human text on stderr)
  --help             this text

exit codes: 0 all inputs succeeded, 1 some failed, 2 usage error`;

/** Exit codes of the command. */
const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

function usageError(message: string): never {
  process.stderr.write(`ingest: ${message}\n\n${USAGE}\n`);
  process.exit(EXIT.usage);
}

function toolVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const version = (pkg as { version?: unknown }).version;
  return typeof version === "string" ? version : "unknown";
}

function main(argv: string[]): number {
  let parsed: ReturnType<typeof parse>;
  function parse(args: string[]) {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        source: { type: "string" },
        date: { type: "string" },
        out: { type: "string", default: "articles/" },
        "dry-run": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
  }
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
  let registries: ReturnType<typeof loadRegistries>;
  try {
    registries = loadRegistries();
  } catch (error) {
    // A broken registry fails every input alike; say so once, with the file and line it names.
    process.stderr.write(`ingest: cannot load the registries\n${(error as Error).message}\n`);
    return EXIT.someFailed;
  }
  let report: ReturnType<typeof ingestFiles>;
  try {
    report = ingestFiles(positionals, {
      outDir: values.out,
      ...(values.source !== undefined ? { source: values.source } : {}),
      ...(values.date !== undefined ? { day: values.date } : {}),
      dryRun: values["dry-run"],
      registries,
      toolVersion: toolVersion(),
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

process.exitCode = main(process.argv.slice(2));
