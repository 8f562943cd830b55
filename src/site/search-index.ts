import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import * as pagefind from "pagefind";
import { outputFileFor, urls } from "../content/paths.ts";
import type { SearchPartRecord } from "./build-cache.ts";
import { FIRST_PHASE_ARTICLES } from "./search-parts.ts";

/**
 * The search bundle under `/pagefind/`, built part by part (src/site/search-parts.ts):
 *
 *   /pagefind/                     Pagefind's scripts and wasm, plus a copy of the newest part's
 *                                  index: the search page's primary index, loaded first
 *   /pagefind/parts/<key>-<hash>/  every part's index (entry, metadata, index, filter and fragment
 *                                  files); the hash is of the part's pages, so an unchanged part keeps
 *                                  its URLs and stays in browsers' caches
 *   /pagefind/parts.json           the parts, newest first, for the search page
 *
 * Only pages marked `data-pagefind-body` (article pages) are indexed. Pagefind splits its index by
 * each page's `<html lang>`, and a search page only loads the index of its own language: every page
 * goes into one index instead (in the site's language); the language filter still tells them apart.
 */

/** A part as the build hands it over: its key, the hash of its pages, and the pages' site paths. */
export interface PartToIndex {
  key: string;
  hash: string;
  from: string;
  to: string;
  paths: string[];
}

/** One entry of `/pagefind/parts.json`. */
export interface PublishedPart {
  key: string;
  /** Where the part's index is published (the newest part is also the bundle's own index). */
  path: string;
  /** Its hash: the search page passes it as Pagefind's metaCacheTag, so the entry file caches too. */
  hash: string;
  pages: number;
  from: string;
  to: string;
}

export interface PartsManifest {
  /** How many of the newest articles the first results should cover (several parts if needed). */
  firstPhaseArticles: number;
  /** Newest first; the first is the bundle's own (primary) index. */
  parts: PublishedPart[];
}

/** Files of a Pagefind bundle that belong to its index; everything else is Pagefind's own code. */
const isIndexFile = (name: string) =>
  name === "pagefind-entry.json" ||
  name.endsWith(".pf_meta") ||
  name === "index" ||
  name === "fragment" ||
  name === "filter";

/** Parts indexed at once by Pagefind's service (2 cores: one part each). */
const CONCURRENT_PARTS = 2;

export interface IndexResult {
  /** Article pages in the index. */
  indexed: number;
  /** Parts indexed by this build (the rest were already there). */
  reindexed: string[];
  records: Map<string, SearchPartRecord>;
}

/**
 * Makes `/pagefind/` hold exactly `parts` (newest first): indexes the parts not already published,
 * refreshes the primary copy, removes parts no longer wanted and writes the manifest.
 */
export async function indexSearchParts(
  outputDir: string,
  language: string,
  parts: readonly PartToIndex[],
  log: (line: string) => void = () => {},
): Promise<IndexResult> {
  const bundle = join(outputDir, "pagefind");
  const partsDir = join(bundle, "parts");
  mkdirSync(partsDir, { recursive: true });
  const dirOf = (part: PartToIndex) => join(partsDir, `${part.key}-${part.hash}`);
  const missing = parts.filter((part) => !existsSync(join(dirOf(part), "pagefind-entry.json")));
  // Pagefind's scripts come with every index it writes: index the newest part again if they are gone.
  const newest = parts[0];
  if (newest && missing.length === 0 && !existsSync(join(bundle, "pagefind.js"))) missing.push(newest);

  const reindexed: string[] = [];
  if (missing.length > 0) {
    log(`Indexing ${missing.length} of ${parts.length} search part${parts.length === 1 ? "" : "s"}`);
    try {
      let next = 0;
      const worker = async () => {
        for (let part = missing[next++]; part; part = missing[next++]) {
          const pages = await indexPart(part, outputDir, language, dirOf(part), bundle);
          reindexed.push(part.key);
          log(`  indexed part ${part.key}: ${pages} article page${pages === 1 ? "" : "s"}`);
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENT_PARTS, missing.length) }, worker));
    } finally {
      await pagefind.close();
    }
  }

  const wanted = new Set(parts.map((part) => `${part.key}-${part.hash}`));
  for (const name of readdirSync(partsDir))
    if (!wanted.has(name)) rmSync(join(partsDir, name), { recursive: true, force: true });
  publishPrimary(bundle, newest ? dirOf(newest) : undefined);

  const records = new Map<string, SearchPartRecord>();
  const published: PublishedPart[] = parts.map((part) => {
    const pages = pageCount(dirOf(part));
    records.set(part.key, { hash: part.hash, pages });
    return {
      key: part.key,
      path: urls.searchPart(part.key, part.hash),
      hash: part.hash,
      pages,
      from: part.from,
      to: part.to,
    };
  });
  const manifest: PartsManifest = { firstPhaseArticles: FIRST_PHASE_ARTICLES, parts: published };
  writeIfChanged(join(outputDir, urls.searchParts()), `${JSON.stringify(manifest, null, 1)}\n`);
  return { indexed: published.reduce((sum, p) => sum + p.pages, 0), reindexed, records };
}

/** Indexes one part's pages (read from the output folder) into its folder; returns the page count. */
async function indexPart(
  part: PartToIndex,
  outputDir: string,
  language: string,
  target: string,
  bundle: string,
): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
  for (const path of part.paths) {
    const added = await index.addHTMLFile({
      url: path,
      content: readFileSync(join(outputDir, outputFileFor(path)), "utf8"),
    });
    if (added.errors.length > 0)
      throw new Error(`Pagefind could not index ${path}: ${added.errors.join("; ")}`);
  }
  // Written beside the target and renamed, so a part folder is whole or absent.
  const temp = `${target}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  const written = await index.writeFiles({ outputPath: temp });
  if (written.errors.length > 0)
    throw new Error(`Pagefind could not write part ${part.key}: ${written.errors.join("; ")}`);
  await index.deleteIndex();
  for (const name of readdirSync(temp)) {
    if (isIndexFile(name)) continue;
    // Pagefind's own scripts and wasm: the bundle keeps one copy, at its root.
    writeIfChanged(join(bundle, name), readFileSync(join(temp, name)));
    rmSync(join(temp, name), { recursive: true, force: true });
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(temp, target);
  return pageCount(target);
}

/**
 * Makes the bundle's own index a copy of the newest part (or no index when there is none). The
 * entry file names the metadata by its content hash, so an equal entry file means an equal index;
 * it is copied last, so it only exists beside a complete copy.
 */
function publishPrimary(bundle: string, partDir: string | undefined): void {
  const entry = "pagefind-entry.json";
  const rootEntry = join(bundle, entry);
  if (partDir && existsSync(rootEntry) && readFileSync(rootEntry).equals(readFileSync(join(partDir, entry))))
    return;
  rmSync(rootEntry, { force: true });
  for (const name of readdirSync(bundle))
    if (isIndexFile(name)) rmSync(join(bundle, name), { recursive: true, force: true });
  if (!partDir) return;
  for (const name of readdirSync(partDir))
    if (name !== entry) cpSync(join(partDir, name), join(bundle, name), { recursive: true });
  cpSync(join(partDir, entry), rootEntry);
}

/** Pages in a written index, from its entry file. */
function pageCount(dir: string): number {
  const entry = JSON.parse(readFileSync(join(dir, "pagefind-entry.json"), "utf8")) as {
    languages?: Record<string, { page_count?: number }>;
  };
  return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
}

/** Writes a file only when its content differs, so unchanged files keep their times. */
function writeIfChanged(file: string, content: string | Buffer): void {
  const bytes = typeof content === "string" ? Buffer.from(content) : content;
  if (existsSync(file) && readFileSync(file).equals(bytes)) return;
  writeFileSync(file, bytes);
}
