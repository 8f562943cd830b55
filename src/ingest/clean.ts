import type { SourceRules } from "../content/registry.ts";

/**
 * Boilerplate removal for captured page text, in two layers:
 *  1. the outlet's own rules from `registry/sources.yaml` (exact lines, line patterns, end markers);
 *  2. a generic layer for the same kinds of appeal from outlets nobody has described yet;
 *  3. lines learned from the corpus: a short line that recurs in many captures of one outlet
 *     (see {@link learnRecurringLines}) is boilerplate nobody has written a rule for yet.
 * Every discarded line is kept with the reason, so a report can show what was removed and why.
 */

/** A line that was removed, with its 1-based line number in the capture and why. */
export interface DiscardedLine {
  line: number;
  text: string;
  reason: string;
}

/** A line that survived cleaning, with its 1-based line number in the capture. */
export interface KeptLine {
  line: number;
  text: string;
}

export interface CleanResult {
  kept: KeptLine[];
  discarded: DiscardedLine[];
}

/**
 * Lines that are, on their own, never article text: donation, subscription and sharing widgets
 * (English, Russian, Ukrainian). Matched against the whole trimmed line, case-insensitively.
 */
export const GENERIC_APPEAL_LINES: readonly RegExp[] = [
  /^enjoying (?:ad-free|our) content\?*$/iu,
  /^support (?:us|our (?:work|journalism))[.!]*$/iu,
  /^(?:donate|donate now|make a donation)[.!]*$/iu,
  /^(?:subscribe|subscribe now|sign up for our newsletter)[.!]*$/iu,
  /^not ready to support (?:us )?today\?*$/iu,
  /^remind me later[.!]*$/iu,
  /^(?:read more|read also|see also|related articles?)[.:!]*$/iu,
  /^share this (?:article|story)[.:!]*$/iu,
  /^pai?(?:e)?ment methods$/iu,
  /^(?:поддержите нас|поддержать нас|пожертвовать|подписаться|читать далее|читайте также|поделиться)[.!:]*$/iu,
  /^(?:підтримайте нас|підтримати нас|задонатити|підписатися|читати далі|читайте також|поділитися)[.!:]*$/iu,
];

/**
 * Sentences typical of an appeal. Too common in ordinary prose to remove on their own
 * ("we need your help" can be a quote), so they only go when they sit in the same block
 * (run of lines without a blank line) as a line from {@link GENERIC_APPEAL_LINES}.
 */
export const GENERIC_APPEAL_SENTENCES: readonly RegExp[] = [
  /\bdisabled (?:all )?ads\b/iu,
  /\bad-free\b/iu,
  /\byour support\b/iu,
  /\bwe need your help\b/iu,
  /\bsupport (?:us|independent journalism)\b/iu,
  /\bour journalism is banned\b/iu,
  /\bdonat(?:e|ion)/iu,
  /(?:^|\s)(?:ваша поддержка|поддержите|ваша підтримка|підтримайте)(?:\s|$)/iu,
];

/**
 * Lines that open an appeal footer: the line and everything after it go. Kept to phrases that
 * only ever start a donation appeal, because an end marker discards the rest of the capture.
 */
export const GENERIC_END_MARKERS: readonly RegExp[] = [
  /^(?:…|\.\.\.)?\s*we have a small favou?r to ask\b/iu,
  /^(?:…|\.\.\.)?\s*у нас есть небольшая просьба\b/iu,
  /^(?:…|\.\.\.)?\s*у нас є невелике прохання\b/iu,
];

/**
 * A line seen in at least this many distinct captures of one outlet is boilerplate. Three: two
 * captures can share a line by coincidence (a repeated quote, a shared standfirst); an appeal or a
 * widget shows up in every capture, so it is caught after a few have been ingested.
 */
export const RECURRING_LINE_MIN_CAPTURES = 3;

/**
 * Longer than this, a line is a paragraph of prose: never treated as recurring boilerplate, so
 * that re-captures of one article cannot strip its own body. Appeals seen so far are under 200.
 */
export const MAX_RECURRING_LINE_LENGTH = 200;

/** A line as compared across captures: Unicode-normalised, lowercased, whitespace collapsed. */
export function normalizeLine(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Lines that recur in at least {@link RECURRING_LINE_MIN_CAPTURES} distinct captures. `captures`
 * maps a capture key (the sha256 of its raw bytes, so the same file ingested twice counts once)
 * to its lines. Lines that are empty, longer than {@link MAX_RECURRING_LINE_LENGTH}, or accepted
 * by `keep` (e.g. date lines, which legitimately repeat on one day) are never learned. Pure.
 */
export function learnRecurringLines(
  captures: ReadonlyMap<string, readonly string[]>,
  keep: (line: string) => boolean = () => false,
): Set<string> {
  const seenIn = new Map<string, Set<string>>();
  for (const [key, lines] of captures) {
    for (const line of lines) {
      const text = line.trim();
      if (text === "" || text.length > MAX_RECURRING_LINE_LENGTH || keep(text)) continue;
      const normalized = normalizeLine(text);
      const keys = seenIn.get(normalized) ?? new Set<string>();
      keys.add(key);
      seenIn.set(normalized, keys);
    }
  }
  return new Set(
    [...seenIn].filter(([, keys]) => keys.size >= RECURRING_LINE_MIN_CAPTURES).map(([line]) => line),
  );
}

function firstMatch(patterns: readonly RegExp[], text: string): RegExp | undefined {
  return patterns.find((pattern) => pattern.test(text));
}

/** Why the outlet's rules or the generic layer discard this one line on its own, if they do. */
function lineReason(
  text: string,
  source: SourceRules | undefined,
  recurring: ReadonlySet<string>,
): string | undefined {
  if (source) {
    if (source.boilerplate.lines.includes(text)) return `${source.id}: boilerplate line`;
    const pattern = firstMatch(source.linePatterns, text);
    if (pattern) return `${source.id}: boilerplate pattern /${pattern.source}/`;
  }
  const generic = firstMatch(GENERIC_APPEAL_LINES, text);
  if (generic) return "generic: appeal or widget line";
  if (recurring.size > 0 && recurring.has(normalizeLine(text)))
    return `recurring line (in ${RECURRING_LINE_MIN_CAPTURES}+ captures of ${source?.id ?? "this outlet"})`;
  return undefined;
}

function endMarkerReason(text: string, source: SourceRules | undefined): string | undefined {
  const own = source ? firstMatch(source.endMarkers, text) : undefined;
  if (own) return `${source?.id}: end marker /${own.source}/`;
  const generic = firstMatch(GENERIC_END_MARKERS, text);
  if (generic) return "generic: appeal footer marker";
  return undefined;
}

/**
 * Removes boilerplate from the lines of a capture. `source` is the outlet's registry entry, or
 * undefined for an outlet without rules (then only the generic layer applies); `recurring` holds
 * the outlet's learned recurring lines ({@link learnRecurringLines}). Pure.
 */
export function cleanLines(
  lines: readonly string[],
  source: SourceRules | undefined,
  recurring: ReadonlySet<string> = new Set(),
): CleanResult {
  const kept: KeptLine[] = [];
  const discarded: DiscardedLine[] = [];
  const trimmed = lines.map((line) => line.trim());

  // The footer first: from the first end marker on, nothing is article text.
  let end = trimmed.length;
  let endReason = "";
  for (let i = 0; i < trimmed.length; i++) {
    const reason = endMarkerReason(trimmed[i] ?? "", source);
    if (reason) {
      end = i;
      endReason = reason;
      break;
    }
  }

  const single = trimmed.map((text, i) =>
    i < end && text !== "" ? lineReason(text, source, recurring) : undefined,
  );

  // Blocks are runs of non-blank lines; an appeal line marks its block as an appeal block.
  const blockOf: number[] = [];
  let block = 0;
  trimmed.forEach((text, i) => {
    if (text === "") block++;
    blockOf[i] = block;
  });
  const appealBlocks = new Set(blockOf.filter((_, i) => single[i] !== undefined));

  for (let i = 0; i < trimmed.length; i++) {
    const text = trimmed[i] ?? "";
    const line = i + 1;
    if (i >= end) {
      if (text !== "") discarded.push({ line, text, reason: `${endReason} (line ${end + 1})` });
      continue;
    }
    const reason =
      single[i] ??
      (text !== "" && appealBlocks.has(blockOf[i] ?? -1) && firstMatch(GENERIC_APPEAL_SENTENCES, text)
        ? "generic: appeal sentence in an appeal block"
        : undefined);
    if (reason) discarded.push({ line, text, reason });
    else kept.push({ line, text: (lines[i] ?? "").trimEnd() });
  }
  return { kept, discarded };
}
