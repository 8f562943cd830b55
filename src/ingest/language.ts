import { franc } from "./libraries.ts";

/**
 * Language of an article, as a BCP 47 primary subtag ("en", "bg", "de"). The text is identified by
 * franc-all's trigram models (the npm package of Titus Wormer's franc, MIT) after URLs, code, markup,
 * digits and words in a minority script are taken out; Cyrillic candidates are narrowed first by
 * their alphabets (ы, і, ў, ј, ќ, ђ…), which trigrams alone confuse in short texts. A declared
 * language (the page's `lang`, the feed's, the outlet's) is kept when the text is too short to
 * tell or does not clearly say otherwise; a text that clearly contradicts it wins, with a warning
 * naming both.
 */

/*
 * The languages a text is identified among, by script: franc's ISO 639-3 code → BCP 47 primary
 * subtag (ISO 639-1 where there is one). Every language of Europe with a national or regional
 * standard, and the languages of the world's large news outlets; a smaller set than franc-all's
 * 414, because every extra candidate is a chance to mistake a short text (English read as Scots).
 */
/** Latin script. */
const LATIN: Readonly<Record<string, string>> = {
  // Europe
  eng: "en",
  deu: "de",
  fra: "fr",
  ita: "it",
  spa: "es",
  por: "pt",
  nld: "nl",
  swe: "sv",
  dan: "da",
  nob: "nb",
  nno: "nn",
  isl: "is",
  fin: "fi",
  ekk: "et",
  lvs: "lv",
  lit: "lt",
  hun: "hu",
  ron: "ro",
  pol: "pl",
  ces: "cs",
  slk: "sk",
  slv: "sl",
  hrv: "hr",
  bos: "bs",
  srp: "sr",
  als: "sq",
  tur: "tr",
  gle: "ga",
  cym: "cy",
  mlt: "mt",
  ltz: "lb",
  cat: "ca",
  eus: "eu",
  glg: "gl",
  lat: "la",
  azj: "az",
  // elsewhere
  ind: "id",
  zlm: "ms",
  vie: "vi",
  tgl: "tl",
  swh: "sw",
  afr: "af",
  som: "so",
  hau: "ha",
  yor: "yo",
  uzn: "uz",
};
/** Cyrillic (Serbian is among the Latin ones too, franc's `srp` has both); alphabets below. */
const CYRILLIC: Readonly<Record<string, string>> = {
  rus: "ru",
  ukr: "uk",
  bel: "be",
  bul: "bg",
  mkd: "mk",
  kaz: "kk",
  kir: "ky",
  tat: "tt",
  tgk: "tg",
  khk: "mn",
};
/** Scripts of their own, or shared by a few. */
const OTHER_SCRIPTS: Readonly<Record<string, string>> = {
  ell: "el",
  heb: "he",
  ydd: "yi",
  arb: "ar",
  pes: "fa",
  urd: "ur",
  hye: "hy",
  kat: "ka",
  cmn: "zh",
  jpn: "ja",
  kor: "ko",
  hin: "hi",
  mar: "mr",
  npi: "ne",
  ben: "bn",
  pan: "pa",
  guj: "gu",
  tam: "ta",
  tel: "te",
  kan: "kn",
  mal: "ml",
  sin: "si",
  tha: "th",
  lao: "lo",
  khm: "km",
  mya: "my",
  amh: "am",
};

/**
 * Languages franc-all knows that are candidates only when a text is declared in them (a Frisian
 * page stays Frisian), so that they never take an undeclared text from a larger neighbour.
 */
const DECLARED_ONLY: Readonly<Record<string, string>> = {
  fry: "fy",
  gla: "gd",
  bre: "br",
  oci: "oc",
  cos: "co",
  roh: "rm",
  fao: "fo",
  sme: "se",
  epo: "eo",
  wln: "wa",
  hat: "ht",
  jav: "jv",
  sun: "su",
  zul: "zu",
  xho: "xh",
  kin: "rw",
  ibo: "ig",
  plt: "mg",
};

const CANDIDATES: Readonly<Record<string, string>> = { ...LATIN, ...CYRILLIC, ...OTHER_SCRIPTS };
/** The candidates a mostly Latin text is scored against. */
const LATIN_CANDIDATES: readonly string[] = Object.keys(LATIN);

/** BCP 47 primary subtag → franc's code, for every language above. */
const FRANC_CODE: ReadonlyMap<string, string> = new Map(
  [...Object.entries(CANDIDATES), ...Object.entries(DECLARED_ONLY)].map(([code, tag]) => [tag, code]),
);

/** Deprecated tags, and three-letter tags of languages that have two-letter ones. */
const TAG_ALIASES: Readonly<Record<string, string>> = {
  iw: "he",
  in: "id",
  ji: "yi",
  mo: "ro",
  zsm: "ms",
  est: "et",
  lav: "lv",
  sqi: "sq",
  alb: "sq",
};

/** Macrolanguage and umbrella tags a declaration may use → the language they are scored as. */
const SCORED_AS: Readonly<Record<string, string>> = { no: "nb", sh: "sr", cnr: "sr" };

/**
 * Languages written so alike that trigrams cannot tell them apart reliably: a declaration naming
 * one of a group is kept when the text looks like another of the same group.
 */
const ALIKE: readonly (readonly string[])[] = [
  ["sr", "hr", "bs", "sh", "cnr"],
  ["no", "nb", "nn", "da"],
  ["ms", "id"],
];

/** Lowercase Cyrillic alphabets; a candidate is dropped when the text uses letters it has not. */
const RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
const CYRILLIC_ALPHABETS: Readonly<Record<string, string>> = {
  rus: RUSSIAN,
  ukr: "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
  bel: "абвгдеёжзійклмнопрстуўфхцчшыьэюя",
  bul: "абвгдежзийклмнопрстуфхцчшщъьюяѝ",
  mkd: "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
  srp: "абвгдђежзијклљмнњопрстћуфхцчџш",
  kaz: `${RUSSIAN}әғқңөұүһі`,
  kir: `${RUSSIAN}ңөү`,
  tat: `${RUSSIAN}әөүҗңһ`,
  tgk: "абвгғдеёжзиӣйкқлмнопрстуӯфхҳчҷшъэюя",
  khk: `${RUSSIAN}өү`,
};
const CYRILLIC_LETTER_SETS: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries(CYRILLIC_ALPHABETS).map(([code, letters]) => [code, new Set(letters)]),
);
/** Letters outside the six European Cyrillic alphabets: the Central Asian languages need one of them. */
const NON_EUROPEAN_CYRILLIC = /[әғқңөұүһҳҷӣӯҗ]/u;
const CENTRAL_ASIAN = new Set(["kaz", "kir", "tat", "tgk", "khk"]);
/** Share of a text's Cyrillic letters that may lie outside a candidate's alphabet (a quoted name). */
const FOREIGN_LETTER_SHARE = 0.01;
/**
 * Letters every text of a language has but for the shortest, and Russian has not (or hardly: ъ is
 * a common vowel of Bulgarian, in Russian a rare sign after a prefix): a text with letters outside
 * the language's alphabet (Russian's ы, э, ё) is a text quoting a name only if it has one of these
 * too. Without this, a Russian headline and lede with two ы in 250 letters (an election result)
 * stayed within the share above and was read as Bulgarian; on 184 Russian headlines with their
 * ledes of 2022–2026 news, 10 were read as Bulgarian before, 6 after.
 */
const OWN_LETTERS: Readonly<Record<string, RegExp>> = { bul: /ъ/u, ukr: /[іїєґ]/u, bel: /[іў]/u };

/**
 * Characters of the text identification reads at most (franc itself stops at 2,048): about 580
 * letters, past which the calibration below saw no more errors; reading 1,000 cost half as much
 * again for the same answers on the corpus pages.
 */
export const MAX_SAMPLE = 700;
/**
 * Below this many letters a text never overrules a declaration ("too short to tell"). Calibrated
 * with {@link MIN_EVIDENCE} on windows of 25 to 1,500 characters cut from the readability and AEB
 * test pages and from news sentences in 36 languages, each window declared once in its own
 * language and once in each of 6 to 11 others: at 80 letters and 12, 1 right declaration in 3,250
 * was overruled (a table of sports results, names only) and 98.2% of the wrong ones were corrected
 * (99.7% from 300 letters on); at 60 letters, 9 right ones were overruled.
 */
export const MIN_LETTERS = 80;
/**
 * How far the declared language must trail the detected one for the text to overrule it: franc's
 * normalised score (0–1, 1 for the best) times the letters read, at least this. Franc's scores
 * draw closer as texts grow longer while growing surer, so a long text needs a smaller gap than a
 * short one (12 is 0.15 at 80 letters, 0.02 at 600).
 */
export const MIN_EVIDENCE = 12;

/** What the text says about its language. */
export interface LanguageGuess {
  /** The most probable language (BCP 47 primary subtag). */
  language: string;
  /** Every candidate scored, best first (1 for the best); a language not listed scored nothing. */
  scores: ReadonlyMap<string, number>;
  /** Letters in the sample read (after URLs, code, digits and other scripts were removed). */
  letters: number;
}

const SCRIPTS = {
  latin: /\p{Script=Latin}/gu,
  cyrillic: /\p{Script=Cyrillic}/gu,
} as const;
const HAS_LATIN = /\p{Script=Latin}/u;
const HAS_CYRILLIC = /\p{Script=Cyrillic}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HAN = /\p{Script=Han}/gu;
const LETTER = /\p{L}/gu;

function count(text: string, re: RegExp): number {
  return text.match(re)?.length ?? 0;
}

/** A word that is a URL, an e-mail address or a host name. */
const URL_LIKE = /^\W*(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)|@\S*\./i;
/**
 * A word that is an identifier: `config.json`, `src/index.ts`, `NODE_ENV`, `camelCase` (three
 * small letters before the capital at least, so that Irish "bhFuil" and "iPhone" stay).
 */
const IDENTIFIER = /\p{L}[._/\\]\p{L}|\p{L}_|_\p{L}|\p{Ll}{3}\p{Lu}/u;
/** Punctuation and symbols around a word: quotes, brackets, markdown's `*` and `_`, a full stop. */
const AROUND = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
/** What is not part of a word: digits, punctuation, symbols. */
const NOT_PROSE = /[^\p{L}\p{M}'’-]+/gu;

/**
 * The prose of a text: code blocks and spans, link targets, URLs, e-mail addresses, identifiers,
 * digits and symbols removed; at most {@link MAX_SAMPLE} characters, read word by word from the
 * start.
 */
export function proseSample(text: string): string {
  const stripped = text
    .slice(0, MAX_SAMPLE * 4)
    .replace(/(```|~~~)[\s\S]*?(?:\1|$)/g, " ")
    .replace(/`[^`\n]*`/g, " ")
    .replace(/\]\([^)\s]*\)/g, " ");
  const words: string[] = [];
  let length = 0;
  for (const word of stripped.split(/\s+/)) {
    if (length >= MAX_SAMPLE) break;
    const bare = word.replace(AROUND, "");
    if (bare === "" || URL_LIKE.test(bare) || IDENTIFIER.test(bare)) continue;
    const prose = bare.replace(NOT_PROSE, " ").trim();
    if (prose === "" || !/\p{L}/u.test(prose)) continue;
    words.push(prose);
    length += prose.length + 1;
  }
  return words.join(" ");
}

/** Franc codes that may answer for a Cyrillic sample: those whose alphabet has its letters. */
function cyrillicCandidates(sample: string, extra: string | undefined): string[] {
  const letters = sample.toLowerCase().match(SCRIPTS.cyrillic) ?? [];
  const tolerated = letters.length * FOREIGN_LETTER_SHARE;
  const asian = NON_EUROPEAN_CYRILLIC.test(sample.toLowerCase());
  const all = [...CYRILLIC_LETTER_SETS.keys()];
  const fitting = all.filter((code) => {
    if (CENTRAL_ASIAN.has(code) && !asian) return false;
    const alphabet = CYRILLIC_LETTER_SETS.get(code) ?? new Set();
    let foreign = 0;
    for (const letter of letters) if (!alphabet.has(letter)) foreign++;
    const own = OWN_LETTERS[code];
    if (foreign > 0 && own && !letters.some((letter) => own.test(letter))) return false;
    return foreign <= tolerated;
  });
  const chosen = fitting.length > 0 ? fitting : all;
  // A declared language whose alphabet the text does not fit stays out (Russian declared "bg").
  return extra && !(extra in CYRILLIC_ALPHABETS) ? [...chosen, extra] : chosen;
}

/**
 * Identifies the language of a text; `undefined` when it has no letters to read. `declared` (a
 * primary subtag) adds that language to the candidates when it is one franc-all knows but that is
 * not a candidate by itself. Pure and deterministic.
 */
export function identifyLanguage(text: string, declared?: string): LanguageGuess | undefined {
  const prose = proseSample(text);
  const latin = count(prose, SCRIPTS.latin);
  const cyrillic = count(prose, SCRIPTS.cyrillic);
  const all = count(prose, LETTER);
  const extra = declared ? FRANC_CODE.get(declared) : undefined;
  const withExtra = (codes: readonly string[]) =>
    extra && !codes.includes(extra) ? [...codes, extra] : [...codes];
  // The script most of the letters are in decides; words in the other one are names or quotes.
  const without = (script: RegExp) =>
    prose
      .split(" ")
      .filter((word) => !script.test(word))
      .join(" ");
  let sample = prose;
  let only: string[];
  if (cyrillic > all / 2) {
    sample = without(HAS_LATIN);
    only = cyrillicCandidates(sample, extra);
  } else if (latin > all / 2) {
    sample = without(HAS_CYRILLIC);
    only = withExtra(LATIN_CANDIDATES);
  } else only = withExtra(Object.keys(CANDIDATES));
  const letters = count(sample, LETTER);
  if (letters === 0) return undefined;
  // Franc reads Japanese with more kanji than kana as Chinese: kana are Japanese only.
  const kana = count(sample, KANA);
  if (kana > 0 && kana >= count(sample, HAN) * 0.1)
    return { language: "ja", scores: new Map([["ja", 1]]), letters };
  const scores = new Map<string, number>();
  for (const [code, score] of franc().francAll(sample, { only, minLength: 1 })) {
    const tag = CANDIDATES[code] ?? DECLARED_ONLY[code];
    if (tag && !scores.has(tag)) scores.set(tag, score);
  }
  const language = scores.keys().next().value;
  return language === undefined ? undefined : { language, scores, letters };
}

/** The most probable language of a text ("und" when it has no letters). */
export function detectLanguage(text: string): string {
  return identifyLanguage(text)?.language ?? "und";
}

/**
 * A declared language as a lowercase primary subtag: "en-GB" → "en", "ru_RU" → "ru", "iw" → "he";
 * undefined for anything else ("und", "mul", "English").
 */
export function declaredPrimary(declared: string | undefined): string | undefined {
  const primary = declared?.trim().toLowerCase().split(/[-_]/)[0];
  if (!primary || !/^[a-z]{2,3}$/.test(primary) || primary === "und" || primary === "mul") return undefined;
  return TAG_ALIASES[primary] ?? primary;
}

function alike(a: string, b: string): boolean {
  return a === b || ALIKE.some((group) => group.includes(a) && group.includes(b));
}

/**
 * The article's language. With no usable declaration, the language the text is most probably in.
 * With one, the declared primary subtag, unless the text has at least {@link MIN_LETTERS} letters
 * and the declared language trails the detected one by enough ({@link MIN_EVIDENCE}; a language
 * not written in the text's script trails by everything): then the detected one, with a warning
 * naming both. A declared language that franc-all cannot score is kept.
 */
export function resolveLanguage(
  text: string,
  declared: string | undefined,
): { language: string; warning?: string } {
  const primary = declaredPrimary(declared);
  const scoredAs = primary && (SCORED_AS[primary] ?? primary);
  const guess = identifyLanguage(text, scoredAs);
  if (!primary || !scoredAs) return { language: guess?.language ?? "und" };
  if (!guess || guess.letters < MIN_LETTERS || alike(primary, guess.language)) return { language: primary };
  if (!FRANC_CODE.has(scoredAs)) return { language: primary };
  const margin = 1 - (guess.scores.get(scoredAs) ?? 0);
  if (margin * guess.letters < MIN_EVIDENCE) return { language: primary };
  return {
    language: guess.language,
    warning: `declared language "${declared}" does not match the text; detected "${guess.language}"`,
  };
}
