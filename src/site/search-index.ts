import { join } from "node:path";
import * as pagefind from "pagefind";

/**
 * Indexes the built site with Pagefind. Only elements marked `data-pagefind-body` (article pages)
 * are indexed, so listings and digests never show up as search results.
 *
 * Pagefind splits its index by each page's `<html lang>`, and a search page only loads the index
 * of its own language: an English search would never find a Russian or Ukrainian article. All
 * pages go into one index instead (in the site's language); the language filter still tells them
 * apart.
 */
export async function indexSearch(outputDir: string, language = "en"): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: language });
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join("; ")}`);
    const added = await index.addDirectory({ path: outputDir });
    if (added.errors.length > 0)
      throw new Error(`Pagefind could not index ${outputDir}: ${added.errors.join("; ")}`);
    const written = await index.writeFiles({ outputPath: join(outputDir, "pagefind") });
    if (written.errors.length > 0)
      throw new Error(`Pagefind could not write its bundle: ${written.errors.join("; ")}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
