import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as pagefind from "pagefind";
import { outputFileFor } from "../content/paths.ts";

/**
 * A worker of the search index (src/site/search-index.ts): indexes one part with Pagefind, in this
 * thread's own Pagefind service process, into a folder the main thread then publishes.
 *
 * Pagefind reads the part's pages from a scratch folder in memory (/dev/shm where there is one):
 * its service reads files twice as fast as it takes them over its message pipe.
 */

export interface PartTask {
  key: string;
  /** Site paths of the part's article pages, read from the output folder. */
  paths: string[];
  outputDir: string;
  language: string;
  /** Where Pagefind writes the part's whole bundle. */
  folder: string;
}

/**
 * What Pagefind reads of an article page: its `data-pagefind-body` element, up to its provenance
 * footer. Given only that element (not the header, navigation and related links around it),
 * Pagefind writes the same index about a fifth faster; the footer is ignored for search, names no
 * filter, and is a tenth of the text Pagefind would parse for nothing. Article text cannot close
 * the element early or fake the footer: bodies and every other string are escaped, so
 * `</article>` and `<footer class="provenance"` only ever come from the layout.
 */
export function searchableHtml(page: string, language: string, path: string): string {
  const start = page.indexOf("<article data-pagefind-body");
  const end = page.indexOf("</article>", start);
  if (start < 0 || end < 0) throw new Error(`${path} has no <article data-pagefind-body> to index`);
  const footer = page.lastIndexOf(PROVENANCE, end);
  const stop = footer > start ? footer : end;
  return `<html lang="${language}"><body>${page.slice(start, stop)}</article></body></html>`;
}

const PROVENANCE = '<footer class="provenance"';

/** A scratch folder in memory when the machine has one. */
const SCRATCH = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();

export async function handle(task: PartTask): Promise<{ key: string }> {
  const input = mkdtempSync(join(SCRATCH, "media-digest-search-"));
  try {
    // Written in one order every time: Pagefind numbers pages in the order it finds them.
    for (const path of [...task.paths].sort()) {
      const page = readFileSync(join(task.outputDir, outputFileFor(path)), "utf8");
      const file = join(input, outputFileFor(path));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, searchableHtml(page, task.language, path));
    }
    const { index, errors } = await pagefind.createIndex({ forceLanguage: task.language });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    try {
      const added = await index.addDirectory({ path: input });
      if (added.errors.length > 0)
        throw new Error(`Pagefind could not index part ${task.key}: ${added.errors.join("; ")}`);
      if (added.page_count !== task.paths.length)
        throw new Error(
          `Pagefind indexed ${added.page_count} of the ${task.paths.length} pages of part ${task.key}`,
        );
      rmSync(task.folder, { recursive: true, force: true });
      const written = await index.writeFiles({ outputPath: task.folder });
      if (written.errors.length > 0)
        throw new Error(`Pagefind could not write part ${task.key}: ${written.errors.join("; ")}`);
      return { key: task.key };
    } finally {
      await index.deleteIndex();
    }
  } finally {
    rmSync(input, { recursive: true, force: true });
  }
}

/** Stops this worker's Pagefind service. */
export async function shutdown(): Promise<void> {
  await pagefind.close();
}
