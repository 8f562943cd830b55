import { type SourceRules, sourceForUrl } from "../content/registry.ts";
import { toIsoUtc } from "./dates.ts";
import { resolveLanguage } from "./language.ts";
import type { IngestOptions } from "./pipeline.ts";
import type { ExtractedDocument } from "./readers/types.ts";
import {
  appendSourceToRegistry,
  newSourceEntry,
  sourceById,
  sourceByName,
  UNKNOWN_OUTLET,
} from "./sources.ts";
import { hostOf } from "./urls.ts";

/**
 * The outlet of each document (src/ingest/pipeline.ts lists the stages): from `--source`, the
 * reader, the registry, or a new registry entry (src/ingest/sources.ts keeps the registry file).
 */

/** What resolving outlets needs of a run: its options, and the outlets known so far (it adds to them). */
export interface OutletContext {
  options: Pick<IngestOptions, "source" | "dryRun" | "registryFile" | "now">;
  /** The registry's outlets plus those created during this run. */
  sources: SourceRules[];
}

/**
 * The outlet of a document: --source, the reader's, the registry by URL; for a page without a URL,
 * the registry by the page's site name (og:site_name, JSON-LD publisher, the feed's title); else a
 * new outlet from the URL's host or the site name, or the one "unknown outlet" (with a warning:
 * never a failure, the article is kept).
 */
export function outletOf(
  doc: ExtractedDocument,
  url: string | undefined,
  run: OutletContext,
  warnings: string[],
): SourceRules {
  const { options } = run;
  if (options.source !== undefined) return sourceById(doc.input, options.source, run.sources);
  if (doc.source) return doc.source;
  const known = url ? sourceForUrl(run.sources, url) : undefined;
  if (known) return known;
  const host = url ? hostOf(url) : undefined;
  if (!host) {
    const named = doc.siteName ? sourceByName(run.sources, doc.siteName) : undefined;
    if (named) return named;
    const unknown = !doc.siteName && run.sources.find((s) => s.id === UNKNOWN_OUTLET.id);
    if (unknown) {
      warnings.push(
        `no URL and no site name in it: filed under "${UNKNOWN_OUTLET.id}". Pass --source ID, or set its source by hand`,
      );
      return unknown;
    }
  }
  const language = resolveLanguage(doc.paragraphs.join("\n"), doc.language).language;
  const created = newSourceEntry(host, doc.siteName, language, new Set(run.sources.map((s) => s.id)));
  run.sources.push(created);
  const where = options.dryRun
    ? "for this run only (dry run: not saved)"
    : !options.registryFile
      ? "for this run only (not saved: the run writes outside the project's articles folder; pass --registry DIR to keep new outlets)"
      : `in ${options.registryFile}`;
  if (!options.dryRun && options.registryFile)
    appendSourceToRegistry(
      options.registryFile,
      created,
      `added by ingest on ${toIsoUtc(options.now).slice(0, 10)} from ${url ?? doc.input}; check name and language`,
    );
  const seen =
    host ??
    (doc.siteName ? `"${doc.siteName}" (a page without a URL)` : "of a page with no URL and no site name");
  warnings.push(
    `unknown outlet ${seen}: created source "${created.id}" (name "${created.name}", language ${created.language}) ${where}; check its name and language`,
  );
  return created;
}
