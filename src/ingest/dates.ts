import { isoDateProblem } from "../content/dates.ts";

/**
 * Article dates at ingest: the one date parser of the pipeline. Every date is parsed strictly
 * (2026-02-30 is an error, never 2 March), in two ways: {@link parseDateText} finds a date in a
 * line of text (a capture's date line, a feed's date, a date shown on a page), {@link parsePageDate}
 * reads a value that must be a date and nothing else (a page's metadata: `article:published_time`,
 * JSON-LD `datePublished`, `<time datetime>`). Candidates are tried in order of trust (command line,
 * page metadata or feed, a date in the text or shown on the page, a date in the URL), a candidate
 * more than {@link FUTURE_TOLERANCE_MS} ahead of now is refused with a warning, and when nothing is
 * left the ingest time is used and flagged (`date_source: ingested`: the site never shows such an
 * article as the latest news).
 */

export type DateSource = "cli" | "meta" | "feed" | "text" | "url" | "ingested";

/** A date some part of an input claims, and where the claim comes from. */
export interface DateCandidate {
  /** ISO 8601 with offset, or free text to parse with {@link parseDateText}. */
  value: string;
  source: Exclude<DateSource, "cli" | "ingested">;
}

/**
 * How far ahead of the ingest clock a date may be: a day covers every time zone (UTC+14 against
 * UTC-12) plus a slow clock; anything later is a wrong date (a mis-parsed day/month, an event date).
 */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Why a YYYY-MM-DD day is invalid (format or calendar), or undefined when it is valid. */
export function dayProblem(day: string): string | undefined {
  if (!DAY.test(day)) return `"${day}" is not a date in the form YYYY-MM-DD`;
  const problem = isoDateProblem(`${day}T00:00:00Z`);
  return problem ? `"${day}" ${problem}` : undefined;
}

/** A moment as ISO 8601 in UTC with an explicit "+00:00" offset, to the second. */
export function toIsoUtc(moment: Date): string {
  return moment.toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

/** Midnight UTC of a day, as the contract's ISO form: "2024-03-22T00:00:00+00:00". */
export function dayToIso(day: string): string {
  return `${day}T00:00:00+00:00`;
}

/**
 * Month names → month number: English, Russian, Ukrainian and Bulgarian (with abbreviations and
 * the genitive forms dates use), and the other languages of Europe's news (French, German, Dutch,
 * Spanish, Portuguese, Italian, Polish, Czech, Romanian, Hungarian, Swedish, Danish/Norwegian,
 * Finnish, Greek, Serbian, Croatian), each also without its diacritics, as URLs spell them. Only
 * read between a day and a year ("14 mars 2020", "14. März 2020", "14 de enero de 2020"), so a name
 * that is also a word ("mai", "mars") cannot turn a sentence into a date.
 */
const MONTHS: Record<string, number> = {};
const MONTH_STEMS: [number, string][] = [
  [
    1,
    "jan january январ января январь січ січня січень януари janvier januar januari enero janeiro gennaio stycznia styczeń ledna leden ianuarie január januári tammikuuta ιανουαρίου јануар siječnja yanvarya sichnya",
  ],
  [
    2,
    "feb february феврал февраля февраль лют лютого лютий февруари février februar februari febrero fevereiro febbraio lutego luty února únor februarie február februári helmikuuta φεβρουαρίου фебруар veljače fevralya lyutogo lyutoho",
  ],
  [
    3,
    "mar march март марта бер березня березень mars märz maerz maart marzo março marca marzec března březen martie március márciusi maaliskuuta μαρτίου ožujka marta bereznya",
  ],
  [
    4,
    "apr april апр апреля апрель квіт квітня квітень април avril abril aprile kwietnia kwiecień dubna duben aprilie április huhtikuuta απριλίου travnja aprelya kvitnya",
  ],
  [
    5,
    "may мая май трав травня травень mai mei mayo maio maggio maja maj května květen május toukokuuta μαΐου мај svibnja maya travnya",
  ],
  [
    6,
    "jun june июн июня июнь черв червня червень юни juin juni junio junho giugno czerwca czerwiec června červen iunie június kesäkuuta ιουνίου јун lipnja iyunya chervnya",
  ],
  [
    7,
    "jul july июл июля июль лип липня липень юли juillet juli julio julho luglio lipca lipiec července červenec iulie július heinäkuuta ιουλίου јул srpnja iyulya lypnya lipnya",
  ],
  [
    8,
    "aug august авг августа август серп серпня серпень août augustus agosto sierpnia sierpień srpna srpen august augusztus elokuuta αυγούστου август kolovoza avgusta serpnya",
  ],
  [
    9,
    "sep sept september сен сент сентября сентябрь вер вересня вересень септември septembre septiembre setiembre setembro settembre września wrzesień září septembrie szeptember syyskuuta σεπτεμβρίου септембар rujna sentyabrya veresnya",
  ],
  [
    10,
    "oct october окт октября октябрь жовт жовтня жовтень октомври octobre oktober octubre outubro ottobre października październik října říjen octombrie október lokakuuta οκτωβρίου октобар oktyabrya zhovtnya",
  ],
  [
    11,
    "nov november ноя нояб ноября ноябрь лист листопада листопад ноември novembre noviembre novembro listopada listopad listopadu noiembrie marraskuuta νοεμβρίου новембар studenoga noyabrya lystopada",
  ],
  [
    12,
    "dec december дек декабря декабрь груд грудня грудень декември décembre dezember diciembre dezembro dicembre grudnia grudzień prosince prosinec decembrie joulukuuta δεκεμβρίου децембар prosinca dekabrya grudnya hrudnya",
  ],
];
/** A word without its diacritics: "février" → "fevrier", "března" → "brezna", as URLs write them. */
const plain = (word: string) => word.normalize("NFD").replace(/\p{M}/gu, "");
for (const [month, names] of MONTH_STEMS)
  for (const name of names.split(" ")) {
    // A name in two languages keeps its first month ("listopada": November in Polish and
    // Ukrainian, October in Croatian, is listed as November only).
    MONTHS[name] ??= month;
    MONTHS[plain(name)] ??= month;
  }

/** Time-zone abbreviations seen in captures and pages, as fixed offsets (Moscow has had no DST since 2014). */
export const ZONES: Record<string, string> = {
  utc: "+00:00",
  gmt: "+00:00",
  ut: "+00:00",
  z: "+00:00",
  msk: "+03:00",
  мск: "+03:00",
  eet: "+02:00",
  eest: "+03:00",
  cet: "+01:00",
  cest: "+02:00",
  bst: "+01:00",
  est: "-05:00",
  edt: "-04:00",
  cst: "-06:00",
  cdt: "-05:00",
  mst: "-07:00",
  mdt: "-06:00",
  pst: "-08:00",
  pdt: "-07:00",
};

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A date parsed: the contract's ISO 8601 form with an explicit offset, and whether a time and a
 * zone were given (without a zone the time is read as UTC, the documented assumption).
 */
export interface ParsedDate {
  iso: string;
  hasTime: boolean;
  hasZone: boolean;
}

/** A date-time that names an impossible day or time: an error, not a roll-over. */
export class DateTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DateTextError";
  }
}

const MONTH_WORD = "(\\p{L}{3,13})\\.?";
/** "22nd", "1st": an English ordinal after the day. */
const ORDINAL = "(?:st|nd|rd|th)?";
const DATE_PATTERNS: { re: RegExp; order: "ymd" | "dmy" | "mdy" | "dMy" | "Mdy" }[] = [
  { re: /(\d{4})-(\d{2})-(\d{2})/u, order: "ymd" },
  { re: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/u, order: "dmy" },
  // "14 janvier 2020", "14. März 2020", "14 de enero de 2020", "14 Μαρτίου 2020", "22nd March 2024".
  {
    re: new RegExp(
      `(?<![\\p{L}\\d])(\\d{1,2})${ORDINAL}\\.?\\s+(?:de\\s+)?${MONTH_WORD}\\s+(?:de\\s+)?(\\d{4})`,
      "u",
    ),
    order: "dMy",
  },
  {
    re: new RegExp(`(?<![\\p{L}])${MONTH_WORD}\\s+(\\d{1,2})${ORDINAL},?\\s+(\\d{4})`, "u"),
    order: "Mdy",
  },
];
const TIME = /(?:T|\s|,\s*|\s+(?:at|в|о)\s+)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*([ap]\.?m\.?)?/iu;
const ZONE = /^\s*(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?(?!\d)|\(?(\p{L}{1,4})\)?(?![\p{L}]))/u;

/** A date found in a text, and where in it the date (with its time and zone) starts and ends. */
interface FoundDate extends ParsedDate {
  start: number;
  end: number;
}

/** The first date in `text` (see {@link parseDateText}); throws {@link DateTextError} for an impossible one. */
function findDate(text: string): FoundDate | undefined {
  for (const { re, order } of DATE_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    let year: number;
    let month: number | undefined;
    let day: number;
    if (order === "ymd") [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    else if (order === "dmy") [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    else if (order === "dMy")
      [day, month, year] = [Number(m[1]), MONTHS[(m[2] ?? "").toLowerCase()], Number(m[3])];
    else [month, day, year] = [MONTHS[(m[1] ?? "").toLowerCase()], Number(m[2]), Number(m[3])];
    if (month === undefined) continue; // "22 people 2024": a number and a word, not a date
    let end = m.index + m[0].length;
    const suffix = /^\s*(?:г\.|р\.|року|года)/u.exec(text.slice(end));
    if (suffix) end += suffix[0].length;
    const time = TIME.exec(text.slice(end));
    const hasTime = Boolean(time && time.index <= 3);
    let hour = 0;
    let minute = 0;
    let second = 0;
    if (time && hasTime) {
      [hour, minute, second] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
      const meridiem = time[4]?.toLowerCase().replaceAll(".", "");
      if (meridiem && (hour < 1 || hour > 12))
        throw new DateTextError(`"${text}" has ${hour} ${meridiem}, which does not exist`);
      if (meridiem === "pm" && hour < 12) hour += 12;
      if (meridiem === "am" && hour === 12) hour = 0;
      end += time.index + time[0].length;
    }
    let offset = "+00:00";
    let hasZone = false;
    const zone = ZONE.exec(text.slice(end));
    if (zone && (hasTime || order === "ymd")) {
      if (zone[1]) [offset, hasZone] = ["+00:00", true];
      else if (zone[2]) [offset, hasZone] = [`${zone[2]}${zone[3]}:${zone[4] ?? "00"}`, true];
      else if (zone[5] && ZONES[zone[5].toLowerCase()])
        [offset, hasZone] = [ZONES[zone[5].toLowerCase()] ?? "+00:00", true];
      if (hasZone) end += zone[0].length;
    }
    const iso = `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${offset}`;
    const problem = isoDateProblem(iso);
    if (problem) throw new DateTextError(`"${text.trim()}" is not a real date: ${iso} ${problem}`);
    return { iso, hasTime, hasZone, start: m.index, end };
  }
  return undefined;
}

/**
 * Finds a date in text written in English, Russian, Ukrainian, the other languages of Europe's
 * news (see MONTHS) or numerically, with an optional time and zone: "22 марта 2024",
 * "22 березня 2024 р., 10:15", "March 22, 2024 10:15 MSK", "22.03.2024",
 * "2024-03-22T10:15:00+03:00". Returns undefined when the text holds no date; throws
 * {@link DateTextError} when it holds an impossible one (2026-02-30, 25:00). Without a zone the
 * time is taken as UTC and `hasZone` is false.
 */
export function parseDateText(text: string): ParsedDate | undefined {
  const found = findDate(text);
  return found && { iso: found.iso, hasTime: found.hasTime, hasZone: found.hasZone };
}

/** A weekday or other word before a date: "Fri, 22 Mar 2024", "Friday, March 22, 2024". */
const LEADING_WORD = /^\p{L}{2,12}\.?,?\s+/u;
/** Metadata forms that are not written in text: `20240322T093000Z`, `2024/3/22 09:30`. */
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(?=\s*(?:Z|[+-]\d{2}:?\d{2})?$)/;
const SLASHED = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)/;

/**
 * A value that must be a date and nothing else, as page metadata gives it (ISO 8601, RFC 2822,
 * "March 22, 2024 at 6:01 pm EDT", "20240322T093000Z", or any form {@link parseDateText} reads),
 * or undefined when it is not exactly one real date. Years before 1990 or after 2100 are
 * placeholders ("0001-01-01") or typos, not publication dates.
 */
export function parsePageDate(value: string): ParsedDate | undefined {
  let text = value.trim().replace(/\s+/g, " ");
  if (text.length === 0 || text.length > 80) return undefined;
  text = text
    .replace(COMPACT, (_, y, mo, d, h, mi, s) => `${y}-${mo}-${d}${h ? `T${h}:${mi}:${s ?? "00"}` : ""}`)
    .replace(SLASHED, (_, y, mo, d) => `${y}-${mo.padStart(2, "0")}-${d.padStart(2, "0")}`);
  let found: FoundDate | undefined;
  try {
    found = findDate(text);
  } catch {
    return undefined;
  }
  if (!found || text.slice(found.end).trim() !== "") return undefined;
  const before = text.slice(0, found.start);
  if (before !== "" && LEADING_WORD.exec(before)?.[0] !== before) return undefined;
  const year = Number(found.iso.slice(0, 4));
  if (year < 1990 || year > 2100) return undefined;
  return { iso: found.iso, hasTime: found.hasTime, hasZone: found.hasZone };
}

/** The instant of a contract date-time in milliseconds (for comparing dates from two sources). */
export function instantOf(iso: string): number {
  return Date.parse(iso);
}

/** Reads the day (YYYY-MM-DD) of a date line, or undefined when it holds no valid date. */
export function dayFromDateLine(line: string): string | undefined {
  try {
    return parseDateText(line)?.iso.slice(0, 10);
  } catch {
    return undefined;
  }
}

/** The date an article gets, how it is known, and any candidate that was refused and why. */
export interface ResolvedDate {
  date: string;
  date_source: DateSource;
  warnings: string[];
}

/**
 * The article's date: `cliDay` wins; then each candidate in the order given (the reader lists
 * them most trusted first), skipping unparseable, impossible and future ones with a warning; then
 * the ingest time, with a warning. Pure.
 */
export function resolveDate(
  cliDay: string | undefined,
  candidates: readonly DateCandidate[],
  now: Date,
): ResolvedDate {
  const warnings: string[] = [];
  if (cliDay) return { date: dayToIso(cliDay), date_source: "cli", warnings };
  for (const candidate of candidates) {
    let parsed: ParsedDate | undefined;
    try {
      parsed = parseDateText(candidate.value);
    } catch (error) {
      warnings.push(`${candidate.source} date refused: ${(error as Error).message}`);
      continue;
    }
    if (!parsed) {
      warnings.push(`${candidate.source} date refused: "${candidate.value}" is not a date`);
      continue;
    }
    if (new Date(parsed.iso).getTime() - now.getTime() > FUTURE_TOLERANCE_MS) {
      warnings.push(
        `${candidate.source} date refused: ${parsed.iso} is in the future (more than a day after ${toIsoUtc(now)})`,
      );
      continue;
    }
    return { date: parsed.iso, date_source: candidate.source, warnings };
  }
  const date = toIsoUtc(now);
  warnings.push(
    `no --date and no usable date in the input: dated by ingest time ${date}. Pass --date YYYY-MM-DD to set the publication day.`,
  );
  return { date, date_source: "ingested", warnings };
}

/** Slug words between a day and a year that are not the month: "le", "de", weekdays are skipped. */
const SLUG_FILLER = new Set(["de", "del", "do", "da", "of", "the", "le"]);

/**
 * The publication day a URL's path gives, if any: `/2024/03/22/`, `/2024-03-22-…`, `/20240322/`,
 * or a date in words in the slug, in any language above (`…-mardi-14-janvier-2020`,
 * `…-march-22-2024`, `…-22-marta-2024-…`). Digits must stand alone (an id like 2024032201 is not a
 * date), the day must exist, and the year must be 1990 or later. The query and fragment are not
 * read.
 */
export function dateInUrl(url: string): DateCandidate | undefined {
  let path: string;
  try {
    path = decodeURIComponent(new URL(url).pathname).toLowerCase();
  } catch {
    return undefined;
  }
  const day = (y: string | number, m: string | number, d: string | number) => {
    const value = `${y}-${pad(Number(m))}-${pad(Number(d))}`;
    return Number(y) >= 1990 && !dayProblem(value) ? { value, source: "url" as const } : undefined;
  };
  const numeric =
    /(?<!\d)((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?!\d)/u.exec(path) ??
    /(?<![\d])((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/u.exec(path);
  if (numeric) {
    const found = day(numeric[1] as string, numeric[2] as string, numeric[3] as string);
    if (found) return found;
  }
  const words = path.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "" && !SLUG_FILLER.has(w));
  for (let i = 0; i + 2 < words.length; i++) {
    const [a, b, c] = [words[i] as string, words[i + 1] as string, words[i + 2] as string];
    // day month year, or month day year
    const dmy = /^\d{1,2}$/.test(a) && MONTHS[b] !== undefined && /^\d{4}$/.test(c);
    const mdy = MONTHS[a] !== undefined && /^\d{1,2}$/.test(b) && /^\d{4}$/.test(c);
    const found = dmy ? day(c, MONTHS[b] as number, a) : mdy ? day(c, MONTHS[a] as number, b) : undefined;
    if (found) return found;
  }
  return undefined;
}
