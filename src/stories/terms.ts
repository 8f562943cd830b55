import { tokenize } from "../ingest/tag.ts";

/**
 * What a report says, reduced to the terms stories are matched on: words without their function
 * words, cut to a common stem, names mapped through the caller's multilingual alias table, and
 * numbers (which align across languages by themselves). Pure and deterministic.
 */

/**
 * Letters kept of a word: a crude stem that joins inflected forms (lawsuit/lawsuits,
 * censure/censured, Харкова/Харкові) without a per-language stemmer. Six was calibrated on the
 * labelled set: five joined unrelated words (presid-ent/presid-ium is harmless, but
 * "vacci"/"vacat" and the like cost precision), seven split English plurals of long words less
 * often but missed Russian and Ukrainian case endings.
 */
export const STEM_LENGTH = 6;

/** Function words and newsroom filler in en/ru/uk: they say nothing about which event a report is on. */
const STOP_WORDS = new Set(
  `a about above after again against ago all also am amid among an and any are around as at back be because been
  before being between both but by can could did do does doing down during each even ever every few for from
  further get gets got had has have having he her here hers him his how i if in into is it its just last latest
  least less like live look made make makes many may me might more most much must my near new news next no nor
  not now of off on once one only or other our out over own part per said same say says see set she should
  since so some still such than that the their them then there these they this those through to too two under
  until up upon us very via was watch way we week were what when where which while who whom why will with
  would year years yet you your report reports reported update updates breaking exclusive video opinion
  analysis explained explainer first just amp vs told tells`
    .concat(
      ` а або але без би бо був була були було в вже вона вони воно від во вот все всё вы да для до его ее её
      ей ему если есть ещё же за и из или им их к как ко когда который которые ли між мы на над не него нее
      ни них но ну о об однак он она они оно от по под после при про с со та так также там те тем то того
      той только том ты у уже хоч це цей ці чем через что чтобы що щоб эта эти это я як які який яка є її їх
      із та також ще`,
    )
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * A number as written: 199,000 / 7.5 / $40 (the currency sign is dropped); not the digits of a
 * word such as COVID-19 or G7, which the word itself stands for.
 */
const NUMBER = /(?<![\p{L}\p{N}]-?)\d+(?:[.,]\d+)*/gu;
/** A number joined by a hyphen to a word (7.3-magnitude, 61-year-old): the word after it. */
const NUMBER_PREFIX = /^[\d.,]+-(\p{L}.*)$/u;
/** What may not follow a number that stands alone: a letter, or a hyphen and a letter (7.3-magnitude is kept). */
const PART_OF_WORD = /^\p{L}/u;
/** A word that starts with a letter (tokens of digits are handled as numbers). */
const LETTER_WORD = /^\p{L}[\p{L}\p{M}\p{N}'-]*$/u;

/** A term and the word it came from (for evidence a reader understands). */
export interface Term {
  term: string;
  surface: string;
}

/** Normalises an alias table's keys the way {@link termsOf} normalises words (lowercase, NFC, ’ → '). */
export function normaliseAliases(aliases: ReadonlyMap<string, string> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!aliases) return out;
  for (const [form, key] of aliases) {
    const words = tokenize(form).map((t) => t.word);
    if (words.length > 0 && words.length <= 3) out.set(words.join(" "), `=${key.toLowerCase()}`);
  }
  return out;
}

/** The stem of one lowercased word: possessive dropped, cut to {@link STEM_LENGTH} letters. */
export function stemOf(word: string): string {
  const base = word.endsWith("'s") ? word.slice(0, -2) : word;
  return [...base].slice(0, STEM_LENGTH).join("");
}

/** Canonical form of a number: separators of thousands removed, a decimal comma made a point. */
function numberTerm(raw: string): string {
  if (/^\d{1,3}(?:,\d{3})+$/.test(raw) || /^\d{1,3}(?:\.\d{3}){2,}$/.test(raw))
    return `#${raw.replace(/[.,]/g, "")}`;
  return `#${raw.replace(",", ".")}`;
}

/**
 * The terms of a text, in order of first appearance, each once. Aliases (already normalised with
 * {@link normaliseAliases}) are tried on three-, two- and one-word spans before stemming, so
 * "Харків", "Харькове" and "Kharkiv" can all become one key when the table says so.
 */
export function termsOf(text: string, aliases: ReadonlyMap<string, string>, limitWords = Infinity): Term[] {
  const seen = new Set<string>();
  const out: Term[] = [];
  const add = (term: string, surface: string) => {
    if (seen.has(term)) return;
    seen.add(term);
    out.push({ term, surface });
  };
  for (const m of text.matchAll(NUMBER)) {
    // A year or a day of the month says little alone; it still helps when other terms agree.
    if (PART_OF_WORD.test(text.slice(m.index + m[0].length, m.index + m[0].length + 1))) continue;
    add(numberTerm(m[0]), m[0]);
  }
  const tokens = tokenize(text, limitWords);
  const count = tokens.length;
  for (let i = 0; i < count; i++) {
    const token = tokens[i];
    if (token === undefined) break;
    let word = token.word;
    if (aliases.size > 0) {
      let matched = 0;
      for (let n = 3; n >= 1 && matched === 0; n--) {
        if (i + n > count) continue;
        const span = tokens
          .slice(i, i + n)
          .map((t) => t.word)
          .join(" ");
        const key = aliases.get(span);
        if (key) {
          add(key, text.slice(token.start, tokens[i + n - 1]?.end ?? token.end));
          matched = n;
        }
      }
      if (matched > 0) {
        i += matched - 1;
        continue;
      }
    }
    if (/^\d/.test(word)) {
      // Numbers were taken above, with their separators; "3-magnitude" still gives "magnitude".
      const rest = NUMBER_PREFIX.exec(word)?.[1];
      if (!rest) continue;
      word = rest;
    }
    if (word.length < 2 || STOP_WORDS.has(word) || !LETTER_WORD.test(word)) continue;
    const stem = stemOf(word);
    if (STOP_WORDS.has(stem)) continue;
    add(stem, text.slice(token.start, token.end));
  }
  return out;
}

/** Lowercased words of a text (no stemming, no stop words removed): the material of near-duplicate shingles. */
export function wordsOf(text: string, limitWords = Infinity): string[] {
  const tokens = tokenize(text, limitWords);
  const count = tokens.length;
  const words: string[] = new Array(count);
  for (let i = 0; i < count; i++) words[i] = tokens[i]?.word ?? "";
  return words;
}

/**
 * A separator between a headline and what an outlet or platform appends to it. Not the em dash:
 * Russian and Ukrainian headlines end with "— <who said it>", which is part of the news.
 */
const TITLE_SEPARATOR = /\s+[|–-]\s+/;

/**
 * Words a trailing title segment may have and still be taken for an outlet's or platform's label
 * ("| CBC News", "- FT", "| Official Trailer | HBO Max") rather than a subtitle: four-word labels
 * exist, four-word subtitles are rare.
 */
export const TITLE_LABEL_WORDS = 3;

/**
 * A headline without the short labels appended after "|", "-" or "–" (site and section names,
 * "Official Trailer | Prime Video"): they are shared by unrelated reports of one outlet or platform.
 * Long trailing segments are subtitles and stay.
 */
export function headlineCore(title: string): string {
  const segments = title.split(TITLE_SEPARATOR);
  while (segments.length > 1) {
    const last = segments[segments.length - 1] ?? "";
    if (tokenize(last).length > TITLE_LABEL_WORDS) break;
    segments.pop();
  }
  return segments.join(" | ");
}
