import { createHash } from "node:crypto";
import { ARTICLE_ID } from "./schema.ts";

/**
 * Article ids: a readable ASCII slug of the title plus a short hash of what identifies the article
 * (source and canonical URL, or source, day and title when there is no URL). The hash keeps ids
 * distinct for titles that differ only in punctuation or script, and for empty or emoji-only titles.
 */

const CYRILLIC: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "h",
  ґ: "g",
  д: "d",
  е: "e",
  ё: "yo",
  є: "ye",
  ж: "zh",
  з: "z",
  и: "y",
  і: "i",
  ї: "yi",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};

/** Longest slug part, so ids stay readable in URLs and well under the 120-character id limit. */
const MAX_SLUG_LENGTH = 80;

/** ASCII, lowercase, hyphen-separated slug of free text (Cyrillic transliterated, other scripts dropped). */
export function slugify(text: string): string {
  const transliterated = [...text.normalize("NFKD").toLowerCase()]
    .map((ch) => CYRILLIC[ch] ?? ch)
    .join("")
    .replace(/\p{M}/gu, "");
  const slug = transliterated
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  return slug.slice(0, MAX_SLUG_LENGTH).replace(/-[^-]*$/, "");
}

/** Short, stable hash of the parts that identify an article. */
export function identityHash(parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 8);
}

/** The id of an article: `<slug>-<hash>`, or `article-<hash>` when the title has no ASCII-able letters. */
export function makeArticleId(input: { title: string; source: string; url?: string; day: string }): string {
  const identity = input.url ? [input.source, input.url] : [input.source, input.day, input.title];
  const slug = slugify(input.title) || "article";
  const id = `${slug}-${identityHash(identity)}`;
  if (!ARTICLE_ID.test(id)) throw new Error(`internal: made an invalid article id "${id}"`);
  return id;
}
