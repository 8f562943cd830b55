import { readFileSync } from "node:fs";
import jsYaml from "js-yaml";
import { z } from "zod";
import { ContentError } from "./errors.ts";
import { REGISTRY_ID } from "./schema.ts";
import { yamlLibrary } from "./yaml-library.ts";

/**
 * What every registry file shares: reading YAML with line numbers, zod problems as errors that
 * name the file and line, languages, ids and match terms. The files' own schemas live beside
 * their loaders (registry.ts: topics and sources; places.ts; watches.ts).
 */

export const LANGUAGES = ["en", "ru", "uk"] as const;
export type Language = (typeof LANGUAGES)[number];

export const registryIdSchema = z
  .string()
  .regex(REGISTRY_ID, "is not an id (lowercase ASCII letters, digits and hyphens)");

/**
 * A map keyed by language code. Unknown codes ("de", "ua", "EN") are refused with the list of
 * known ones, instead of zod's generic "unrecognized key", because a misspelt language key would
 * otherwise silently drop every term under it.
 */
const knownLanguagesOnly = z.record(z.string(), z.unknown()).superRefine((map, ctx) => {
  for (const key of Object.keys(map))
    if (!(LANGUAGES as readonly string[]).includes(key))
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: `"${key}" is not a known language (known: ${LANGUAGES.join(", ")}); use one of them, or add the language to LANGUAGES in src/content/registry-yaml.ts`,
      });
});
/** Per-language values, English required. */
export const perLanguage = <T extends z.ZodType>(value: T) =>
  knownLanguagesOnly.pipe(z.strictObject({ en: value, ru: value.optional(), uk: value.optional() }));
/** Per-language values, every language optional. */
export const perLanguageOptional = <T extends z.ZodType>(value: T) =>
  knownLanguagesOnly.pipe(
    z.strictObject({ en: value.optional(), ru: value.optional(), uk: value.optional() }),
  );

/**
 * One word of a term: what the tagger sees as a single token (letters, digits, inner apostrophes
 * and hyphens), optionally ending in `*` (a declared inflection stem). Anything else ("U.S.",
 * "Kharkiv," or "*kiv") could never match and is refused when the registry loads.
 */
const TERM_WORD = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*\*?$/u;

const termText = z
  .string()
  .trim()
  .min(1, "is an empty term")
  .refine((text) => text.split(/\s+/).every((word) => TERM_WORD.test(word)), {
    message:
      'has a word that can never match (a word is letters, digits, inner \' or -, and may end in one "*")',
  });

/** A match term: a plain string (weight 1) or `{ term, weight, standalone }`. */
export const TermSchema = z
  .union([
    termText,
    z.strictObject({
      term: termText,
      weight: z.number().positive().default(1),
      standalone: z.boolean().default(false),
    }),
  ])
  .transform((value) => (typeof value === "string" ? { term: value, weight: 1, standalone: false } : value));
export const termList = z.array(TermSchema);
export const phraseList = z.array(termText);

export function readYaml(file: string): {
  data: unknown;
  lineOf: (path: (string | number)[]) => number | undefined;
} {
  const text = readFileSync(file, "utf8");
  // js-yaml reads a registry about ten times faster than \`yaml\` builds its document (the place
  // registry is 3,000 lines, read by every build): the document, with its line numbers, is built
  // only to name the line of a problem, or the syntax error of a file js-yaml refuses.
  let data: unknown;
  try {
    data = jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA, filename: file });
  } catch {
    // Refused by js-yaml: \`yaml\` names the line, or (a file only js-yaml refuses) reads it.
    data = documentOf(file, text).document.toJS();
  }
  let doc: ReturnType<typeof documentOf> | undefined;
  const lineOf = (path: (string | number)[]) => {
    doc ??= documentOf(file, text);
    for (let depth = path.length; depth > 0; depth--) {
      const node = doc.document.getIn(path.slice(0, depth), true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node && typeof node === "object" && node.range) return doc.lines.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { data, lineOf };
}

/** A YAML file as \`yaml\`'s document, with its line numbers; throws naming the file and line of a syntax error. */
function documentOf(file: string, text: string) {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  const first = document.errors[0];
  if (first)
    throw new ContentError({
      file,
      problem: `is not valid YAML (${first.message.split("\n")[0]})`,
      fix: "Fix the YAML syntax at the line named.",
    });
  return { document, lines };
}

export function zodProblems(
  file: string,
  error: z.ZodError,
  lineOf: (path: (string | number)[]) => number | undefined,
) {
  return error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const line = lineOf(path);
    return new ContentError({
      file: line ? `${file}:${line}` : file,
      field: path.join("."),
      problem: issue.message,
      fix: "Fix this entry in the registry.",
    });
  });
}
