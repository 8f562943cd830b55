import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { listArticleFiles } from "../content/article-files.ts";
import { parseArticle } from "../content/front-matter.ts";
import { urls } from "../content/paths.ts";
import { writeFileAtomic } from "../ingest/write.ts";

/**
 * Redirects for changed article URLs. An article's URL holds its day (`/articles/YYYY/MM/DD/<id>/`,
 * src/content/paths.ts): when an outlet corrects a date, or an editor does, the page moves, and
 * links to the old address must still land on it. The update keeps a ledger of the URL each article
 * was last published at (`state/article-urls.json`, committed with the articles); a URL that changed
 * becomes a permanent redirect, written in Netlify's `_redirects` format to `state/redirects`, which
 * the deploy copies into the site (netlify/plugins/redirects). Feed items keep their ids whatever
 * the URL: they are tag: URIs made from the article id (`articleTagUri`).
 */

export const DEFAULT_LEDGER_FILE = "state/article-urls.json";
/** The ledger's redirects in Netlify's format, beside the ledger. */
export const REDIRECTS_FILE_NAME = "redirects";

const LedgerSchema = z.object({
  /** Article id → the URL it was published at by the last run. */
  urls: z.record(z.string(), z.string()).default({}),
  /** Old URL → where the article is now. */
  redirects: z.record(z.string(), z.string()).default({}),
});
export type UrlLedger = z.output<typeof LedgerSchema>;

/** The URL of every article in the folder, by id; files that do not parse are left out (the build reports them). */
export function currentArticleUrls(articlesDir: string): Map<string, string> {
  const found = new Map<string, string>();
  if (!existsSync(articlesDir)) return found;
  for (const file of listArticleFiles(articlesDir)) {
    try {
      const article = parseArticle(readFileSync(join(articlesDir, file), "utf8"), file);
      found.set(article.id, urls.article(article));
    } catch {
      // not ours to judge here
    }
  }
  return found;
}

/**
 * The ledger after this run, pure: an article whose URL changed gets a redirect from the old one;
 * redirects follow to the newest URL (no chains); a URL that is an article's page again is no
 * longer redirected. Articles that are gone keep their redirects.
 */
export function nextLedger(previous: UrlLedger, current: ReadonlyMap<string, string>): UrlLedger {
  const redirects = new Map(Object.entries(previous.redirects));
  for (const [id, url] of current) {
    const old = previous.urls[id];
    if (old !== undefined && old !== url) redirects.set(old, url);
  }
  const live = new Set(current.values());
  for (const from of [...redirects.keys()]) {
    if (live.has(from)) {
      redirects.delete(from);
      continue;
    }
    // Follow A → B → C to C; the set guards against a loop made by hand.
    const seen = new Set([from]);
    let to = redirects.get(from) as string;
    while (redirects.has(to) && !seen.has(to)) {
      seen.add(to);
      to = redirects.get(to) as string;
    }
    redirects.set(from, to);
  }
  return { urls: Object.fromEntries(current), redirects: Object.fromEntries(redirects) };
}

/** Netlify `_redirects` lines: `old new 301`, sorted, so the same ledger gives the same bytes. */
export function redirectsText(ledger: UrlLedger): string {
  const lines = Object.entries(ledger.redirects)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([from, to]) => `${from} ${to} 301`);
  return [
    "# Changed article URLs, written by npm run update (src/update/redirects.ts); do not edit.",
    ...lines,
    "",
  ].join("\n");
}

export function readLedger(file: string): UrlLedger {
  if (!existsSync(file)) return { urls: {}, redirects: {} };
  try {
    return LedgerSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    // A broken ledger is rebuilt from the articles: no redirect is made from it this once.
    return { urls: {}, redirects: {} };
  }
}

const sortedObject = (record: Record<string, string>) =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Brings the ledger beside `ledgerFile` and its `redirects` file up to date with the articles;
 * writes only what changed. Returns the redirects added this run.
 */
export function updateRedirects(ledgerFile: string, articlesDir: string): [string, string][] {
  const previous = readLedger(ledgerFile);
  const next = nextLedger(previous, currentArticleUrls(articlesDir));
  const text = `${JSON.stringify({ urls: sortedObject(next.urls), redirects: sortedObject(next.redirects) }, null, 2)}\n`;
  if (!existsSync(ledgerFile) || readFileSync(ledgerFile, "utf8") !== text) writeFileAtomic(ledgerFile, text);
  const redirectsFile = join(ledgerFile, "..", REDIRECTS_FILE_NAME);
  const lines = redirectsText(next);
  if (!existsSync(redirectsFile) || readFileSync(redirectsFile, "utf8") !== lines)
    writeFileAtomic(redirectsFile, lines);
  return Object.entries(next.redirects).filter(([from, to]) => previous.redirects[from] !== to);
}
