import { isoDateProblem } from "../content/dates.ts";
import { isNearDuplicate, SHINGLE_TEXT_WORDS, shinglesOf } from "./near-duplicates.ts";
import { makeStoryId } from "./story-id.ts";
import { headlineCore, normaliseAliases, type Term, termsOf, wordsOf } from "./terms.ts";

/**
 * Story assignment at ingest: pure, incremental and explainable.
 *
 * For each new report, in order: find the earlier reports that share its distinctive terms (an
 * inverted index of terms by day, so the cost is that of the reports in the time window that share
 * a word, never all pairs); score them by the IDF-weighted overlap of their terms; then
 *
 * 1. **duplicate**: the same text as an earlier report (shingle containment) — it joins that
 *    report's story and records the other URLs;
 * 2. **joined**: similar enough to a report of a story still running — it joins that story, whose
 *    id never changes;
 * 3. **new**: otherwise it starts a story with a new id made from its day and title.
 *
 * Every decision carries its evidence: the report it matched, the score, and the shared terms.
 *
 * Order: the outcome for a report depends on the reports indexed before it (IDF and which stories
 * exist), so the same reports in the same order always give the same result, and
 * {@link assignStories} sorts a batch by date (then id) first so that the order within a batch
 * does not matter. Existing articles keep their story ids whatever arrives later.
 */

/** A report as the assigner sees it: what ingest knows of an article. */
export interface StoryReport {
  /** Article id (unique). */
  id: string;
  url?: string | undefined;
  /** Outlet id. */
  source: string;
  /** BCP 47 (en, ru, uk). Not used in scoring: terms shared through aliases and numbers cross languages. */
  language: string;
  /** ISO 8601 with offset. */
  date: string;
  title: string;
  /** Summary or lede. */
  summary?: string | undefined;
  /** Markdown or plain text; optional (a headline-only brief has none). */
  body?: string | undefined;
  /**
   * Place ids the article is about (the place tagger's output, registry/places.yaml). They are
   * language-independent terms, so they join reports across en/ru/uk; and two reports that name
   * places but no place in common are taken to be about different events (see
   * {@link PLACE_CONFLICT_FACTOR}).
   */
  places?: readonly string[] | undefined;
}

/** A report already written, with the story it was given (or none, for articles from before stories). */
export interface ExistingReport extends StoryReport {
  story?: string | undefined;
}

export interface StoryOptions {
  /**
   * Multilingual names: a normalised name form (any case; one to three words) → a canonical key,
   * e.g. "Харків", "Харьков", "Kharkov", "Kharkiv" → "kharkiv". Forms mapping to one key count as
   * one term, which is how reports in en, ru and uk come to share evidence.
   */
  aliases?: ReadonlyMap<string, string> | undefined;
  /** Days a story stays open after its latest report. Default {@link STORY_WINDOW_DAYS}. */
  windowDays?: number | undefined;
  /**
   * Story ids already in use by articles not given as existing reports (ingest may pass only the
   * articles near the new reports' dates, see {@link existingWindow}): a new id never repeats one.
   */
  takenStoryIds?: Iterable<string> | undefined;
  /** Join thresholds, for calibration runs (defaults: {@link JOIN_THRESHOLD}, {@link MIN_SHARED_TERMS}). */
  joinThreshold?: number | undefined;
  minSharedTerms?: number | undefined;
  storyThreshold?: number | undefined;
}

/** Why a report was put where it was. */
export interface StoryEvidence {
  /** The earlier report it matched best (absent for a new story with no close report). */
  matched?: string;
  /** Similarity to that report (0–1). */
  score: number;
  /** Terms shared with it, most distinctive first, as written in the new report. */
  terms: string[];
}

export interface StoryAssignment {
  /** The report's id. */
  id: string;
  story: string;
  outcome: "new" | "joined" | "duplicate";
  /** Ids of earlier reports with the same text (for "duplicate"). */
  duplicateOf: string[];
  /** Their URLs, for the `duplicates` front-matter field. */
  duplicates: string[];
  evidence: StoryEvidence;
}

/** Thrown for a report that cannot be placed (a bad date, a repeated id), naming it. */
export class StoryInputError extends Error {
  override name = "StoryInputError";
}

/**
 * Days a story stays open after its latest report: stories run over days, not months. Four
 * covers the labelled stories that run longest (a suspension then a firing, four days apart; a
 * shooting, then charges against the parents) while a decision on the same subject ten days later
 * (the WTA's suspension of its China events after Peng Shuai's disappearance) starts a new story.
 */
export const STORY_WINDOW_DAYS = 4;

/**
 * Similarity (0–1) a report needs with a report of a running story to join it. Calibrated on
 * test/fixtures/story-labels.yaml with `npm run eval:stories -- --join-threshold X` over the labelled
 * items alone and with every unlabelled headline indexed too (`--with-unlabelled`): 0.25 joined
 * unrelated Omicron reports through unlabelled ones (pairwise precision 0.84 before the story
 * check below), 0.3 split BBC stories whose ledes differ (recall 0.88), 0.35 split most long-running
 * stories (recall 0.77). 0.27 with the story check keeps precision ≥ 0.94 in both runs.
 */
export const JOIN_THRESHOLD = 0.27;

/**
 * Similarity (0–1) a joining report also needs with the story as a whole (its centroid), so that
 * a chain of close pairs does not drift from one event to the next. Calibrated with
 * {@link JOIN_THRESHOLD}: with the unlabelled headlines indexed, 0.2 let the Omicron reports of a
 * week become one story (precision 0.86), 0.25 kept them apart (0.955), 0.3 split real stories
 * (recall 0.80).
 */
export const STORY_THRESHOLD = 0.25;

/**
 * Terms a joining report must share with the report it matched: a first and last name alone
 * ("Stacey Abrams") or "Official Trailer" is a coincidence of subject, not of event. Three rather
 * than two raised pairwise precision from 0.92 to 0.94 on the labelled headlines at the same recall.
 */
export const MIN_SHARED_TERMS = 3;

/**
 * IDF is computed as if the index held at least this many reports, so the first reports of a
 * fresh index do not treat every word as rare. About a week of a monitor's intake.
 */
export const MIN_IDF_POPULATION = 1000;

/**
 * A term in more than this share of the indexed reports is not used to find candidates (it still
 * counts in the score): "covid" or "trump" would otherwise make each report a candidate of
 * thousands.
 */
export const CANDIDATE_TERM_MAX_SHARE = 0.02;

/** Candidates scored in full per report, the ones sharing the most distinctive weight first. */
export const MAX_CANDIDATES = 48;

/** Weight of a term by where it occurs: a headline term says more about the event than one in passing. */
export const FIELD_WEIGHTS = { title: 1, summary: 0.8, body: 0.4 } as const;

/** Body words read for terms: the opening of an article says what happened; the rest is background. */
export const BODY_TERM_WORDS = 200;

/**
 * Score factor for two reports that both name places and share none (Dutch police arrest
 * quarantine escapees / Australian police arrest quarantine escapees): the same kind of event in
 * another place is another event. A quarter takes two near-identical headlines (0.8) below
 * {@link JOIN_THRESHOLD}; not zero, so that a report whose place tags missed the right place can
 * still join when nearly everything else agrees.
 */
export const PLACE_CONFLICT_FACTOR = 0.25;

/** Shared terms kept as evidence. */
const EVIDENCE_TERMS = 8;

const DAY_MS = 86_400_000;

interface IndexedReport {
  id: string;
  url: string | undefined;
  story: string;
  /** Days since the epoch (fractional). */
  day: number;
  /** Term numbers (see StoryIndex.termNumber). */
  terms: number[];
  /** Field weight of each term (parallel to `terms`). */
  weights: number[];
  shingles: Uint32Array;
}

interface StoryState {
  id: string;
  /** Latest report's day. */
  last: number;
  size: number;
  /** Sum of the field weights of each term over the story's reports (its centroid, before IDF). */
  termWeights: Map<number, number>;
}

/**
 * What a report's text gives the assigner, before its terms are numbered: its terms, each term's
 * field weight (parallel), and its shingles. Pure: {@link reportFeatures} makes it on any thread.
 */
export interface ReportFeatures {
  terms: Term[];
  weights: number[];
  shingles: Uint32Array;
}

interface Features extends ReportFeatures {
  /** Term numbers (parallel to `terms`). */
  numbers: number[];
}

/**
 * A report's {@link ReportFeatures}; `aliases` normalised with {@link normaliseAliases} (the
 * index's own, {@link StoryIndex.normalisedAliases}).
 */
export function reportFeatures(report: StoryReport, aliases: ReadonlyMap<string, string>): ReportFeatures {
  const weightOf = new Map<string, number>();
  const terms: Term[] = [];
  const fields: [string, number, number][] = [
    [headlineCore(report.title), FIELD_WEIGHTS.title, Infinity],
    [report.summary ?? "", FIELD_WEIGHTS.summary, Infinity],
    [report.body ?? "", FIELD_WEIGHTS.body, BODY_TERM_WORDS],
  ];
  for (const [text, weight, limit] of fields) {
    if (!text) continue;
    for (const term of termsOf(text, aliases, limit)) {
      const known = weightOf.get(term.term);
      if (known === undefined) {
        weightOf.set(term.term, weight);
        terms.push(term);
      } else if (weight > known) weightOf.set(term.term, weight);
    }
  }
  for (const place of report.places ?? []) {
    const term = `@${place}`;
    if (weightOf.has(term)) continue;
    weightOf.set(term, FIELD_WEIGHTS.title);
    terms.push({ term, surface: place });
  }
  const text = [report.title, report.summary ?? "", report.body ?? ""].filter(Boolean).join("\n");
  return {
    terms,
    weights: terms.map((t) => weightOf.get(t.term) ?? 0),
    shingles: shinglesOf(wordsOf(text, SHINGLE_TEXT_WORDS)),
  };
}

/**
 * The state stories are decided from: every indexed report's terms, the term postings by day, and
 * each story's latest day. Build it once from the existing articles ({@link StoryIndex.addExisting})
 * and feed it new reports ({@link StoryIndex.assign}); both are pure in the sense that the same
 * calls in the same order give the same results.
 */
export class StoryIndex {
  private readonly aliases: Map<string, string>;
  private readonly windowDays: number;
  private readonly joinThreshold: number;
  private readonly minSharedTerms: number;
  private readonly storyThreshold: number;
  private readonly reports: IndexedReport[] = [];
  private readonly reportIds = new Set<string>();
  /** Terms are numbered as first met, so the hot loops look up numbers, not strings. */
  private readonly termNumbers = new Map<string, number>();
  private readonly isPlaceTerm: boolean[] = [];
  /** Term number → reports indexed with it. */
  private readonly documentFrequency: number[] = [];
  /** Term number → its reports, sorted by day (arrivals are nearly in date order, so inserts land at the end). */
  private readonly postings: (Postings | undefined)[] = [];
  private readonly stories = new Map<string, StoryState>();
  private readonly takenIds = new Set<string>();
  /** Scratch space of {@link scoreCandidates}: shared weight per report number, zero between calls. */
  private mass = new Float64Array(1024);

  constructor(options: StoryOptions = {}) {
    this.aliases = normaliseAliases(options.aliases);
    this.windowDays = options.windowDays ?? STORY_WINDOW_DAYS;
    this.joinThreshold = options.joinThreshold ?? JOIN_THRESHOLD;
    this.minSharedTerms = options.minSharedTerms ?? MIN_SHARED_TERMS;
    this.storyThreshold = options.storyThreshold ?? STORY_THRESHOLD;
    for (const id of options.takenStoryIds ?? []) this.takenIds.add(id);
  }

  /** Number of reports indexed. */
  get size(): number {
    return this.reports.length;
  }

  /** The alias table as {@link reportFeatures} reads it. */
  get normalisedAliases(): ReadonlyMap<string, string> {
    return this.aliases;
  }

  /**
   * Adds an article already written with its story id (kept as it is); without one, assigns it.
   * `made`: its {@link reportFeatures}, when made elsewhere (another thread).
   */
  addExisting(report: ExistingReport, made?: ReportFeatures): StoryAssignment | undefined {
    if (!report.story) return this.assign(report, made);
    const day = this.dayOf(report);
    this.index(report, day, report.story, this.featuresOf(report, made));
    return undefined;
  }

  /** Decides a new report's story (see the module comment) and indexes it; `made` as for {@link addExisting}. */
  assign(report: StoryReport, made?: ReportFeatures): StoryAssignment {
    const day = this.dayOf(report);
    const features = this.featuresOf(report, made);
    const candidates = this.scoreCandidates(features, day);

    // 1. The same text as an earlier report.
    const duplicates = candidates.filter(
      (c) => c.score > 0 && isNearDuplicate(features.shingles, this.reportAt(c.n).shingles),
    );
    if (duplicates.length > 0) {
      const first = duplicates[0] as Scored;
      const original = this.reportAt(first.n);
      const story = original.story;
      this.index(report, day, story, features);
      return {
        id: report.id,
        story,
        outcome: "duplicate",
        duplicateOf: duplicates.map((c) => this.reportAt(c.n).id),
        duplicates: [
          ...new Set(duplicates.flatMap((c) => this.reportAt(c.n).url ?? []).filter((u) => u !== report.url)),
        ],
        evidence: this.evidenceOf(features, first),
      };
    }

    // 2. Close enough to a report of a story still running.
    const best = candidates.find((c) => {
      if (c.score < this.joinThreshold || c.shared < this.minSharedTerms) return false;
      const state = this.stories.get(this.reportAt(c.n).story);
      if (!state || day - state.last > this.windowDays) return false;
      return this.storySimilarity(features, state) >= this.storyThreshold;
    });
    if (best) {
      const story = this.reportAt(best.n).story;
      this.index(report, day, story, features);
      return {
        id: report.id,
        story,
        outcome: "joined",
        duplicateOf: [],
        duplicates: [],
        evidence: this.evidenceOf(features, best),
      };
    }

    // 3. A story of its own.
    const story = makeStoryId(new Date(day * DAY_MS), report.title, this.takenIds);
    this.index(report, day, story, features);
    const nearest = candidates[0];
    return {
      id: report.id,
      story,
      outcome: "new",
      duplicateOf: [],
      duplicates: [],
      evidence: nearest ? this.evidenceOf(features, nearest) : { score: 0, terms: [] },
    };
  }

  private reportAt(n: number): IndexedReport {
    const report = this.reports[n];
    if (!report) throw new Error(`internal: no indexed report ${n}`);
    return report;
  }

  private dayOf(report: StoryReport): number {
    if (this.reportIds.has(report.id))
      throw new StoryInputError(`report "${report.id}" is already indexed: each article id is assigned once`);
    const problem = isoDateProblem(report.date);
    if (problem) throw new StoryInputError(`report "${report.id}": date "${report.date}" ${problem}`);
    return Date.parse(report.date) / DAY_MS;
  }

  private featuresOf(report: StoryReport, made?: ReportFeatures): Features {
    const features = made ?? reportFeatures(report, this.aliases);
    return { ...features, numbers: features.terms.map((t) => this.termNumber(t.term)) };
  }

  private termNumber(term: string): number {
    let n = this.termNumbers.get(term);
    if (n === undefined) {
      n = this.termNumbers.size;
      this.termNumbers.set(term, n);
      this.isPlaceTerm[n] = term.startsWith("@");
      this.documentFrequency[n] = 0;
    }
    return n;
  }

  private idf(term: number): number {
    const population = Math.max(this.reports.length, MIN_IDF_POPULATION);
    return Math.log((population + 1) / ((this.documentFrequency[term] ?? 0) + 0.5));
  }

  /** Candidates within the window sharing a distinctive term, scored, best first (ties: earlier first). */
  private scoreCandidates(features: Features, day: number): Scored[] {
    const firstDay = day - this.windowDays;
    const lastDay = day + this.windowDays;
    const maxPostings = Math.max(20, this.reports.length * CANDIDATE_TERM_MAX_SHARE);
    // IDF inlined: this loop is the assigner's hot path.
    const logPopulation = Math.log(Math.max(this.reports.length, MIN_IDF_POPULATION) + 1);
    const df = this.documentFrequency;
    const idfOf = (term: number) => logPopulation - Math.log((df[term] ?? 0) + 0.5);
    const own = new Map<number, number>();
    let ownMass = 0;
    let ownPlaces = 0;
    for (let i = 0; i < features.numbers.length; i++) {
      const term = features.numbers[i] as number;
      const w = idfOf(term) * (features.weights[i] ?? 0);
      own.set(term, w);
      ownMass += w * w;
      if (this.isPlaceTerm[term]) ownPlaces++;
    }

    // Shared weight per report, accumulated in a reused array (a Map here is most of the time spent).
    if (this.mass.length < this.reports.length) {
      const grown = new Float64Array(Math.max(this.reports.length, this.mass.length * 2));
      grown.set(this.mass);
      this.mass = grown;
    }
    const mass = this.mass;
    const touched: number[] = [];
    for (const [term, weight] of own) {
      if ((this.documentFrequency[term] ?? 0) > maxPostings) continue;
      const list = this.postings[term];
      if (!list) continue;
      const { days, reports } = list;
      for (let k = firstIndexFrom(days, firstDay); k < days.length && (days[k] ?? 0) <= lastDay; k++) {
        const n = reports[k] as number;
        if (mass[n] === 0) touched.push(n);
        mass[n] = (mass[n] ?? 0) + weight;
      }
    }
    touched.sort((a, b) => (mass[b] ?? 0) - (mass[a] ?? 0) || a - b);
    const shortlist = touched.slice(0, MAX_CANDIDATES);
    for (const n of touched) mass[n] = 0;

    const scored: Scored[] = [];
    for (const n of shortlist) {
      const other = this.reportAt(n);
      if (Math.abs(other.day - day) > this.windowDays) continue;
      let dot = 0;
      let otherMass = 0;
      let shared = 0;
      let otherPlaces = 0;
      let sharedPlaces = 0;
      for (let j = 0; j < other.terms.length; j++) {
        const term = other.terms[j] as number;
        const w = idfOf(term) * (other.weights[j] ?? 0);
        otherMass += w * w;
        const mine = own.get(term);
        const isPlace = this.isPlaceTerm[term] === true;
        if (isPlace) otherPlaces++;
        if (mine !== undefined) {
          dot += mine * w;
          shared++;
          if (isPlace) sharedPlaces++;
        }
      }
      let score = ownMass > 0 && otherMass > 0 ? dot / Math.sqrt(ownMass * otherMass) : 0;
      if (ownPlaces > 0 && otherPlaces > 0 && sharedPlaces === 0) score *= PLACE_CONFLICT_FACTOR;
      scored.push({ n, score, shared });
    }
    return scored.sort((a, b) => b.score - a.score || a.n - b.n);
  }

  /**
   * Cosine similarity of a report to a story's centroid (every report's terms, IDF-weighted, averaged):
   * what keeps a chain of pairwise matches (variant found → travel bans → cases in the UK → a case
   * in California) from becoming one story.
   */
  private storySimilarity(features: Features, state: StoryState): number {
    if (state.size === 1) return 1; // the pairwise score already compared it with the one report
    let dot = 0;
    let ownMass = 0;
    let storyMass = 0;
    const own = new Map<number, number>();
    for (const [i, term] of features.numbers.entries()) {
      const w = this.idf(term) * (features.weights[i] ?? 0);
      own.set(term, w);
      ownMass += w * w;
    }
    for (const [term, sum] of state.termWeights) {
      const w = (this.idf(term) * sum) / state.size;
      storyMass += w * w;
      const mine = own.get(term);
      if (mine !== undefined) dot += mine * w;
    }
    return ownMass > 0 && storyMass > 0 ? dot / Math.sqrt(ownMass * storyMass) : 0;
  }

  private evidenceOf(features: Features, match: Scored): StoryEvidence {
    const other = this.reportAt(match.n);
    const theirs = new Set(other.terms);
    const shared = features.terms
      .map((t, i) => ({ surface: t.surface, n: features.numbers[i] ?? -1 }))
      .filter((t) => theirs.has(t.n))
      .map((t) => ({ surface: t.surface, idf: this.idf(t.n) }))
      .sort((a, b) => b.idf - a.idf)
      .slice(0, EVIDENCE_TERMS)
      .map((t) => t.surface);
    return { matched: other.id, score: Math.round(match.score * 1000) / 1000, terms: shared };
  }

  private index(report: StoryReport, day: number, story: string, features: Features): void {
    const n = this.reports.length;
    this.reports.push({
      id: report.id,
      url: report.url,
      story,
      day,
      terms: features.numbers,
      weights: features.weights,
      shingles: features.shingles,
    });
    this.reportIds.add(report.id);
    for (const term of features.numbers) {
      this.documentFrequency[term] = (this.documentFrequency[term] ?? 0) + 1;
      let list = this.postings[term];
      if (!list) {
        list = { days: [], reports: [] };
        this.postings[term] = list;
      }
      let k = list.days.length;
      while (k > 0 && (list.days[k - 1] ?? 0) > day) k--;
      if (k === list.days.length) {
        list.days.push(day);
        list.reports.push(n);
      } else {
        list.days.splice(k, 0, day);
        list.reports.splice(k, 0, n);
      }
    }
    let state = this.stories.get(story);
    if (state) {
      state.last = Math.max(state.last, day);
      state.size++;
    } else {
      state = { id: story, last: day, size: 0, termWeights: new Map() };
      state.size = 1;
      this.stories.set(story, state);
      this.takenIds.add(story);
    }
    for (const [i, term] of features.numbers.entries())
      state.termWeights.set(term, (state.termWeights.get(term) ?? 0) + (features.weights[i] ?? 0));
  }
}

interface Postings {
  /** Days of the reports, ascending. */
  days: number[];
  reports: number[];
}

/** Index of the first day ≥ `from` in an ascending list (binary search). */
function firstIndexFrom(days: readonly number[], from: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((days[mid] ?? 0) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Scored {
  /** Report number in the index. */
  n: number;
  score: number;
  /** Terms shared. */
  shared: number;
}

/** Orders reports as ingest would place them: by date, then id (so a batch's input order does not matter). */
export function byDateThenId(a: StoryReport, b: StoryReport): number {
  const d = Date.parse(a.date) - Date.parse(b.date);
  return d !== 0 ? d : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The dates of the existing articles that can matter for new reports: a report only ever looks at
 * reports within the story window of its own date, so ingest can read just the articles dated in
 * this range (and pass every story id in use as `takenStoryIds`). Undefined for no reports.
 */
export function existingWindow(
  incoming: readonly StoryReport[],
  windowDays = STORY_WINDOW_DAYS,
): { from: Date; to: Date } | undefined {
  if (incoming.length === 0) return undefined;
  const times = incoming.map((r) => Date.parse(r.date)).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return undefined;
  // Twice the window before: a story still open at the new report's date may have begun earlier,
  // and its centroid is only complete with its earlier reports. A story that has run longer than
  // that is seen through its recent reports only, which can (rarely) change a borderline decision
  // compared with indexing the whole archive.
  return {
    from: new Date(Math.min(...times) - 2 * windowDays * DAY_MS),
    to: new Date(Math.max(...times) + windowDays * DAY_MS),
  };
}

/**
 * Assigns stories to new reports, given the articles already written (with their stories). The
 * existing ones are indexed in date order first (one without a story is placed as a new report
 * would be, so that later reports can join it; its assignment is not returned); the new ones are
 * then assigned in date order (ties by id). Returns one assignment per new report, in that order.
 */
export function assignStories(
  existing: readonly ExistingReport[],
  incoming: readonly StoryReport[],
  options: StoryOptions = {},
  /** Reports' {@link reportFeatures} made elsewhere, by report id (the others are made here). */
  made: ReadonlyMap<string, ReportFeatures> = new Map(),
): StoryAssignment[] {
  const index = new StoryIndex(options);
  for (const report of [...existing].sort(byDateThenId)) index.addExisting(report, made.get(report.id));
  return [...incoming].sort(byDateThenId).map((report) => index.assign(report, made.get(report.id)));
}
