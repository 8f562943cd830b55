import { createHash } from "node:crypto";
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
import { urls } from "../content/paths.ts";
import { moduleBeside } from "../project.ts";
import { WorkerPool } from "../worker-pool.ts";
import type { SearchPartRecord } from "./build-cache.ts";
import type { PartTask } from "./search-index-worker.ts";

/**
 * The search bundle under `/pagefind/`, built part by part (src/site/search-parts.ts):
 *
 *   /pagefind/                     Pagefind's scripts and wasm, plus a copy of the newest part's
 *                                  index: the search page's primary index, loaded first
 *   /pagefind/parts/<key>-<hash>/  every part's index (entry, metadata, index, filter and fragment
 *                                  files), named by the hash of what Pagefind wrote: an unchanged part
 *                                  keeps its URLs and stays in browsers' caches, and a part written
 *                                  anew never takes the name of an older one
 *   /pagefind/parts.json           the parts, newest first, for the search page
 *
 * Parts are indexed as soon as their pages are written, so indexing runs beside rendering: one at a
 * time, by a worker thread with its own Pagefind service process (src/site/search-index-worker.ts).
 * One service uses more than one core itself (about 1.5 of 2); a second one did not make the build
 * faster (it is bound by CPU) but doubles the memory: Pagefind holds about 200 KB for each page of the part it is
 * indexing (see PART_MAX_ARTICLES).
 *
 * Only article pages (their `data-pagefind-body` element) are indexed. Pagefind splits its index by
 * each page's `<html lang>`, and a search page only loads the index of its own language: every page
 * goes into one index instead (in the site's language); the language filter tells them apart.
 */

/** A part as the build hands it over: its key, the hash of what its pages give the index, and their site paths. */
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
  /** The hash in its folder's name: the search page passes it as Pagefind's metaCacheTag, so the entry file caches too. */
  hash: string;
  pages: number;
  from: string;
  to: string;
}

export interface PartsManifest {
  /** Newest first; the first is the bundle's own (primary) index, and the first results' only one. */
  parts: PublishedPart[];
}

export interface IndexResult {
  /** Article pages in the index. */
  indexed: number;
  /** Parts indexed by this build (the rest were already there). */
  reindexed: string[];
  records: Map<string, SearchPartRecord>;
}

/** Files of a Pagefind bundle that belong to its index; everything else is Pagefind's own code. */
const isIndexFile = (name: string) =>
  name === "pagefind-entry.json" ||
  name.endsWith(".pf_meta") ||
  name === "index" ||
  name === "fragment" ||
  name === "filter";

/**
 * Indexes the parts of one build: `submit` a part once its pages are written (it is indexed unless
 * already published), then `finish` with every part the site has.
 */
export class SearchIndexer {
  private readonly bundle: string;
  private readonly partsDir: string;
  private readonly running = new Map<string, Promise<void>>();
  /** Folder names of the parts written by this build. */
  private readonly written = new Map<string, string>();
  private pool: WorkerPool<PartTask, { key: string }> | undefined;

  constructor(
    private readonly outputDir: string,
    private readonly language: string,
    /** The parts the last build published. */
    private readonly previous: ReadonlyMap<string, SearchPartRecord>,
    private readonly log: (line: string) => void,
  ) {
    this.bundle = join(outputDir, "pagefind");
    this.partsDir = join(this.bundle, "parts");
  }

  /** The published folder of a part, if it is published and current. */
  private publishedFolder(part: PartToIndex): string | undefined {
    const written = this.written.get(part.key);
    if (written) return written;
    const record = this.previous.get(part.key);
    return record?.hash === part.hash && existsSync(join(this.partsDir, record.folder, "pagefind-entry.json"))
      ? record.folder
      : undefined;
  }

  /** Whether a part must be indexed by this build. */
  needsIndexing(part: PartToIndex): boolean {
    return !this.running.has(part.key) && !this.publishedFolder(part);
  }

  /** Starts the indexing worker ahead of the first part, so it is ready when the part's pages are written. */
  prepare(): WorkerPool<PartTask, { key: string }> {
    this.pool ??= new WorkerPool(moduleBeside(import.meta.url, "./search-index-worker"), 1, true);
    return this.pool;
  }

  /** Starts indexing a part whose pages are all written, unless it is published or under way. */
  submit(part: PartToIndex): void {
    if (!this.needsIndexing(part)) return;
    const pool = this.prepare();
    const temp = join(this.partsDir, `${part.key}.tmp-${process.pid}`);
    const task: PartTask = {
      key: part.key,
      paths: part.paths,
      outputDir: this.outputDir,
      language: this.language,
      folder: temp,
    };
    this.running.set(
      part.key,
      pool.run(task).then(() => {
        this.written.set(part.key, this.publishPart(part.key, temp));
        this.log(`  indexed search part ${part.key} (${part.paths.length} articles)`);
      }),
    );
  }

  /**
   * Makes `/pagefind/` hold exactly `parts` (newest first): waits for the parts under way, indexes
   * any still missing, refreshes the primary copy, removes parts no longer wanted and writes the
   * manifest.
   */
  async finish(parts: readonly PartToIndex[]): Promise<IndexResult> {
    mkdirSync(this.partsDir, { recursive: true });
    const newest = parts[0];
    // Pagefind's scripts come with every index it writes: index the newest part again if they are gone.
    const newestFolder = newest && this.publishedFolder(newest);
    if (newestFolder && !existsSync(join(this.bundle, "pagefind.js")) && this.running.size === 0) {
      this.written.delete(newest.key);
      rmSync(join(this.partsDir, newestFolder), { recursive: true, force: true });
    }
    for (const part of parts) this.submit(part);
    try {
      await Promise.all(this.running.values());
    } finally {
      await this.pool?.close();
    }
    const folders = new Map(parts.map((part) => [part.key, this.publishedFolder(part) as string]));
    const wanted = new Set(folders.values());
    for (const name of readdirSync(this.partsDir))
      if (!wanted.has(name)) rmSync(join(this.partsDir, name), { recursive: true, force: true });
    this.publishPrimary(newest ? join(this.partsDir, folders.get(newest.key) as string) : undefined);

    const records = new Map<string, SearchPartRecord>();
    const published: PublishedPart[] = parts.map((part) => {
      const folder = folders.get(part.key) as string;
      const pages = pageCount(join(this.partsDir, folder));
      records.set(part.key, { hash: part.hash, folder, pages });
      const hash = folder.slice(part.key.length + 1);
      return {
        key: part.key,
        path: urls.searchPart(part.key, hash),
        hash,
        pages,
        from: part.from,
        to: part.to,
      };
    });
    const manifest: PartsManifest = { parts: published };
    writeIfChanged(join(this.outputDir, urls.searchParts()), `${JSON.stringify(manifest, null, 1)}\n`);
    return {
      indexed: published.reduce((sum, p) => sum + p.pages, 0),
      reindexed: [...this.running.keys()],
      records,
    };
  }

  /**
   * Moves a written part into place under the hash of its entry file (which names the metadata by
   * its content hash, so it stands for the whole index), keeping one copy of Pagefind's own files
   * at the bundle's root. Returns the folder's name.
   */
  private publishPart(key: string, temp: string): string {
    for (const name of readdirSync(temp)) {
      if (isIndexFile(name)) continue;
      writeIfChanged(join(this.bundle, name), readFileSync(join(temp, name)));
      rmSync(join(temp, name), { recursive: true, force: true });
    }
    const entry = readFileSync(join(temp, "pagefind-entry.json"));
    const folder = `${key}-${createHash("sha1").update(entry).digest("hex").slice(0, 12)}`;
    const target = join(this.partsDir, folder);
    if (existsSync(join(target, "pagefind-entry.json"))) rmSync(temp, { recursive: true, force: true });
    else {
      rmSync(target, { recursive: true, force: true });
      renameSync(temp, target);
    }
    return folder;
  }

  /**
   * Makes the bundle's own index a copy of the newest part (or no index when there is none). The
   * entry file names the metadata by its content hash, so an equal entry file means an equal index;
   * it is copied last, so it only exists beside a complete copy.
   */
  private publishPrimary(partDir: string | undefined): void {
    const entry = "pagefind-entry.json";
    const rootEntry = join(this.bundle, entry);
    if (
      partDir &&
      existsSync(rootEntry) &&
      readFileSync(rootEntry).equals(readFileSync(join(partDir, entry)))
    )
      return;
    rmSync(rootEntry, { force: true });
    for (const name of readdirSync(this.bundle))
      if (isIndexFile(name)) rmSync(join(this.bundle, name), { recursive: true, force: true });
    if (!partDir) return;
    for (const name of readdirSync(partDir))
      if (name !== entry) cpSync(join(partDir, name), join(this.bundle, name), { recursive: true });
    cpSync(join(partDir, entry), rootEntry);
  }
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
