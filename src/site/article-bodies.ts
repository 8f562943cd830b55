import type { ArticleFile } from "../content/article-files.ts";
import { renderMarkdown } from "./markdown.ts";
import { summaryInBody } from "./search-meta.ts";
import { xmlSafeText } from "./text.ts";

/**
 * What pages need from article bodies, worked out for the pages being rendered only: a build after
 * one new article renders a handful of bodies, not the archive's (and, with the build cache, reads
 * only those files: see src/content/article-files.ts).
 */
export interface ArticleBodies {
  /** The body as page HTML (XML-safe), rendered once per article until {@link forget}. */
  html(articleId: string): string;
  /** Whether the body repeats the article's summary (src/site/search-meta.ts). */
  summaryInBody(articleId: string): boolean;
  /** Drops what was rendered, so a large build holds one batch's bodies at a time. */
  forget(): void;
}

export function articleBodies(files: readonly ArticleFile[]): ArticleBodies {
  const byId = new Map(files.map((f) => [f.article.id, f.article]));
  const article = (id: string) => {
    const found = byId.get(id);
    if (!found) throw new Error(`no article ${id} to render`);
    return found;
  };
  let rendered = new Map<string, string>();
  return {
    html(id) {
      let html = rendered.get(id);
      if (html === undefined) {
        html = xmlSafeText(renderMarkdown(article(id).body));
        rendered.set(id, html);
      }
      return html;
    },
    summaryInBody(id) {
      const { summary, body } = article(id);
      return summaryInBody(summary, body);
    },
    forget() {
      rendered = new Map();
    },
  };
}
