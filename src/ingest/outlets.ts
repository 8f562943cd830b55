import { type Registries, type SourceRules, sourceForUrl } from "../content/registry.ts";
import { toIsoUtc } from "./dates.ts";
import { resolveLanguage } from "./language.ts";
import type { IngestOptions } from "./pipeline.ts";
import { textDocument } from "./readers/text.ts";
import type { ExtractedDocument, TextCapture } from "./readers/types.ts";
import {
  appendSourceToRegistry,
  newSourceEntry,
  SourceError,
  sourceById,
  sourceByName,
  sourceFromText,
  UNKNOWN_OUTLET,
} from "./sources.ts";
import { hostOf } from "./urls.ts";

/**
 * The outlet of each document (src/ingest/pipeline.ts lists the stages): from `--source`, the
 * reader, the registry, or a new registry entry (src/ingest/sources.ts keeps the registry file).
 * A text capture is cleaned by its outlet's rules and learned recurring lines, so its outlet is
 * found first and its document made here (`captureDocument`).
 */

/** What cleaning a capture needs of a run: `--source`, the registries, the outlets' learned lines. */
export interface CaptureContext {
  source?: string;
  registries: Registries;
  /** Lines recurring in many captures of an outlet (learned boilerplate), by outlet id (./existing.ts). */
  recurring: (sourceId: string) => ReadonlySet<string>;
}

/**
 * A capture's outlet: `--source`; else the outlet of its URL line, or none when no outlet has that
 * URL's domain (`outletOf` then adds one); else the first known domain among the URLs in its text;
 * else none (`outletOf` files it under the unknown outlet, with a warning). Throws a SourceError
 * for an unknown `--source`. Its document and the learning of recurring lines (./existing.ts) both
 * ask here, so a capture teaches the outlet it is cleaned as.
 */
export function captureOutlet(
  input: string,
  { draft, header }: TextCapture,
  context: Pick<CaptureContext, "source" | "registries">,
): SourceRules | undefined {
  return context.source === undefined && header.url
    ? sourceForUrl(context.registries.sources, header.url)
    : sourceFromText(input, draft.lines.join("\n"), context.source, context.registries);
}

/**
 * A capture's document: its outlet ({@link captureOutlet}), then its lines cleaned by that
 * outlet's rules and learned lines and read for title and body (./readers/text.ts
 * `textDocument`). Why not, when `--source` is unknown or no article is left after cleaning.
 */
export function captureDocument(
  input: string,
  capture: TextCapture,
  context: CaptureContext,
): ExtractedDocument | { failed: string } {
  const { draft, header } = capture;
  let source: SourceRules | undefined;
  try {
    source = captureOutlet(input, capture, context);
  } catch (error) {
    if (error instanceof SourceError) return { failed: error.message };
    throw error;
  }
  return textDocument(draft, source, source ? context.recurring(source.id) : undefined, header);
}

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
  }
  const anonymous = !host && !doc.siteName;
  const unknown = anonymous ? run.sources.find((s) => s.id === UNKNOWN_OUTLET.id) : undefined;
  const source = unknown ?? createOutlet(doc, host, url, run);
  const where = unknown ? "" : ` ${savedWhere(options)}`;
  if (anonymous)
    warnings.push(
      `no URL and no site name in it: filed under "${source.id}"${where ? ` (created${where})` : ""}. Pass --source ID, or set its source by hand`,
    );
  else
    warnings.push(
      `unknown outlet ${host ?? `"${doc.siteName}" (a page without a URL)`}: created source "${source.id}" (name "${source.name}", language ${source.language})${where}; check its name and language`,
    );
  return source;
}

/** Where a run keeps the outlets it adds. */
function savedWhere(options: OutletContext["options"]): string {
  return options.dryRun
    ? "for this run only (dry run: not saved)"
    : !options.registryFile
      ? "for this run only (not saved: the run writes outside the project's articles folder; pass --registry DIR to keep new outlets)"
      : `in ${options.registryFile}`;
}

/** A new outlet, from the URL's host or the page's site name, added to the run and its registry. */
function createOutlet(
  doc: ExtractedDocument,
  host: string | undefined,
  url: string | undefined,
  { options, sources }: OutletContext,
): SourceRules {
  const language = resolveLanguage(doc.paragraphs.join("\n"), doc.language).language;
  const created = newSourceEntry(host, doc.siteName, language, new Set(sources.map((s) => s.id)));
  sources.push(created);
  if (!options.dryRun && options.registryFile)
    appendSourceToRegistry(
      options.registryFile,
      created,
      `added by ingest on ${toIsoUtc(options.now).slice(0, 10)} from ${url ?? doc.input}; check name and language`,
    );
  return created;
}
