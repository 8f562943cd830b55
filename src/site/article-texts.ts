import type { ArticleFile } from "../content/article-files.ts";

/** An article's own text, as the renderer receives it (plain data: it may cross to a worker). */
export interface ArticleText {
  body: string;
  summary: string;
}

/** The texts of `ids` from the loaded articles (reading the bodies of files not read yet). */
export function articleTexts(
  files: readonly ArticleFile[],
): (ids: Iterable<string>) => Map<string, ArticleText> {
  const byId = new Map(files.map((f) => [f.outline.id, f]));
  return (ids) => {
    const texts = new Map<string, ArticleText>();
    for (const id of ids) {
      const file = byId.get(id);
      if (!file) throw new Error(`no article ${id} to render`);
      texts.set(id, { body: file.readBody(), summary: file.outline.summary });
    }
    return texts;
  };
}
