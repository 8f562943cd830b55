import type { Quote } from "../content/schema.ts";

/**
 * Derived fields of an article: summary (the lead), key quotes with speakers where the sentence
 * names them, and the outlets it cites. Pure, conservative: when unsure, leave it out.
 */

/** Longest summary: about two lines in a listing; the lead is cut at a sentence boundary. */
export const MAX_SUMMARY_LENGTH = 300;

/** Quotes shorter than this many words are scare quotes ("partial", "buffer zone"), not statements. */
export const MIN_QUOTE_WORDS = 5;

/** A speaker phrase longer than this is a clause, not a name or a role. */
export const MAX_SPEAKER_WORDS = 6;

/** Sentence ends: . ! ? … (optionally closed by a quote or bracket) followed by a space. */
const SENTENCE_END = /(?<=[.!?…]["”’»)]?)\s+(?=["“‘«(\p{Lu}\p{N}])/u;

/** Splits a paragraph into sentences. */
export function sentencesOf(text: string): string[] {
  return text
    .split(SENTENCE_END)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Fewest words of a lead that does not end a sentence; shorter, it is a heading ("Kia PV5"). */
const MIN_LEAD_WORDS = 8;

/** Whether a paragraph reads as prose, not as a heading or a label. */
const isProse = (text: string) => /[.!?…]["”’»)]?$/u.test(text) || text.split(" ").length >= MIN_LEAD_WORDS;

/**
 * The lead: the first paragraph that reads as prose (a body may open with a heading, as a
 * listicle's first item does), or as many of its sentences as fit {@link MAX_SUMMARY_LENGTH}.
 */
export function summarize(paragraphs: readonly string[]): string {
  const texts = paragraphs.map((p) => p.replace(/\s+/g, " ").trim());
  const lead = texts.find(isProse) ?? texts[0] ?? "";
  if (lead.length <= MAX_SUMMARY_LENGTH) return lead;
  const sentences = sentencesOf(lead);
  let summary = sentences[0] ?? lead;
  for (const sentence of sentences.slice(1)) {
    if (summary.length + 1 + sentence.length > MAX_SUMMARY_LENGTH) break;
    summary = `${summary} ${sentence}`;
  }
  if (summary.length <= MAX_SUMMARY_LENGTH) return summary;
  const cut = summary.slice(0, MAX_SUMMARY_LENGTH - 1);
  return `${cut.slice(0, cut.lastIndexOf(" ") > 0 ? cut.lastIndexOf(" ") : cut.length)}…`;
}

const SPEECH_VERB =
  "(?:said|says|told|tells|added|adds|wrote|writes|stated|explained|noted|claimed|was quoted as saying)";
/** After a closing quote: `,” the source said`, `,” political scientist Ilya Grashchenkov told …`. */
const SPEAKER_AFTER = new RegExp(`^[,.]?\\s*([^.,;:“”"]+?)\\s+${SPEECH_VERB}\\b`, "u");
/** Before an opening quote: `Grashchenkov said: “…`. */
const SPEAKER_BEFORE = new RegExp(`([^.,;:“”"]+?)\\s+${SPEECH_VERB}(?:\\s+\\S+)?\\s*[:,]\\s*$`, "u");
const PRONOUN = /^(?:he|she|they|it|we|i|you|он|она|они|він|вона|вони)$/iu;
/** A personal name at the end of a speaker phrase: two or more capitalised words. */
const TRAILING_NAME = /(\p{Lu}[\p{Ll}'’-]+(?:\s+\p{Lu}[\p{Ll}'’-]+)+)$/u;

/** Names a speaker from the words around a quote, or undefined when the sentence does not say. */
export function speakerFrom(phrase: string): string | undefined {
  const words = phrase.trim().split(/\s+/);
  if (phrase.trim() === "" || words.length > MAX_SPEAKER_WORDS || PRONOUN.test(phrase.trim()))
    return undefined;
  const name = TRAILING_NAME.exec(phrase.trim());
  if (name?.[1] && name[1].split(/\s+/).length >= 2) return name[1];
  return phrase.trim().replace(/^one\s+(?!of\b)/iu, "a ");
}

/** Quoted passages in “…” with their speakers where the same sentence names them. */
export function findQuotes(paragraphs: readonly string[]): Quote[] {
  const quotes: Quote[] = [];
  for (const paragraph of paragraphs) {
    for (const match of paragraph.matchAll(/“([^“”]+)”/gu)) {
      const text = (match[1] ?? "").trim().replace(/[,;:]$/u, "");
      if (text.split(/\s+/).length < MIN_QUOTE_WORDS) continue;
      const after = paragraph.slice(match.index + match[0].length);
      const before = paragraph.slice(0, match.index);
      const phrase = SPEAKER_AFTER.exec(after)?.[1] ?? SPEAKER_BEFORE.exec(before)?.[1];
      const speaker = phrase === undefined ? undefined : speakerFrom(phrase);
      quotes.push(speaker ? { text, speaker } : { text });
    }
  }
  return quotes;
}

const OUTLET_NAME = "(\\p{Lu}[\\p{L}\\p{N}'’.&-]*(?:\\s+\\p{Lu}[\\p{L}\\p{N}'’.&-]*){0,3})";
/** Prose that names a cited outlet: "the investigative news outlet Vyorstka", "as Meduza reported". */
const CITATION_PATTERNS: readonly RegExp[] = [
  new RegExp(
    `\\b(?:news outlet|media outlet|outlet|newspaper|news site|news agency|publication|magazine|broadcaster|Telegram channel)\\s+${OUTLET_NAME}`,
    "gu",
  ),
  new RegExp(`\\bas\\s+${OUTLET_NAME}\\s+(?:reports|reported|wrote|writes)\\b`, "gu"),
  new RegExp(`\\baccording to (?:the )?(?:news outlet|outlet|newspaper|news agency)\\s+${OUTLET_NAME}`, "gu"),
];
/** A headline suffix naming the outlet a report is based on: "… Offensive – Vyorstka". */
const TITLE_SUFFIX = new RegExp(`\\s[–—-]\\s${OUTLET_NAME}$`, "u");

/**
 * Outlets the article cites: a headline suffix after " – " and phrases like "news outlet X" or
 * "as X reports". The article's own outlet is not a citation. Order of first appearance.
 */
export function findCitedOutlets(title: string, paragraphs: readonly string[], ownName: string): string[] {
  const found: string[] = [];
  const add = (name: string | undefined) => {
    const clean = name?.trim().replace(/[.’']+$/u, "");
    if (clean && clean !== ownName && !found.includes(clean)) found.push(clean);
  };
  add(TITLE_SUFFIX.exec(title)?.[1]);
  for (const paragraph of paragraphs) {
    const matches = CITATION_PATTERNS.flatMap((pattern) => [...paragraph.matchAll(pattern)]);
    for (const match of matches.sort((a, b) => a.index - b.index)) add(match[1]);
  }
  return found;
}
