import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as pagefind from "pagefind";

/**
 * Pages Pagefind actually indexed, from the bundle's entry file. (addDirectory's page_count counts
 * every HTML file it read, listings included, though only article pages have a body to index.)
 */
function indexedPageCount(bundle: string): number {
  const entry = JSON.parse(readFileSync(join(bundle, "pagefind-entry.json"), "utf8")) as {
    languages?: Record<string, { page_count?: number }>;
  };
  return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0);
}

/**
 * Indexes the built site with Pagefind. Only elements marked `data-pagefind-body` (article pages)
 * are indexed, so listings and digests never show up as search results.
 *
 * Pagefind splits its index by each page's `<html lang>`, and a search page only loads the index
 * of its own language: an English search would never find a Russian or Ukrainian article. All
 * pages go into one index instead (in the site's language); the language filter still tells them
 * apart.
 */
/** Returns how many article pages were indexed. */
export async function indexSearch(outputDir: string, language = "en"): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: outputDir });
    if (added.errors.length > 0)
      throw new Error(`Pagefind could not index ${outputDir}: ${added.errors.join("; ")}`);
    const bundle = join(outputDir, "pagefind");
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length > 0)
      throw new Error(`Pagefind could not write its bundle: ${written.errors.join("; ")}`);
    return indexedPageCount(bundle);
  } finally {
    await pagefind.close();
  }
}
