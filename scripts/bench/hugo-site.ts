import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { stringify as stringifyYaml } from "yaml";
import type { ArticleFrontMatterInput } from "../../src/content/schema.ts";
import { PROJECT_ROOT } from "../../src/project.ts";

/**
 * The same corpus as a Hugo site, for `npm run bench:build`'s peer: the config and layouts in
 * scripts/bench/hugo/, and each article as `content/articles/YYYY/MM/<id>.md` with the front matter
 * Hugo reads (our `url` field would be taken as the page's address, so only what Hugo needs is
 * written).
 */

const TEMPLATE = join(PROJECT_ROOT, "scripts/bench/hugo");

/** Copies the Hugo config and layouts into `dir` (its content folder is filled article by article). */
export function prepareHugoSite(dir: string): void {
  cpSync(TEMPLATE, dir, { recursive: true });
  mkdirSync(join(dir, "content", "articles"), { recursive: true });
}

/** Writes one article into the Hugo site. */
export function writeHugoArticle(dir: string, article: ArticleFrontMatterInput & { body: string }): void {
  const file = join(
    dir,
    "content",
    "articles",
    article.date.slice(0, 4),
    article.date.slice(5, 7),
    `${article.id}.md`,
  );
  mkdirSync(dirname(file), { recursive: true });
  const front = stringifyYaml({
    title: article.title,
    date: article.date,
    topics: article.topics,
    sources: [article.source],
    language: article.language,
    summary: article.summary,
  });
  writeFileSync(file, `---\n${front}---\n\n${article.body.trim()}\n`);
}
