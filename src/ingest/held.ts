import { readFileSync } from "node:fs";
import { join } from "node:path";
import { listArticleFiles } from "../content/article-files.ts";
import { parseArticle, serializeArticle } from "../content/front-matter.ts";
import { acquireIngestLock } from "./lock.ts";
import { writeFileAtomic } from "./write.ts";

/**
 * Held drafts: inputs ingest kept but did not publish (`held: <reason>` in front matter: a page
 * that does not look like an article). Nothing real is lost when the page-kind judgement is
 * wrong: `npm run ingest -- --held` lists them, `npm run ingest -- --publish ID` publishes one (the
 * field is removed; the next build shows it, and a re-ingest does not hold it again).
 */

export interface HeldDraft {
  id: string;
  title: string;
  /** The file, under the articles folder. */
  path: string;
  reason: string;
}

/** Every held draft of the articles folder, oldest file path first; files that do not parse are left to the build to report. */
export function listHeld(outDir: string): HeldDraft[] {
  const held: HeldDraft[] = [];
  for (const file of listArticleFiles(outDir)) {
    const path = join(outDir, file);
    try {
      const article = parseArticle(readFileSync(path, "utf8"), path);
      if (article.held !== undefined)
        held.push({ id: article.id, title: article.title, path, reason: article.held });
    } catch {
      // a broken file is the build's to report
    }
  }
  return held;
}

/** Why a held draft could not be published: no such draft, or it is not held. */
export class PublishError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PublishError";
  }
}

/**
 * Publishes the held draft `idOrPath` (its id, or its file's path) of the articles folder: removes
 * its `held` field, under the ingest lock, and returns the draft as it was.
 */
export function publishHeld(outDir: string, idOrPath: string): HeldDraft {
  const lock = acquireIngestLock(outDir);
  try {
    const drafts = listHeld(outDir);
    const draft = drafts.find(
      (d) => d.id === idOrPath || d.path === idOrPath || d.path.endsWith(`/${idOrPath}`),
    );
    if (!draft) {
      const known =
        drafts.length > 0 ? ` Held drafts: ${drafts.map((d) => d.id).join(", ")}.` : " There are none.";
      throw new PublishError(`"${idOrPath}" is not a held draft in ${outDir}.${known}`);
    }
    const { held: _held, ...article } = parseArticle(readFileSync(draft.path, "utf8"), draft.path);
    writeFileAtomic(draft.path, serializeArticle(article));
    return draft;
  } finally {
    lock.release();
  }
}
