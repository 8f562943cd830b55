import { existsSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { dayProblem } from "../ingest/dates.ts";
import { DEFAULT_CONCURRENCY } from "../ingest/limits.ts";
import { INGEST_INDEX_DIR, PROJECT_ROOT, REGISTRY_DIR, toolVersion } from "../project.ts";
import { EXIT, usageErrorOf } from "./exit.ts";

/**
 * `npm run ingest -- <inputs…> [options]`: parse arguments, run the pipeline, print, set the exit
 * code. The pipeline (readers, extraction, the registries' schemas: most of a second to load) is
 * loaded once the arguments are known to be good, so --help and usage errors answer at once.
 */

const USAGE = `usage: npm run ingest -- <input>... [options]
       npm run ingest -- --held [--out DIR]          list held drafts, with why each is held
       npm run ingest -- --publish ID [--out DIR]    publish a held draft (its id or file)

inputs: .txt captures, saved pages (.html, .htm, .gz of those), feeds (RSS, Atom,
JSON Feed, OPML lists of feeds), http(s) URLs, folders (walked), globs ("captures/**/*.txt")

A .txt capture may say where and when it was published on lines of its own, which are not
article text: "URL: https://…" or "Source: https://…", "Date: 2024-03-22" or
"Published: 22 March 2024 14:05" (anywhere in the file), or a bare URL or date line above the
headline, or a bare URL as the last line. Its outlet is then the URL's (added to the registry
if new), and its date the one written: captures of many days ingest in one run.

  --source ID          outlet id from registry/sources.yaml (e.g. moscow-times) for every input;
                       otherwise resolved per article from its URL (unknown outlets are added to
                       the registry). An id not in the registry is refused before anything is read
  --new-source "id=ID,name=NAME,url=URL,language=LANG"
                       register an outlet and use it for every input, as --source ID does: it is
                       appended to the registry's sources.yaml (not with --dry-run); e.g.
                       --new-source "id=meduza,name=Meduza,url=https://meduza.io,language=ru".
                       Repeating it with the same details is fine; an id or domain the registry
                       already has with other details is refused
  --date YYYY-MM-DD    publication day of every input (overrides the page, feed or text; without
                       one: from them, else the ingest time)
  --out DIR            articles folder (default: articles/)
  --registry DIR       registry folder: topics, and sources.yaml where new outlets are added
                       (default: $DIGEST_REGISTRY, else registry/)
  --fetch              fetch the pages of summary-only feed items and the feeds an OPML file lists
  --force              overwrite articles edited by hand (editor fields are kept either way)
  --allow-non-article  publish pages that are not articles (listings, …) at once, flagged with a
                       warning; without it they are written as held drafts (kept, not published:
                       see --held and --publish)
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
      "new-source": { type: "string" },
      date: { type: "string" },
      out: { type: "string", default: "articles/" },
      registry: { type: "string" },
      fetch: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      "allow-non-article": { type: "boolean", default: false },
      held: { type: "boolean", default: false },
      publish: { type: "string" },
      concurrency: { type: "string" },
      "no-cache": { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
}

/** `--held`: lists the held drafts of the articles folder; `--publish ID`: publishes one. */
async function heldDrafts(outDir: string, publish: string | undefined, json: boolean): Promise<number> {
  const [{ listHeld, publishHeld, PublishError }, { IngestLockedError }] = await Promise.all([
    import("../ingest/held.ts"),
    import("../ingest/lock.ts"),
  ]);
  if (publish !== undefined) {
    try {
      const draft = publishHeld(outDir, publish);
      process.stderr.write(
        `ingest: published ${draft.id} (${shortPath(draft.path)}), held as ${draft.reason}\n`,
      );
      if (json) process.stdout.write(`${JSON.stringify({ published: draft })}\n`);
      return EXIT.ok;
    } catch (error) {
      if (error instanceof PublishError) usageError(error.message);
      if (error instanceof IngestLockedError) {
        process.stderr.write(`ingest: ${error.message}\n`);
        return EXIT.someFailed;
      }
      throw error;
    }
  }
  const drafts = listHeld(outDir);
  if (json) process.stdout.write(`${JSON.stringify({ held: drafts })}\n`);
  else {
    for (const draft of drafts)
      process.stdout.write(`${draft.id}\t${shortPath(draft.path)}\t${draft.reason}\t${draft.title}\n`);
    process.stderr.write(
      drafts.length === 0
        ? `ingest: no held drafts in ${outDir}\n`
        : `ingest: ${drafts.length} held draft${drafts.length === 1 ? "" : "s"}; publish one with npm run ingest -- --publish ID\n`,
    );
  }
  return EXIT.ok;
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
  if (values.held || values.publish !== undefined) {
    if (positionals.length > 0) usageError("--held and --publish take no inputs");
    if (!existsSync(values.out))
      usageError(
        `--out ${values.out} does not exist: give the articles folder the drafts were ingested into`,
      );
    return heldDrafts(values.out, values.publish, values.json);
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
  // Said at once, before the pipeline loads (a few tenths of a second): the run has started.
  process.stderr.write(
    `ingest: ${positionals.length} input${positionals.length === 1 ? "" : "s"} into ${values.out}${values["dry-run"] ? " (dry run: nothing is written)" : ""}\n`,
  );
  const [
    { loadRegistries },
    { DEFAULT_CACHE_DIR, Fetcher },
    { IngestLockedError },
    { ingestInputs },
    { appendSourceToRegistry, knownSourcesLike, SourceError, sourceFromOption },
    { slugify },
    { toIsoUtc },
  ] = await Promise.all([
    import("../content/registry.ts"),
    import("../ingest/fetch.ts"),
    import("../ingest/lock.ts"),
    import("../ingest/pipeline.ts"),
    import("../ingest/sources.ts"),
    import("../content/ids.ts"),
    import("../ingest/dates.ts"),
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
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    process.stderr.write(
      `ingest: cannot load the registries\n${(error as Error).message}\n${
        missing
          ? `A registry folder holds topics.yaml and sources.yaml: copy the project's registry/ to ${registryDir} to start one, or leave out --registry.\n`
          : ""
      }`,
    );
    return EXIT.someFailed;
  }
  const sourcesFile = join(registryDir, "sources.yaml");
  const shownFile = shortPath(sourcesFile);
  const addHint = (id: string) =>
    `To add a new outlet, give its details instead: --new-source "id=${slugify(id) || "ID"},name=…,url=https://…,language=…"`;
  // The outlet every input is from, checked once before anything is read.
  let sourceId = values.source;
  const spec = values["new-source"];
  if (spec !== undefined) {
    let added: ReturnType<typeof sourceFromOption>;
    try {
      added = sourceFromOption(spec, registries.sources);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      usageError(`--new-source${error.message.startsWith('"') ? " " : ": "}${error.message}`);
    }
    const { source, isNew } = added;
    if (sourceId !== undefined && sourceId !== source.id)
      usageError(`--source ${sourceId} and --new-source id=${source.id} name two outlets; give one`);
    sourceId = source.id;
    const described = `"${source.id}" (${source.name}, ${source.domains.join(", ")}, ${source.language})`;
    if (!isNew) process.stderr.write(`ingest: source ${described} is already in ${shownFile}\n`);
    else {
      const sources = [...registries.sources, source];
      registries = { ...registries, sources, sourceById: new Map(sources.map((s) => [s.id, s])) };
      if (values["dry-run"])
        process.stderr.write(`ingest: new source ${described} for this run only (dry run: not saved)\n`);
      else {
        try {
          appendSourceToRegistry(
            sourcesFile,
            source,
            `added by ingest --new-source on ${toIsoUtc(new Date()).slice(0, 10)}; check its name, domains and language`,
          );
        } catch (error) {
          process.stderr.write(
            `ingest: cannot add source "${source.id}" to ${shownFile}: ${(error as Error).message}\n`,
          );
          return EXIT.someFailed;
        }
        process.stderr.write(`ingest: new source ${described} added to ${shownFile}\n`);
      }
    }
  } else if (sourceId !== undefined && !registries.sourceById.has(sourceId)) {
    usageError(
      `--source "${sourceId}" is not in ${shownFile}. ${knownSourcesLike(sourceId, registries.sources)} ${addHint(sourceId)}`,
    );
  }
  // Outlets a run discovers go into the registry it was given, or the project's when it writes the
  // project's articles; a run into another folder (a trial, an evaluation) leaves the project's
  // registry as it is unless asked (--registry or DIGEST_REGISTRY).
  const registryAsked = values.registry !== undefined || process.env.DIGEST_REGISTRY !== undefined;
  const saveOutlets = registryAsked || resolve(values.out) === resolve(PROJECT_ROOT, "articles");
  const version = toolVersion();
  let report: Awaited<ReturnType<typeof ingestInputs>>;
  try {
    report = await ingestInputs(positionals, {
      outDir: values.out,
      indexCache: INGEST_INDEX_DIR,
      ...(sourceId !== undefined ? { source: sourceId } : {}),
      ...(values.date !== undefined ? { day: values.date } : {}),
      dryRun: values["dry-run"],
      force: values.force,
      allowNonArticle: values["allow-non-article"],
      fetch: values.fetch,
      concurrency,
      registries,
      ...(saveOutlets ? { registryFile: sourcesFile } : {}),
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

/** A path as the operator would type it: relative to the working folder when inside it. */
function shortPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

process.exitCode = await main(process.argv.slice(2));
