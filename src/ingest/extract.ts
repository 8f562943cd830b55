import type { KeptLine } from "./clean.ts";
import { DateTextError, parseDateText } from "./dates.ts";

/**
 * Structure of a cleaned text capture: title, then an optional header (photo caption with credit,
 * update note, a date line), then the article body. Works on paragraphs, i.e. runs of
 * non-blank lines; a removed line also ends a paragraph.
 */

/** A paragraph and the 1-based capture line it starts on. */
export interface Paragraph {
  line: number;
  text: string;
}

export interface ExtractedCapture {
  title: string;
  imageCaption?: string;
  imageCredit?: string;
  updateNote?: string;
  /** A date written in the header on its own line, as written. */
  dateLine?: string;
  body: Paragraph[];
}

/**
 * How many paragraphs after the title may still be header (caption, update note, date line).
 * A capture puts these right under the headline; three covers all three at once.
 */
export const MAX_HEADER_PARAGRAPHS = 3;

/** Longer than this, a paragraph is prose, not a headline or a caption (longest seen: ~150). */
export const MAX_HEADLINE_LENGTH = 250;

/**
 * A photo credit at the end of a caption: "Name Surname / AGENCY" (agency in capitals or a
 * capitalised name, e.g. "Ivan Noyabrev / TASS", "Maxim Shemetov / Reuters").
 */
const CAPTION_WITH_CREDIT =
  /^(?<caption>.*\S[.!?…)])\s+(?<credit>\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3}\s*\/\s*\p{Lu}[\p{L}\p{N}.&'’ -]{0,40})$/u;

/** Editors' notes that sit above the body. */
const UPDATE_NOTE = /^(?:updated?|correction|editor['’]s note)\b[:\s]/iu;

/**
 * A header line that is just a date: "March 22, 2024", "22 марта 2024 г., 10:15 MSK",
 * "22 березня 2024", "2024-03-22", "22.03.2024" (read strictly by `parseDateText` in dates.ts).
 */
const DATE_LINE =
  /^(?:\p{L}+,?\s+)?(?:\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{L}+\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})(?:\s*(?:г\.|р\.))?(?:,?\s+(?:at\s+|в\s+|о\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:\p{L}{2,4}|[+-]\d{2}:?\d{2}))?)?$/iu;

/** Groups kept lines into paragraphs: a blank line or a gap left by a removed line ends one. */
export function paragraphsOf(kept: readonly KeptLine[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: KeptLine[] = [];
  const flush = () => {
    if (current.length > 0) {
      paragraphs.push({ line: current[0]?.line ?? 0, text: current.map((l) => l.text).join("\n") });
    }
    current = [];
  };
  let previousLine = -1;
  for (const line of kept) {
    if (line.line !== previousLine + 1) flush();
    previousLine = line.line;
    if (line.text.trim() === "") flush();
    else current.push(line);
  }
  flush();
  return paragraphs;
}

/** Splits a caption paragraph into caption and credit, when it ends with a credit. */
export function splitCaption(text: string): { caption: string; credit: string } | undefined {
  if (text.length > MAX_HEADLINE_LENGTH || text.includes("\n")) return undefined;
  const match = CAPTION_WITH_CREDIT.exec(text);
  if (!match?.groups) return undefined;
  return { caption: (match.groups.caption ?? "").trim(), credit: (match.groups.credit ?? "").trim() };
}

/**
 * Finds title, header and body in the paragraphs of a cleaned capture. Returns undefined when
 * there is no paragraph that can be a title. Pure.
 */
export function extractCapture(paragraphs: readonly Paragraph[]): ExtractedCapture | undefined {
  const [first, ...rest] = paragraphs;
  if (!first || first.text.length > MAX_HEADLINE_LENGTH || first.text.includes("\n")) return undefined;
  const result: ExtractedCapture = { title: first.text.trim(), body: [] };
  let index = 0;
  for (; index < Math.min(rest.length, MAX_HEADER_PARAGRAPHS); index++) {
    const text = (rest[index]?.text ?? "").trim();
    const caption = result.imageCaption === undefined ? splitCaption(text) : undefined;
    if (caption) {
      result.imageCaption = caption.caption;
      result.imageCredit = caption.credit;
    } else if (
      result.updateNote === undefined &&
      text.length <= MAX_HEADLINE_LENGTH &&
      UPDATE_NOTE.test(text)
    ) {
      result.updateNote = text;
    } else if (result.dateLine === undefined && DATE_LINE.test(text)) {
      result.dateLine = text;
    } else break;
  }
  result.body = rest.slice(index);
  return result;
}

/**
 * What a capture says about itself on lines of their own, outside the article: its address and
 * its date, as people paste them and reader apps and browsers' "copy page" write them.
 */
export interface CaptureHeader {
  /** The article's address: a labelled line, else a bare URL line at the top, else at the bottom. */
  url?: string;
  /** Dates as written, most trusted first: a labelled line's value, then a bare date line at the top. */
  dates: string[];
  /** 0-based indexes of the lines read here: they are not article text. */
  consumed: Set<number>;
}

/** "Date: …", "Published: …", "Published on …" (EN/RU/UK); only a colon after "Date"/"Дата". */
const DATE_LABEL =
  /^(?:(?:date|publication date|date published|published(?:\s+(?:on|at))?|posted(?:\s+on)?|дата(?:\s+(?:публикации|публікації))?|опубликовано|опубліковано)\s*:|(?:published|posted)(?:\s+on)?\s|(?:опубликовано|опубліковано)\s)\s*(?<value>.+)$/iu;

/** "URL: …", "Source: …", "Link: …" and their RU/UK words, followed by nothing but the address. */
const URL_LABEL =
  /^(?:url|link|source|canonical(?:\s+url)?|original(?:\s+(?:url|article))?|permalink|адрес|ссылка|посилання|источник|джерело)\s*:\s*(?<value><?https?:\/\/\S+?>?)$/iu;

/** A line that is nothing but an http(s) address (in angle brackets, as some apps write it). */
const BARE_URL = /^<?(?<value>https?:\/\/[^\s<>]+)>?$/iu;

/** Longer than this, a labelled "date" is a sentence, not a date stamp. */
const MAX_DATE_VALUE_LENGTH = 60;

/** Whether the text holds a date (a real one, or an impossible one the date stage will refuse). */
function holdsDate(text: string): boolean {
  try {
    return parseDateText(text) !== undefined;
  } catch (error) {
    if (error instanceof DateTextError) return true;
    throw error;
  }
}

function urlOf(text: string | undefined): string | undefined {
  const value = text?.replace(/^<|>$/g, "");
  if (!value) return undefined;
  try {
    return new URL(value).protocol.startsWith("http") ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The date a labelled line gives, if it is one ("Date: 2024-03-22" → "2024-03-22"). */
function labelledDate(line: string): string | undefined {
  const value = DATE_LABEL.exec(line)?.groups?.value?.trim();
  return value && value.length <= MAX_DATE_VALUE_LENGTH && holdsDate(value) ? value : undefined;
}

/**
 * Reads a capture's address and date from its own lines (before any cleaning): the first labelled
 * date line and the first labelled URL line anywhere ("Date: 2024-03-22", "Published: 22 March
 * 2024 14:05", "URL: https://…", "Source: https://…"), and, in the run of lines above the headline,
 * bare URL and date lines; below the text, bare URL lines. A date under the headline is left to
 * {@link extractCapture}. Pure.
 */
export function readCaptureHeader(lines: readonly string[]): CaptureHeader {
  const trimmed = lines.map((line) => line.trim());
  const consumed = new Set<number>();
  let labelledUrl: string | undefined;
  let labelDate: string | undefined;
  trimmed.forEach((line, index) => {
    if (labelledUrl === undefined) {
      const url = urlOf(URL_LABEL.exec(line)?.groups?.value);
      if (url) {
        labelledUrl = url;
        consumed.add(index);
        return;
      }
    }
    if (labelDate === undefined) {
      labelDate = labelledDate(line);
      if (labelDate !== undefined) consumed.add(index);
    }
  });
  let topUrl: string | undefined;
  let topDate: string | undefined;
  for (let index = 0; index < trimmed.length; index++) {
    const line = trimmed[index] ?? "";
    if (line === "" || consumed.has(index)) continue;
    const url = urlOf(BARE_URL.exec(line)?.groups?.value);
    if (url) topUrl ??= url;
    else if (topDate === undefined && DATE_LINE.test(line) && holdsDate(line)) topDate = line;
    else break;
    consumed.add(index);
  }
  let bottomUrl: string | undefined;
  for (let index = trimmed.length - 1; index >= 0; index--) {
    const line = trimmed[index] ?? "";
    if (line === "" || consumed.has(index)) continue;
    const url = urlOf(BARE_URL.exec(line)?.groups?.value);
    if (!url) break;
    bottomUrl = url;
    consumed.add(index);
  }
  const url = labelledUrl ?? topUrl ?? bottomUrl;
  return {
    ...(url ? { url } : {}),
    dates: [labelDate, topDate].filter((d): d is string => d !== undefined),
    consumed,
  };
}
