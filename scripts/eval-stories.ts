import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { loadRegistries } from "../src/content/registry.ts";
import { compilePlaces, type PlaceTagger, tagPlaces } from "../src/ingest/places.ts";
import { PROJECT_ROOT } from "../src/project.ts";
import {
  byDateThenId,
  type StoryAssignment,
  StoryIndex,
  type StoryOptions,
  type StoryReport,
} from "../src/stories/assign.ts";
import { scriptOptions } from "./options.ts";

/**
 * `npm run eval:stories`: runs the story assigner over the hand-labelled news items of
 * test/fixtures/story-labels.yaml (pointers into ../shared/corpora/news-dev) in date order, as
 * ingest would meet them, and prints pairwise and B-cubed precision, recall and F1 — per corpus
 * (headlines alone; BBC headline + lede) and for both — beside the all-singletons baseline, then
 * every wrong merge with its evidence and the number of missed pairs.
 * test/stories/corpus.test.ts asserts the targets.
 */

export const STORY_LABELS_FILE = resolve(PROJECT_ROOT, "test/fixtures/story-labels.yaml");
export const SHARED_ROOT = resolve(PROJECT_ROOT, "../shared");

const Pointer = z.discriminatedUnion("corpus", [
  z.strictObject({ corpus: z.literal("headlines"), link: z.string().min(1) }),
  z.strictObject({ corpus: z.literal("bbc"), id: z.string().min(1) }),
]);
const Singleton = z.discriminatedUnion("corpus", [
  z.strictObject({
    corpus: z.literal("headlines"),
    link: z.string().min(1),
    kind: z.enum(["near-miss", "random"]),
  }),
  z.strictObject({ corpus: z.literal("bbc"), id: z.string().min(1), kind: z.enum(["near-miss", "random"]) }),
]);
const LabelFile = z.strictObject({
  stories: z.array(
    z.strictObject({
      story: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
      note: z.string().min(1),
      items: z.array(Pointer).min(2),
    }),
  ),
  singletons: z.array(Singleton),
});
type Pointer = z.output<typeof Pointer>;

/** One labelled item: its pointer, gold story (a singleton's own pointer) and outlet. */
export interface LabelledItem {
  pointer: string;
  corpus: "headlines" | "bbc";
  gold: string;
  /** Whether it is in a labelled story (not a singleton). */
  inStory: boolean;
  kind: "story" | "near-miss" | "random";
  report: StoryReport;
}

const pointerOf = (p: Pointer): string => (p.corpus === "bbc" ? `bbc/${p.id}` : `headlines/${p.link}`);

/** Outlet of a headline's domain: "edition.cnn.com" and "www.cnn.com" are one outlet. */
const outletOf = (domain: string): string => domain.replace(/^(?:www|edition|amp|m)\./, "");

interface NewsDev {
  headlines: Map<string, { title: string; domain: string; timestamp: number }>;
  bbc: Map<string, { title: string; lede: string; seen: string; url: string }>;
}

function readNewsDev(shared: string): NewsDev {
  const folder = resolve(shared, "corpora/news-dev");
  const lines = (name: string): unknown[] =>
    readFileSync(resolve(folder, name), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as unknown);
  const Headline = z.object({
    title: z.string(),
    domain: z.string(),
    link: z.string(),
    timestamp: z.number(),
  });
  const Bbc = z.object({
    id: z.string(),
    url: z.string(),
    title: z.string(),
    lede: z.string(),
    seen: z.string(),
  });
  const headlines: NewsDev["headlines"] = new Map();
  for (const line of lines("headlines.jsonl")) {
    const item = Headline.parse(line);
    // The first line of a link is the item (a few links were collected twice).
    if (!headlines.has(item.link)) headlines.set(item.link, item);
  }
  const bbc: NewsDev["bbc"] = new Map();
  for (const line of lines("bbc-items.jsonl")) {
    const item = Bbc.parse(line);
    if (!bbc.has(item.id)) bbc.set(item.id, item);
  }
  return { headlines, bbc };
}

/** The report a pointer stands for: a headline-only brief, or a BBC headline with its lede as summary. */
function reportOf(p: Pointer, data: NewsDev, places: PlaceTagger): StoryReport {
  const report = briefOf(p, data);
  // As ingest does: the place tagger's places go with the report.
  const tags = tagPlaces({ title: report.title, summary: report.summary ?? "", body: "" }, places);
  return tags.places.length > 0 ? { ...report, places: tags.places } : report;
}

function briefOf(p: Pointer, data: NewsDev): StoryReport {
  const id = pointerOf(p);
  if (p.corpus === "headlines") {
    const item = data.headlines.get(p.link);
    if (!item)
      throw new Error(`${STORY_LABELS_FILE}: news-dev/headlines.jsonl has no item with link ${p.link}`);
    return {
      id,
      url: p.link,
      source: outletOf(item.domain),
      language: "en",
      date: new Date(item.timestamp * 1000).toISOString(),
      title: item.title,
    };
  }
  const item = data.bbc.get(p.id);
  if (!item) throw new Error(`${STORY_LABELS_FILE}: news-dev/bbc-items.jsonl has no item with id ${p.id}`);
  return {
    id,
    url: item.url,
    source: "bbc",
    language: "en",
    date: item.seen,
    title: item.title,
    summary: item.lede,
  };
}

/** The labelled items with their reports; throws naming the file when it is malformed or points at nothing. */
export function loadLabelledItems(file = STORY_LABELS_FILE, shared = SHARED_ROOT): LabelledItem[] {
  const parsed = LabelFile.safeParse(parseYaml(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  const data = readNewsDev(shared);
  const places = compilePlaces(loadRegistries().places);
  const items: LabelledItem[] = [];
  const seen = new Set<string>();
  const add = (item: LabelledItem) => {
    if (seen.has(item.pointer)) throw new Error(`${file}: ${item.pointer} is labelled twice`);
    seen.add(item.pointer);
    items.push(item);
  };
  const labels = new Set<string>();
  for (const story of parsed.data.stories) {
    if (labels.has(story.story)) throw new Error(`${file}: story "${story.story}" is defined twice`);
    labels.add(story.story);
    for (const p of story.items)
      add({
        pointer: pointerOf(p),
        corpus: p.corpus,
        gold: story.story,
        inStory: true,
        kind: "story",
        report: reportOf(p, data, places),
      });
  }
  for (const s of parsed.data.singletons) {
    const p: Pointer =
      s.corpus === "bbc" ? { corpus: "bbc", id: s.id } : { corpus: "headlines", link: s.link };
    add({
      pointer: pointerOf(p),
      corpus: p.corpus,
      gold: `=${pointerOf(p)}`,
      inStory: false,
      kind: s.kind,
      report: reportOf(p, data, places),
    });
  }
  return items;
}

/**
 * Every item of the corpora that is not labelled, as reports: indexed beside the labelled ones
 * (`--with-unlabelled`) they are the distractors a real archive has, so wrong joins through them show.
 */
export function loadUnlabelledReports(
  labelled: readonly LabelledItem[],
  shared = SHARED_ROOT,
): { headlines: StoryReport[]; bbc: StoryReport[] } {
  const data = readNewsDev(shared);
  const places = compilePlaces(loadRegistries().places);
  const known = new Set(labelled.map((i) => i.pointer));
  const headlines = [...data.headlines.keys()]
    .map((link): Pointer => ({ corpus: "headlines", link }))
    .filter((p) => !known.has(pointerOf(p)))
    .map((p) => reportOf(p, data, places));
  const bbc = [...data.bbc.keys()]
    .map((id): Pointer => ({ corpus: "bbc", id }))
    .filter((p) => !known.has(pointerOf(p)))
    .map((p) => reportOf(p, data, places));
  return { headlines, bbc };
}

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export interface WrongMerge {
  item: LabelledItem;
  /** The first labelled report of the story it was put in. */
  story: LabelledItem;
  /** Title of the report it matched (labelled or not). */
  matchedTitle: string;
  matchedLabelled: boolean;
  assignment: StoryAssignment;
}

export interface SplitResult {
  name: string;
  items: number;
  stories: number;
  pairwise: Scores & { truePairs: number; predictedPairs: number; correctPairs: number };
  bcubed: Scores;
  /** All reports left unclustered. */
  baseline: { pairwise: Scores; bcubed: Scores };
  duplicates: number;
  wrongMerges: WrongMerge[];
  /** Gold stories whose reports ended in more than one predicted story. */
  splitStories: { gold: string; parts: number; size: number }[];
  assignments: Map<string, StoryAssignment>;
  seconds: number;
}

const f1Of = (p: number, r: number): number => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/** Pairwise and B³ scores of a clustering (predicted label per item) against gold labels. */
export function clusterScores(
  gold: readonly string[],
  predicted: readonly string[],
): { pairwise: SplitResult["pairwise"]; bcubed: Scores } {
  const count = (labels: readonly string[]) => {
    const m = new Map<string, number>();
    for (const l of labels) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };
  const goldSize = count(gold);
  const predSize = count(predicted);
  const both = count(gold.map((g, i) => `${g}\u0000${predicted[i]}`));
  const pairs = (m: Map<string, number>) => [...m.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  const truePairs = pairs(goldSize);
  const predictedPairs = pairs(predSize);
  const correctPairs = pairs(both);
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  let bp = 0;
  let br = 0;
  for (const [i, g] of gold.entries()) {
    const p = predicted[i] ?? "";
    const shared = both.get(`${g}\u0000${p}`) ?? 0;
    bp += shared / (predSize.get(p) ?? 1);
    br += shared / (goldSize.get(g) ?? 1);
  }
  const n = Math.max(gold.length, 1);
  return {
    pairwise: { precision, recall, f1: f1Of(precision, recall), truePairs, predictedPairs, correctPairs },
    bcubed: { precision: bp / n, recall: br / n, f1: f1Of(bp / n, br / n) },
  };
}

/** Runs the assigner over items in date order (as ingest would) and scores it. */
export function evaluateSplit(
  name: string,
  items: readonly LabelledItem[],
  options: StoryOptions = {},
  distractors: readonly StoryReport[] = [],
): SplitResult {
  const ordered = [...items].sort((a, b) => byDateThenId(a.report, b.report));
  const byPointer = new Map(ordered.map((item) => [item.pointer, item]));
  const index = new StoryIndex(options);
  const started = performance.now();
  const assignments = new Map<string, StoryAssignment>();
  const stream = [...ordered.map((item) => item.report), ...distractors].sort(byDateThenId);
  for (const report of stream) assignments.set(report.id, index.assign(report));
  const seconds = (performance.now() - started) / 1000;
  const gold = ordered.map((item) => item.gold);
  const predicted = ordered.map((item) => assignments.get(item.pointer)?.story ?? "");
  const scores = clusterScores(gold, predicted);
  const baseline = clusterScores(
    gold,
    ordered.map((item) => item.pointer),
  );

  // A wrong merge: a report put in a story whose earlier labelled reports all belong to another one.
  const titleOf = new Map(stream.map((r) => [r.id, r.title]));
  const earlierIn = new Map<string, LabelledItem[]>();
  const wrongMerges: WrongMerge[] = [];
  for (const item of ordered) {
    const assignment = assignments.get(item.pointer);
    if (!assignment) continue;
    const earlier = earlierIn.get(assignment.story) ?? [];
    if (assignment.outcome !== "new" && earlier.length > 0 && !earlier.some((e) => e.gold === item.gold)) {
      const matched = assignment.evidence.matched;
      wrongMerges.push({
        item,
        story: earlier[0] as LabelledItem,
        matchedTitle: matched ? (titleOf.get(matched) ?? matched) : "",
        matchedLabelled: matched !== undefined && byPointer.has(matched),
        assignment,
      });
    }
    earlierIn.set(assignment.story, [...earlier, item]);
  }
  const splitStories: SplitResult["splitStories"] = [];
  const partsOf = new Map<string, Set<string>>();
  for (const [i, g] of gold.entries()) {
    if (g.startsWith("=")) continue;
    let parts = partsOf.get(g);
    if (!parts) {
      parts = new Set();
      partsOf.set(g, parts);
    }
    parts.add(predicted[i] ?? "");
  }
  for (const [g, parts] of partsOf)
    if (parts.size > 1)
      splitStories.push({ gold: g, parts: parts.size, size: gold.filter((x) => x === g).length });

  return {
    name,
    items: ordered.length,
    stories: partsOf.size,
    pairwise: scores.pairwise,
    bcubed: scores.bcubed,
    baseline,
    duplicates: [...assignments.values()].filter((a) => a.outcome === "duplicate").length,
    wrongMerges,
    splitStories,
    assignments,
    seconds,
  };
}

/** The three runs: headlines alone, BBC items (headline + lede) alone, and both together. */
export function runStoryEvaluation(
  file = STORY_LABELS_FILE,
  shared = SHARED_ROOT,
  options: StoryOptions = {},
  withUnlabelled = false,
) {
  const items = loadLabelledItems(file, shared);
  const others = withUnlabelled ? loadUnlabelledReports(items, shared) : { headlines: [], bbc: [] };
  return {
    items,
    splits: [
      evaluateSplit(
        "headlines",
        items.filter((i) => i.corpus === "headlines"),
        options,
        others.headlines,
      ),
      evaluateSplit(
        "bbc (headline + lede)",
        items.filter((i) => i.corpus === "bbc"),
        options,
        others.bbc,
      ),
      evaluateSplit("all", items, options, [...others.headlines, ...others.bbc]),
    ],
  };
}

const pct = (x: number) => x.toFixed(3);

/** The printed report: a summary table, then every wrong merge with its evidence, then the split stories. */
export function storyEvalReport(
  splits: readonly SplitResult[],
  titleOf: (pointer: string) => string,
): string {
  const out: string[] = [];
  out.push(
    "split                   items stories  pair P  pair R  pair F1   B3 P    B3 R   B3 F1 | singletons: B3 F1",
  );
  for (const s of splits)
    out.push(
      `${s.name.padEnd(22)} ${String(s.items).padStart(6)} ${String(s.stories).padStart(7)}   ${pct(s.pairwise.precision)}   ${pct(
        s.pairwise.recall,
      )}   ${pct(s.pairwise.f1)}   ${pct(s.bcubed.precision)}   ${pct(s.bcubed.recall)}   ${pct(s.bcubed.f1)} |  ${pct(
        s.baseline.bcubed.f1,
      )}`,
    );
  for (const s of splits) {
    const missed = s.pairwise.truePairs - s.pairwise.correctPairs;
    const wrongPairs = s.pairwise.predictedPairs - s.pairwise.correctPairs;
    out.push(
      "",
      `## ${s.name}: ${s.pairwise.correctPairs}/${s.pairwise.truePairs} labelled pairs found, ${missed} missed, ${wrongPairs} wrong pairs; ${s.duplicates} near-duplicates; ${s.seconds.toFixed(2)} s`,
    );
    if (s.name === "all") continue;
    out.push(`wrong merges (${s.wrongMerges.length}):`);
    for (const w of s.wrongMerges)
      out.push(
        `  - [${w.item.gold}] ${titleOf(w.item.pointer)}`,
        `    put with [${w.story.gold}] ${titleOf(w.story.pointer)}`,
        `    ${w.assignment.outcome}: matched ${w.matchedLabelled ? "" : "(unlabelled) "}${w.matchedTitle}`,
        `    score ${w.assignment.evidence.score}, shared: ${w.assignment.evidence.terms.join(", ")}`,
      );
    out.push(`stories split in parts (${s.splitStories.length}):`);
    for (const x of s.splitStories) out.push(`  - ${x.gold}: ${x.size} reports in ${x.parts} stories`);
  }
  return out.join("\n");
}

async function main(): Promise<void> {
  if (!existsSync(resolve(SHARED_ROOT, "corpora/news-dev"))) {
    console.error(
      `eval:stories needs ../shared/corpora/news-dev (looked in ${resolve(SHARED_ROOT, "corpora/news-dev")}); it is missing. Put the shared folder beside the project and run again.`,
    );
    process.exit(1);
  }
  const values = scriptOptions(
    {
      options: {
        "join-threshold": { type: "string" },
        "min-shared": { type: "string" },
        "story-threshold": { type: "string" },
        window: { type: "string" },
        "with-unlabelled": { type: "boolean", default: false },
      },
    },
    "npm run eval:stories -- [--join-threshold X] [--min-shared N] [--story-threshold X] [--window DAYS] [--with-unlabelled]",
  );
  // Calibration runs: other thresholds than the assigner's defaults.
  const numberOf = (value: string | undefined) => (value === undefined ? undefined : Number(value));
  const { items, splits } = runStoryEvaluation(
    STORY_LABELS_FILE,
    SHARED_ROOT,
    {
      joinThreshold: numberOf(values["join-threshold"]),
      minSharedTerms: numberOf(values["min-shared"]),
      storyThreshold: numberOf(values["story-threshold"]),
      windowDays: numberOf(values.window),
    },
    values["with-unlabelled"],
  );
  const titles = new Map(items.map((i) => [i.pointer, i.report.title]));
  const stories = new Set(items.filter((i) => i.inStory).map((i) => i.gold));
  console.log(
    `${items.length} labelled items, ${stories.size} stories, ${items.filter((i) => !i.inStory).length} singletons (${
      items.filter((i) => i.kind === "near-miss").length
    } near-misses)\n`,
  );
  console.log(storyEvalReport(splits, (p) => titles.get(p) ?? p));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
