import type { Topic } from "../content/registry.ts";
import type { TopicEvidence } from "../content/schema.ts";

/**
 * Topic tagging: pure, deterministic and explainable. Terms from `registry/topics.yaml` are
 * matched by whole tokens (a trailing `*` on a word makes it a stem-prefix match), never by
 * substring, with Unicode-aware word boundaries (JavaScript's `\b` does not see Cyrillic letters).
 */

/** A word starts with a letter or digit and may continue with letters, marks, digits, apostrophes, hyphens. */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;

/** How much a hit counts, per field: a topic in the headline says more than one in passing. */
export const FIELD_WEIGHTS = { title: 3, summary: 2, body: 1 } as const;

/** Characters of context on each side of the strongest match in an evidence snippet. */
export const SNIPPET_RADIUS = 60;

export type Field = keyof typeof FIELD_WEIGHTS;

export interface Token {
  /** Lowercased, apostrophes unified to ', trailing apostrophes and hyphens dropped. */
  word: string;
  start: number;
  end: number;
}

interface Pattern {
  /** The term as written in the registry. */
  term: string;
  words: { text: string; prefix: boolean }[];
}

/** A topic compiled for matching. */
export interface TopicMatcher {
  id: string;
  threshold: number;
  terms: Pattern[];
  excludes: Pattern[];
}

export interface TagResult {
  topics: string[];
  evidence: Record<string, TopicEvidence>;
}

function normalizeWord(word: string): string {
  return word
    .normalize("NFC")
    .toLowerCase()
    .replace(/’/g, "'")
    .replace(/['-]+$/, "");
}

/** Splits text into word tokens with their positions. */
export function tokenize(text: string): Token[] {
  return [...text.matchAll(TOKEN)].map((m) => ({
    word: normalizeWord(m[0]),
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function compilePattern(term: string): Pattern {
  const words = term
    .trim()
    .split(/\s+/)
    .map((word) => {
      const prefix = word.endsWith("*");
      return { text: normalizeWord(prefix ? word.slice(0, -1) : word), prefix };
    });
  return { term, words };
}

/** Compiles registry topics for {@link tagArticle}; longer terms first, so a phrase wins over its words. */
export function compileTopics(topics: readonly Topic[]): TopicMatcher[] {
  const all = (lists: Record<string, string[] | undefined>) =>
    Object.values(lists)
      .flatMap((list) => list ?? [])
      .map(compilePattern);
  return topics.map((topic) => ({
    id: topic.id,
    threshold: topic.threshold,
    terms: all(topic.terms).sort((a, b) => b.words.length - a.words.length),
    excludes: all(topic.exclude),
  }));
}

function matchesAt(tokens: readonly Token[], at: number, pattern: Pattern): boolean {
  return pattern.words.every((w, k) => {
    const token = tokens[at + k];
    if (!token) return false;
    return w.prefix ? token.word.startsWith(w.text) : token.word === w.text;
  });
}

interface Hit {
  field: Field;
  form: string;
  start: number;
  end: number;
}

/** Every hit of a topic's terms in one text, minus the words that its exclusions cover. */
export function findHits(text: string, field: Field, matcher: TopicMatcher): Hit[] {
  const tokens = tokenize(text);
  const used = new Set<number>();
  for (let i = 0; i < tokens.length; i++) {
    for (const exclude of matcher.excludes) {
      if (!matchesAt(tokens, i, exclude)) continue;
      for (let k = 0; k < exclude.words.length; k++) used.add(i + k);
    }
  }
  const hits: Hit[] = [];
  for (const pattern of matcher.terms) {
    for (let i = 0; i < tokens.length; i++) {
      const span = pattern.words.map((_, k) => i + k);
      if (span.some((k) => used.has(k)) || !matchesAt(tokens, i, pattern)) continue;
      for (const k of span) used.add(k);
      const first = tokens[i] as Token;
      const last = tokens[i + span.length - 1] as Token;
      hits.push({
        field,
        form: span.map((k) => tokens[k]?.word).join(" "),
        start: first.start,
        end: last.end,
      });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** A short piece of text around a match, cut at spaces, with ellipses where it was cut. */
export function snippetAround(text: string, start: number, end: number): string {
  let from = Math.max(0, start - SNIPPET_RADIUS);
  let to = Math.min(text.length, end + SNIPPET_RADIUS);
  if (from > 0) from = text.indexOf(" ", from) + 1 || from;
  if (to < text.length) to = text.lastIndexOf(" ", to) > end ? text.lastIndexOf(" ", to) : to;
  const piece = text.slice(from, to).replace(/\s+/g, " ").trim();
  return `${from > 0 ? "…" : ""}${piece}${to < text.length ? "…" : ""}`;
}

/**
 * Tags an article's title, summary and body with registry topics. A topic is assigned when its
 * weighted score reaches the topic's threshold; its evidence lists every matched word form with
 * its count and a snippet around the strongest match (first hit in the heaviest field). Pure.
 */
export function tagArticle(fields: Record<Field, string>, matchers: readonly TopicMatcher[]): TagResult {
  const topics: string[] = [];
  const evidence: Record<string, TopicEvidence> = {};
  for (const matcher of matchers) {
    const hits = (Object.keys(FIELD_WEIGHTS) as Field[]).flatMap((field) =>
      findHits(fields[field], field, matcher),
    );
    const score = hits.reduce((sum, hit) => sum + FIELD_WEIGHTS[hit.field], 0);
    if (hits.length === 0 || score < matcher.threshold) continue;
    const counts = new Map<string, number>();
    for (const hit of hits) counts.set(hit.form, (counts.get(hit.form) ?? 0) + 1);
    const terms = [...counts]
      .map(([term, count]) => ({ term, count }))
      .sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    const strongest = hits[0] as Hit;
    topics.push(matcher.id);
    evidence[matcher.id] = {
      score,
      terms,
      snippet: snippetAround(fields[strongest.field], strongest.start, strongest.end),
    };
  }
  return { topics, evidence };
}
