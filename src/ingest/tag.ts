import type { Topic } from "../content/registry.ts";
import type { TopicEvidence } from "../content/schema.ts";

/**
 * Topic tagging: pure, deterministic and explainable. Terms from `registry/topics.yaml` are
 * matched by whole tokens (a trailing `*` on a word makes it a stem-prefix match), never by
 * substring, with Unicode-aware word boundaries (JavaScript's `\b` does not see Cyrillic letters).
 *
 * Per topic: exclusions (false friends) and terms claim their words longest first, an exclusion
 * before a term of its length, so a phrase wins over its words, an exclusion takes its words out of
 * play as evidence and as context ("vote on" in "the Senate will vote on"), and a longer term wins
 * over a shorter exclusion ("Swiss vote on" is a referendum); a phrase never spans a colon, dash,
 * bracket or opening quote ("vote 'to your grave'" is not "vote to"); a term that is not
 * `standalone` counts only when the topic's `requires` context occurs (within a window of words,
 * or anywhere in the article; a headline and its lede are one unit for it); each counted hit adds
 * field weight × term weight to the score (body hits scaled down in long bodies, sooner when the
 * topic is named only in the body: then it is background unless it comes up all through the
 * text); the topic is assigned when the score reaches its threshold. Hyphenated compounds are read
 * as their parts, so "election" matches in "election-fraud" and the term "re-election" in
 * "re-election" and "re election".
 *
 * Speed: every phrase of every topic is indexed once by its first word, exact words in a Map and
 * stems in a prefix trie, so each token costs one Map lookup and a short trie walk, whatever the
 * number of terms, and a word already seen costs one Map lookup (news repeats its words). The
 * index is built on first use and cached per compiled topic list.
 */

/** How much a hit counts, per field: a topic in the headline says more than one in passing. */
export const FIELD_WEIGHTS = { title: 3, summary: 2, body: 1 } as const;

/**
 * Body length (in words) beyond which body hits are scaled down in proportion: a name mentioned three
 * times in a 5,000-word listing says less than three times in a 600-word news story (BM25 does the
 * same). 1,500 words is a long news article; the seed has about 700. Calibrated on the labelled set:
 * a list of thirty photographers, one born in Kharkiv (wcxb 1708, test/fixtures/topic-labels.yaml).
 */
export const LONG_BODY_WORDS = 1500;

/**
 * The same scaling for a topic named only in the body (no hit in the title or summary) starts much
 * earlier, at the length of a short news story: beyond it, such a topic needs about one point per 90
 * words (threshold 3 per 270 words) to be tagged. A subject is named in the headline or the lede, or
 * all through the text; a story that names an election a few times across 700 words (a trade deal
 * and the president's re-election chances, an impeachment hearing in the run-up to a vote, a front
 * page with one sidebar headline) uses it as background. Calibrated on the whole articles of
 * test/fixtures/topic-labels.yaml: the seed (about 470 words, a paragraph on the presidential
 * election and its fraud reports) and a 500-word essay on voters keep elections; the aeb impeachment
 * and trade stories and the BBC front page (wcxb 2961) lose it. A long essay that brings up the
 * campaign all through its 1,800 words (the National Review impeachment piece, which three blind
 * labellers filed under elections) stays above the line.
 */
export const BODY_ONLY_WORDS = 270;

/** Characters of context on each side of the strongest match in an evidence snippet. */
export const SNIPPET_RADIUS = 60;

export type Field = keyof typeof FIELD_WEIGHTS;
const FIELDS = Object.keys(FIELD_WEIGHTS) as Field[];

export interface Token {
  /** Lowercased, NFC, apostrophes unified to ', trailing apostrophes and hyphens dropped. */
  word: string;
  start: number;
  end: number;
  /**
   * Whether a colon, semicolon, bracket, dash, pipe, ! or ?, or an opening quote, stands between this
   * token and the previous one: a phrase never spans it ("vote 'to your grave'" is not "vote to").
   */
  breakBefore: boolean;
}

/** A term, exclusion or context phrase compiled to words. */
export interface Phrase {
  /** As written in the registry. */
  term: string;
  words: { text: string; prefix: boolean }[];
}

/** A match term with how much one hit weighs and whether it needs the topic's context. */
export interface WeightedPhrase extends Phrase {
  weight: number;
  standalone: boolean;
}

/** A topic compiled for matching. */
export interface TopicMatcher {
  id: string;
  threshold: number;
  /** Longest first (words, then letters), then registry order. */
  terms: WeightedPhrase[];
  excludes: Phrase[];
  requires: { scope: "window" | "document"; window: number; phrases: Phrase[] } | undefined;
}

export interface TagResult {
  topics: string[];
  evidence: Record<string, TopicEvidence>;
}

/** A word starts with a letter or digit and may continue with letters, marks, digits, apostrophes, hyphens. */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;
/** Characters that make a word need more than lowercasing: marks (NFC), ’, trailing ' or -. */
const NEEDS_CARE = /[\p{M}’]|['-]$/u;
const COMBINING_MARK = /\p{M}/u;
const TRAILING_JOINERS = /['-]+$/;
/**
 * Punctuation between two words that ends a phrase: a colon, semicolon, bracket, dash, pipe, ! or ?,
 * or a quotation opening before the second word ("vote 'to your grave'" is not "vote to"). Not a
 * closing quote (a scare-quoted word stays in its phrase: “partial” mobilization), nor the full stop
 * or the comma, which abbreviations and names cross ("U.S. troops", "Washington, D.C.").
 */
const PHRASE_BREAK = /[:;|!?()[\]{}–—]|["“”‘’«»„']$/;

/** Lowercased, NFC where a combining mark calls for it, ’ unified to ', trailing ' and - dropped. */
function normalizeWord(word: string): string {
  let w = word.toLowerCase();
  if (COMBINING_MARK.test(w)) w = w.normalize("NFC");
  return w.replace(/’/g, "'").replace(TRAILING_JOINERS, "");
}

/**
 * Splits text into word tokens with their positions (offsets into `text`); the first `limit` only,
 * when given (the same tokens as the first of all of them).
 */
export function tokenize(text: string, limit = Number.POSITIVE_INFINITY): Token[] {
  const tokens: Token[] = [];
  // Lowercasing the whole text once is cheaper than word by word, when it keeps every offset.
  const lower = text.toLowerCase();
  const sameOffsets = lower.length === text.length;
  const pattern = new RegExp(TOKEN);
  let previousEnd = 0;
  for (let m = pattern.exec(text); m !== null && tokens.length < limit; m = pattern.exec(text)) {
    const raw = m[0];
    const start = m.index;
    const end = start + raw.length;
    const word = sameOffsets && !NEEDS_CARE.test(raw) ? lower.slice(start, end) : normalizeWord(raw);
    // One space, the usual gap, needs no test.
    const gap = start - previousEnd;
    const breakBefore =
      tokens.length > 0 &&
      gap > 0 &&
      !(gap === 1 && text.charCodeAt(previousEnd) === 32) &&
      PHRASE_BREAK.test(text.slice(previousEnd, start));
    tokens.push({ word, start, end, breakBefore });
    previousEnd = end;
  }
  return tokens;
}

/**
 * The tokens the matcher reads: {@link tokenize}'s, with hyphenated compounds cut into their parts
 * ("election-fraud" is "election" and "fraud", "Kharkiv-based" is "kharkiv" and "based"), so a term
 * matches inside a compound. Registry terms are cut the same way ("re-election" is the phrase "re
 * election"), so a hyphenated term still matches as written, and also written with a space.
 */
function matchTokens(text: string): Token[] {
  const tokens = tokenize(text);
  if (!tokens.some((t, at) => t.word.includes("-") || isCountryUs(text, tokens, at))) return tokens;
  const out: Token[] = [];
  for (const [index, token] of tokens.entries()) {
    if (isCountryUs(text, tokens, index)) {
      // Read as "U.S." is: the words "u" and "s", at the offsets of "US".
      out.push({ ...token, word: "u" }, { ...token, word: "s", breakBefore: false });
      continue;
    }
    if (!token.word.includes("-")) {
      out.push(token);
      continue;
    }
    // Offsets of the parts, where the word has the same length as the text it came from.
    const exact = token.word.length === token.end - token.start;
    let at = 0;
    let first = true;
    for (const part of token.word.split("-")) {
      if (part !== "") {
        const breakBefore = first && token.breakBefore;
        out.push(
          exact
            ? { word: part, start: token.start + at, end: token.start + at + part.length, breakBefore }
            : { word: part, start: token.start, end: token.end, breakBefore },
        );
        first = false;
      }
      at += part.length + 1;
    }
  }
  return out;
}

/**
 * Whether a word "us" is the country: written "US" in capitals, in text that is not in capitals
 * (a word with a small letter among the two before or after it). "Obama admits US gun laws…" and
 * "troops from the US." are the country; "Tell us" and a headline in capitals ("LET US KNOW") are
 * not. The registry cannot say this: its terms match whatever the case.
 */
function isCountryUs(text: string, tokens: readonly Token[], at: number): boolean {
  const token = tokens[at] as Token;
  if (token.word !== "us" || text.slice(token.start, token.end) !== "US") return false;
  for (let i = Math.max(0, at - 2); i <= Math.min(tokens.length - 1, at + 2); i++) {
    const near = tokens[i] as Token;
    if (i !== at && /\p{Ll}/u.test(text.slice(near.start, near.end))) return true;
  }
  return false;
}

function compilePhrase(term: string): Phrase {
  const words = term
    .trim()
    .split(/[\s-]+/)
    .filter((word) => word !== "" && word !== "*")
    .map((word) => {
      const prefix = word.endsWith("*");
      return { text: normalizeWord(prefix ? word.slice(0, -1) : word), prefix };
    });
  return { term, words };
}

/**
 * What the matcher needs of a registry entry: topics, and places (which have no `requires`), both
 * compile with {@link compileTopics}.
 */
export type Matchable = Pick<Topic, "id" | "threshold" | "terms" | "exclude"> & {
  requires?: Topic["requires"];
};

/** Letters a term spells out: between two one-word terms that both match, the longer stem is the more specific. */
const specificity = (phrase: Phrase) => phrase.words.reduce((n, w) => n + w.text.length, 0);

const allLanguages = <T>(lists: Partial<Record<string, T[]>>): T[] =>
  Object.values(lists).flatMap((list) => list ?? []);

/**
 * Compiles registry topics for {@link tagArticle}. Terms are ordered longest first (more words, then
 * more letters), so a phrase wins over its words and "призывник*" over "призыв*".
 */
export function compileTopics(topics: readonly Matchable[]): TopicMatcher[] {
  return topics.map((topic) => ({
    id: topic.id,
    threshold: topic.threshold,
    terms: allLanguages(topic.terms)
      .map(({ term, weight, standalone }) => ({ ...compilePhrase(term), weight, standalone }))
      .sort((a, b) => b.words.length - a.words.length || specificity(b) - specificity(a)),
    excludes: allLanguages(topic.exclude).map(compilePhrase),
    requires: topic.requires
      ? {
          scope: topic.requires.scope,
          window: topic.requires.window ?? 0,
          phrases: allLanguages(topic.requires.terms).map(compilePhrase),
        }
      : undefined,
  }));
}

// ── the first-word index ────────────────────────────────────────────────────────────────────

type Role = "term" | "exclude" | "context";

interface Entry {
  topic: number;
  role: Role;
  /** Position among the topic's terms (longest first): ties between overlapping terms go to the earlier. */
  rank: number;
  phrase: Phrase | WeightedPhrase;
}

interface TrieNode {
  /** By UTF-16 code unit: walking a word by charCodeAt is cheaper than by its string iterator. */
  children: Map<number, TrieNode>;
  /** Phrases whose first word is a stem ending at this node. */
  entries: Entry[];
}

interface TopicIndex {
  matchers: readonly TopicMatcher[];
  exact: Map<string, Entry[]>;
  stems: TrieNode;
  /** {@link candidates} of the words seen so far: news repeats its words, so most lookups are one Map get. */
  seen: Map<string, readonly Entry[]>;
}

/** Words whose candidates an index remembers; beyond it the memory starts again (a bound, not a tuning). */
const SEEN_WORDS = 100_000;
const NO_ENTRIES: readonly Entry[] = [];

const indexCache = new WeakMap<readonly TopicMatcher[], TopicIndex>();

function buildIndex(matchers: readonly TopicMatcher[]): TopicIndex {
  const exact = new Map<string, Entry[]>();
  const stems: TrieNode = { children: new Map(), entries: [] };
  const add = (entry: Entry) => {
    const first = entry.phrase.words[0];
    if (!first) return;
    if (!first.prefix) {
      const list = exact.get(first.text);
      if (list) list.push(entry);
      else exact.set(first.text, [entry]);
      return;
    }
    let node = stems;
    for (let c = 0; c < first.text.length; c++) {
      const char = first.text.charCodeAt(c);
      let next = node.children.get(char);
      if (!next) {
        next = { children: new Map(), entries: [] };
        node.children.set(char, next);
      }
      node = next;
    }
    node.entries.push(entry);
  };
  matchers.forEach((matcher, topic) => {
    matcher.terms.forEach((phrase, rank) => {
      add({ topic, role: "term", rank, phrase });
    });
    for (const phrase of matcher.excludes) add({ topic, role: "exclude", rank: 0, phrase });
    for (const phrase of matcher.requires?.phrases ?? []) add({ topic, role: "context", rank: 0, phrase });
  });
  return { matchers, exact, stems, seen: new Map() };
}

function indexFor(matchers: readonly TopicMatcher[]): TopicIndex {
  let index = indexCache.get(matchers);
  if (!index) {
    index = buildIndex(matchers);
    indexCache.set(matchers, index);
  }
  return index;
}

/** Entries whose first word matches `word`: exact words, then every stem that `word` starts with. */
function candidates(index: TopicIndex, word: string): readonly Entry[] {
  const known = index.seen.get(word);
  if (known) return known;
  let out: Entry[] | undefined;
  const exact = index.exact.get(word);
  if (exact) out = [...exact];
  let node: TrieNode | undefined = index.stems;
  for (let c = 0; c < word.length; c++) {
    node = node.children.get(word.charCodeAt(c));
    if (!node) break;
    if (node.entries.length > 0) {
      out ??= [];
      out.push(...node.entries);
    }
  }
  if (index.seen.size >= SEEN_WORDS) index.seen.clear();
  const found = out ?? NO_ENTRIES;
  index.seen.set(word, found);
  return found;
}

function restMatches(tokens: readonly Token[], at: number, phrase: Phrase): boolean {
  for (let k = 1; k < phrase.words.length; k++) {
    const w = phrase.words[k] as Phrase["words"][number];
    const token = tokens[at + k];
    if (!token || token.breakBefore) return false;
    if (w.prefix ? !token.word.startsWith(w.text) : token.word !== w.text) return false;
  }
  return true;
}

// ── matching ────────────────────────────────────────────────────────────────────────────────

/** One counted or candidate occurrence of a term. */
export interface Hit {
  field: Field;
  /** The matched words as they appear (lowercased): what the evidence lists. */
  form: string;
  start: number;
  end: number;
  /** Field weight × term weight (× the long-body factor in the body: {@link countedHits}). */
  points: number;
  /** Token positions covered, within the field. */
  from: number;
  to: number;
  standalone: boolean;
  /** The matched words joined by spaces (compounds too): compared with context words. */
  words: string;
}

/** A context phrase found in a field: its first token's position and its words, as matched. */
interface ContextWord {
  at: number;
  words: string;
}

interface FieldMatches {
  /** Per topic: term hits left after exclusions, in text order. */
  hits: Map<number, Hit[]>;
  /**
   * Per topic: where a context phrase starts (outside the topic's exclusions), and its words: a
   * term is not its own context ("2024 … 2024").
   */
  context: Map<number, ContextWord[]>;
  /** Tokens in the field: the body's length. */
  words: number;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function matchField(text: string, field: Field, index: TopicIndex): FieldMatches {
  const tokens = matchTokens(text);
  const found: { entry: Entry; at: number }[] = [];
  const contextAt = new Map<number, ContextWord[]>();
  const wordsAt = (at: number, length: number) =>
    tokens
      .slice(at, at + length)
      .map((token) => token.word)
      .join(" ");
  for (let i = 0; i < tokens.length; i++) {
    for (const entry of candidates(index, (tokens[i] as Token).word)) {
      if (!restMatches(tokens, i, entry.phrase)) continue;
      if (entry.role === "context")
        push(contextAt, entry.topic, { at: i, words: wordsAt(i, entry.phrase.words.length) });
      else found.push({ entry, at: i });
    }
  }
  const hits = new Map<number, Hit[]>();
  const context = new Map<number, ContextWord[]>();
  const byTopic = new Map<number, { entry: Entry; at: number }[]>();
  for (const f of found) push(byTopic, f.entry.topic, f);
  const excludedByTopic = new Map<number, Set<number>>();
  for (const [topic, list] of byTopic) {
    // Terms and exclusions claim their words longest first, an exclusion before a term of its
    // length: "vote on" takes "vote" from "vote" but not from "Swiss vote on", and "vote for"
    // not from "vote for her". Overlapping exclusions all apply: only a longer term stops one.
    const used = new Set<number>();
    const byTerms = new Set<number>();
    const excluded = new Set<number>();
    const claims = list.sort(
      (a, b) =>
        b.entry.phrase.words.length - a.entry.phrase.words.length ||
        (a.entry.role === "exclude" ? 0 : 1) - (b.entry.role === "exclude" ? 0 : 1) ||
        a.at - b.at ||
        a.entry.rank - b.entry.rank,
    );
    const topicHits: Hit[] = [];
    for (const { entry, at } of claims) {
      const length = entry.phrase.words.length;
      const taken = entry.role === "exclude" ? byTerms : used;
      let free = true;
      for (let k = 0; k < length && free; k++) free = !taken.has(at + k);
      if (!free) continue;
      for (let k = 0; k < length; k++) used.add(at + k);
      if (entry.role === "exclude") {
        for (let k = 0; k < length; k++) excluded.add(at + k);
        continue;
      }
      for (let k = 0; k < length; k++) byTerms.add(at + k);
      const phrase = entry.phrase as WeightedPhrase;
      const first = tokens[at] as Token;
      const last = tokens[at + length - 1] as Token;
      let form = first.word;
      for (let k = at + 1; k < at + length; k++) {
        const token = tokens[k] as Token;
        // The parts of a compound keep their hyphen: the evidence reads "re-election", as written.
        form += text.slice((tokens[k - 1] as Token).end, token.start) === "-" ? "-" : " ";
        form += token.word;
      }
      topicHits.push({
        field,
        form,
        start: first.start,
        end: last.end,
        points: FIELD_WEIGHTS[field] * phrase.weight,
        from: at,
        to: at + length - 1,
        standalone: phrase.standalone,
        words: wordsAt(at, length),
      });
    }
    if (topicHits.length > 0)
      hits.set(
        topic,
        topicHits.sort((a, b) => a.start - b.start),
      );
    if (excluded.size > 0) excludedByTopic.set(topic, excluded);
  }
  for (const [topic, positions] of contextAt) {
    // A context word inside an exclusion is not context either ("vote" in "union vote").
    const excluded = excludedByTopic.get(topic);
    const kept = excluded ? positions.filter((p) => !excluded.has(p.at)) : positions;
    if (kept.length > 0) context.set(topic, kept);
  }
  return { hits, context, words: tokens.length };
}

/**
 * Whether a hit has the context its topic requires (always, for standalone terms or topics without
 * `requires`). The same words again are not context: a term that is also a context word ("2024")
 * would otherwise be its own context wherever it is repeated (a forum's dates).
 */
function hasContext(
  hit: Hit,
  requires: TopicMatcher["requires"],
  contextInField: readonly ContextWord[] | undefined,
  contextAnywhere: (hit: Hit) => boolean,
): boolean {
  if (!requires || hit.standalone) return true;
  if (requires.scope === "document") return contextAnywhere(hit);
  return (contextInField ?? []).some(
    ({ at: p, words }) =>
      words !== hit.words &&
      ((p < hit.from && hit.from - p <= requires.window) || (p > hit.to && p - hit.to <= requires.window)),
  );
}

/** The fields a short item is made of: a headline and its lede, read as one for required context. */
const HEADLINE_FIELDS: readonly Field[] = ["title", "summary"];

/**
 * Counted hits of every topic across the fields (topic index → hits in field order, then text
 * order), body hits scaled down in long bodies: beyond {@link LONG_BODY_WORDS}, or beyond
 * {@link BODY_ONLY_WORDS} when the topic has no counted hit in the title or summary.
 */
function countedHits(fields: Partial<Record<Field, string>>, index: TopicIndex): Map<number, Hit[]> {
  const perField = FIELDS.map((field) =>
    matchField(
      field === "summary" ? blankDateline(fields.summary ?? "") : (fields[field] ?? ""),
      field,
      index,
    ),
  );
  const bodyWords = Math.max(1, perField[FIELDS.indexOf("body")]?.words ?? 0);
  const result = new Map<number, Hit[]>();
  // Only the topics with a term hit somewhere: with hundreds of places, most have none.
  const named = new Set<number>();
  for (const m of perField) for (const topic of m.hits.keys()) named.add(topic);
  for (const topic of named) {
    const matcher = index.matchers[topic] as TopicMatcher;
    const contextAnywhere = (hit: Hit) =>
      perField.some((m) => m.context.get(topic)?.some((c) => c.words !== hit.words) ?? false);
    // The headline and its lede are one unit: a context word in either serves a term in the other
    // ("Court rules government must draft ultra-Orthodox" | "…men into the military").
    const headlineContext = (hit: Hit) =>
      HEADLINE_FIELDS.includes(hit.field) &&
      HEADLINE_FIELDS.some(
        (field) =>
          field !== hit.field &&
          (perField[FIELDS.indexOf(field)]?.context.get(topic)?.some((c) => c.words !== hit.words) ?? false),
      );
    const counted: Hit[] = [];
    for (const m of perField)
      for (const hit of m.hits.get(topic) ?? [])
        if (hasContext(hit, matcher.requires, m.context.get(topic), contextAnywhere) || headlineContext(hit))
          counted.push(hit);
    if (counted.length === 0) continue;
    const bodyOnly = counted.every((hit) => hit.field === "body");
    const factor = Math.min(1, (bodyOnly ? BODY_ONLY_WORDS : LONG_BODY_WORDS) / bodyWords);
    result.set(
      topic,
      factor === 1
        ? counted
        : counted.map((hit) => (hit.field === "body" ? { ...hit, points: hit.points * factor } : hit)),
    );
  }
  return result;
}

/**
 * A wire dateline at the start of a lede: a place in capitals, perhaps its state or country, a
 * date and the agency, then a dash ("LONDON —", "WASHINGTON (AP) —", "COLUMBIA, S.C. (AP) —",
 * "KYIV, Ukraine, March 3 (Reuters) -").
 */
const DATELINE =
  /^\s*[A-Z][A-Z.'’-]{3,}(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][\p{L}.]*(?: [A-Z][\p{L}.]*){0,2}){0,2}(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?(?: \([A-Za-z][\w .&-]{0,30}\))? ?[—–-]{1,2} /u;

/**
 * The lede with its opening dateline blanked (same length, so evidence positions hold): where a
 * reporter filed from counts as a mention in the body, where the same paragraph opens the text, not
 * as the subject a lede names. A London-datelined story about Sudan is not a London story.
 */
export function blankDateline(text: string): string {
  const match = DATELINE.exec(text);
  return match ? " ".repeat(match[0].length) + text.slice(match[0].length) : text;
}

/**
 * Every counted hit of one topic's terms in one text, taken as a whole article's body: exclusions
 * applied, and non-standalone terms only with the topic's required context.
 */
export function findHits(text: string, field: Field, matcher: TopicMatcher): Hit[] {
  const single = [matcher];
  return countedHits({ [field]: text }, buildIndex(single)).get(0) ?? [];
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
 * score (Σ field weight × term weight over counted hits, body hits scaled down in bodies longer
 * than {@link LONG_BODY_WORDS}, or than {@link BODY_ONLY_WORDS} for a topic named only in the
 * body) reaches the topic's threshold; its
 * evidence lists every counted word form with its count, and a snippet around the strongest hit
 * (most points; the first in title, summary, body order on a tie). Pure: the same input always
 * gives the same output.
 */
export function tagArticle(fields: Record<Field, string>, matchers: readonly TopicMatcher[]): TagResult {
  const topics: string[] = [];
  const evidence: Record<string, TopicEvidence> = {};
  const hitsByTopic = countedHits(fields, indexFor(matchers));
  matchers.forEach((matcher, topic) => {
    const hits = hitsByTopic.get(topic);
    if (!hits) return;
    const exact = hits.reduce((sum, hit) => sum + hit.points, 0);
    if (exact < matcher.threshold) return;
    // Two decimals: short enough to read in front matter (the threshold was checked unrounded).
    const score = Math.round(exact * 100) / 100;
    const counts = new Map<string, number>();
    for (const hit of hits) counts.set(hit.form, (counts.get(hit.form) ?? 0) + 1);
    const terms = [...counts]
      .map(([term, count]) => ({ term, count }))
      .sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    const strongest = hits.reduce((best, hit) => (hit.points > best.points ? hit : best));
    topics.push(matcher.id);
    evidence[matcher.id] = {
      score,
      terms,
      snippet: snippetAround(fields[strongest.field], strongest.start, strongest.end),
    };
  });
  return { topics, evidence };
}
