import { renderMarkdown } from "./markdown.ts";
import { type SummaryInBody, summaryAndBody } from "./search-meta.ts";
import { xmlSafeText } from "./text.ts";

/**
 * What pages need from article bodies, worked out for the pages being rendered only: a build after
 * one new article renders a handful of bodies, not the archive's (and, with the build cache, reads
 * only those files: see src/content/article-files.ts).
 */

import type { ArticleText } from "./article-texts.ts";

export interface ArticleBodies {
  /** The body as page HTML (XML-safe), rendered once per article. */
  html(articleId: string): string;
  /** Whether the body repeats the article's summary (src/site/search-meta.ts). */
  summaryInBody(articleId: string): boolean;
  /** Whether the body is no more than the summary: the page shows it once. */
  summaryIsBody(articleId: string): boolean;
}

/** Bodies rendered from the texts of the articles being rendered. */
export function articleBodies(texts: ReadonlyMap<string, ArticleText>): ArticleBodies {
  const text = (id: string) => {
    const found = texts.get(id);
    if (!found) throw new Error(`no text of article ${id} to render`);
    return found;
  };
  const rendered = new Map<string, string>();
  const relations = new Map<string, SummaryInBody>();
  const relation = (id: string) => {
    let found = relations.get(id);
    if (found === undefined) {
      const { summary, body } = text(id);
      found = summaryAndBody(summary, body);
      relations.set(id, found);
    }
    return found;
  };
  return {
    html(id) {
      let html = rendered.get(id);
      if (html === undefined) {
        html = xmlSafeText(renderMarkdown(text(id).body));
        rendered.set(id, html);
      }
      return html;
    },
    summaryInBody: (id) => relation(id).inBody,
    summaryIsBody: (id) => relation(id).isBody,
  };
}
