import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { loadRegistries, type Registries } from "../src/content/registry.ts";
import { readCapture } from "../src/ingest/acquire.ts";
import { buildDraft } from "../src/ingest/draft.ts";
import { toMarkdown } from "../src/ingest/html/to-markdown.ts";
import { detectLanguage, resolveLanguage } from "../src/ingest/language.ts";
import { linkedom } from "../src/ingest/libraries.ts";
import { compilePlaces, type PlaceTagger, tagPlaces } from "../src/ingest/places.ts";
import { compileTopics, type Field, type TopicMatcher, tagArticle } from "../src/ingest/tag.ts";
import { PROJECT_ROOT } from "../src/project.ts";
import { bodyText } from "./eval/body-text.ts";

/**
 * `npm run eval:topics`: tags every hand-labelled document and prints precision and recall per
 * topic, overall and split by length (short: a headline, with a lede where there is one; full:
 * a whole article) and by language, then every error with its evidence. Two label files, both
 * pointers into ../shared/corpora: test/fixtures/topic-labels.yaml (whole articles of the
 * extraction corpora and the seed) and test/fixtures/topic-labels-news.yaml (BBC items and
 * headlines of many outlets, news-dev/). test/scripts/eval-topics.test.ts pins the figures so they
 * can only rise.
 */

export const LABELS_FILE = resolve(PROJECT_ROOT, "test/fixtures/topic-labels.yaml");
export const NEWS_LABELS_FILE = resolve(PROJECT_ROOT, "test/fixtures/topic-labels-news.yaml");
export const SHARED_ROOT = resolve(PROJECT_ROOT, "../shared");

const LabelSchema = z.strictObject({
  corpus: z.enum(["aeb", "wcxb", "readability", "seed"]),
  file: z.string().min(1),
  field: z.enum(["articleBody", "main_content", "expected.html", "body"]),
  labels: z.array(z.string()),
  note: z.string().min(1),
});
const LabelFileSchema = z.strictObject({ documents: z.array(LabelSchema).min(1) });
const NewsItemFields = {
  labels: z.array(z.string()),
  places: z.array(z.string()),
  kind: z.enum(["positive", "hard-negative", "random"]),
  note: z.string().min(1),
};
const NewsItemSchema = z.discriminatedUnion("corpus", [
  z.strictObject({ corpus: z.literal("bbc"), id: z.string().min(1), ...NewsItemFields }),
  z.strictObject({ corpus: z.literal("headlines"), link: z.string().min(1), ...NewsItemFields }),
]);
const NewsFileSchema = z.strictObject({ items: z.array(NewsItemSchema).min(1) });
export type LabelledDocument = z.output<typeof LabelSchema> | z.output<typeof NewsItemSchema>;

/** How a document's pointer reads in the report. */
export const pointerOf = (doc: LabelledDocument): string =>
  `${doc.corpus}/${"file" in doc ? doc.file : "id" in doc ? doc.id : doc.link}`;

/** A headline (with its lede, if any) or a whole article. */
export const lengthOf = (doc: LabelledDocument): "short" | "full" =>
  doc.corpus === "bbc" || doc.corpus === "headlines" ? "short" : "full";

/**
 * The labelled documents of one label file (either shape); throws naming the file when it is
 * malformed or uses an unknown topic.
 */
export function loadLabels(file: string, registries: Registries): LabelledDocument[] {
  const raw: unknown = parseYaml(readFileSync(file, "utf8"));
  const isNews = typeof raw === "object" && raw !== null && "items" in raw;
  const parsed = isNews ? NewsFileSchema.safeParse(raw) : LabelFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  const docs: LabelledDocument[] = "items" in parsed.data ? parsed.data.items : parsed.data.documents;
  for (const [i, doc] of docs.entries())
    for (const label of doc.labels)
      if (!registries.topicById.has(label))
        throw new Error(`${file}: entry ${i + 1}, labels: "${label}" is not a topic in registry/topics.yaml`);
  return docs;
}

let newsDev:
  | { bbc: Map<string, { title: string; lede: string }>; headlines: Map<string, string> }
  | undefined;

/** The news-dev files, read once: BBC items by id, headlines by link (the first line of a link). */
function newsDevOf(corpora: string) {
  if (newsDev) return newsDev;
  const lines = (name: string) =>
    readFileSync(resolve(corpora, "news-dev", name), "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as Record<string, string>);
  const bbc = new Map<string, { title: string; lede: string }>();
  for (const item of lines("bbc-items.jsonl"))
    bbc.set(item.id as string, { title: item.title ?? "", lede: item.lede ?? "" });
  const headlines = new Map<string, string>();
  for (const item of lines("headlines.jsonl"))
    if (!headlines.has(item.link as string)) headlines.set(item.link as string, item.title ?? "");
  newsDev = { bbc, headlines };
  return newsDev;
}

let aebTruth: Record<string, { articleBody?: string }> | undefined;

/**
 * The text the tagger sees for one document, by corpus: aeb's ground-truth articleBody (no title
 * in its ground truth); wcxb's ground-truth title and main_content; readability's reference
 * title and excerpt (expected-metadata.json) and the text of its reference article
 * (expected.html); for the seed, the title, summary and body the ingest pipeline makes of the
 * capture.
 */
export function documentFields(
  doc: LabelledDocument,
  shared: string,
  registries: Registries,
): Record<Field, string> {
  const corpora = resolve(shared, "corpora");
  switch (doc.corpus) {
    // A short item arrives as a brief: its headline, and its lede as the summary.
    case "bbc": {
      const item = newsDevOf(corpora).bbc.get(doc.id);
      if (!item) throw new Error(`news-dev/bbc-items.jsonl has no item ${doc.id}`);
      return { title: item.title, summary: item.lede, body: "" };
    }
    case "headlines": {
      const title = newsDevOf(corpora).headlines.get(doc.link);
      if (title === undefined) throw new Error(`news-dev/headlines.jsonl has no item ${doc.link}`);
      return { title, summary: "", body: "" };
    }
    case "aeb": {
      aebTruth ??= JSON.parse(readFileSync(resolve(corpora, "aeb/ground-truth.json"), "utf8")) as Record<
        string,
        { articleBody?: string }
      >;
      const body = aebTruth[doc.file]?.articleBody;
      if (body === undefined) throw new Error(`aeb/ground-truth.json has no articleBody for key ${doc.file}`);
      return { title: "", summary: "", body };
    }
    case "wcxb": {
      const raw: unknown = JSON.parse(
        readFileSync(resolve(corpora, `wcxb-dev/ground-truth/${doc.file}.json`), "utf8"),
      );
      const truth = z
        .object({ ground_truth: z.object({ title: z.string().nullish(), main_content: z.string() }) })
        .parse(raw).ground_truth;
      return { title: truth.title ?? "", summary: "", body: truth.main_content };
    }
    case "readability": {
      const dir = resolve(corpora, "readability/test-pages", doc.file);
      const meta = z
        .object({ title: z.string().nullish(), excerpt: z.string().nullish() })
        .parse(JSON.parse(readFileSync(resolve(dir, "expected-metadata.json"), "utf8")));
      const { document } = linkedom().parseHTML(readFileSync(resolve(dir, "expected.html"), "utf8"));
      const body = bodyText(toMarkdown(document.documentElement, undefined).markdown);
      return { title: meta.title ?? "", summary: meta.excerpt ?? "", body };
    }
    case "seed": {
      const source = registries.sourceById.get("moscow-times");
      if (!source) throw new Error("registry/sources.yaml has no moscow-times source for the seed");
      const { draft } = buildDraft(readCapture(resolve(shared, "seed", doc.file)), source, {
        now: new Date("2026-01-01T00:00:00Z"),
        toolVersion: "eval",
        matchers: [],
      });
      return { title: draft.title, summary: draft.summary, body: draft.body };
    }
  }
}

export interface TopicScore {
  /** Documents labelled with the topic. */
  positives: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  /** TP / (TP + FP); 1 when nothing was tagged (no false alerts). */
  precision: number;
  /** TP / (TP + FN); undefined when no document is labelled with the topic. */
  recall: number | undefined;
}

export interface EvalError {
  doc: LabelledDocument;
  expected: string[];
  got: string[];
  /** Per wrongly added or missed topic: its score, terms and snippet, to see which term to fix. */
  why: string[];
}

/** A slice of the documents: by length and language ("short en", "full ru"…). */
export interface EvalSplit {
  name: string;
  documents: number;
  perTopic: Record<string, TopicScore>;
}

export interface EvalResult {
  documents: number;
  perTopic: Record<string, TopicScore>;
  splits: EvalSplit[];
  errors: EvalError[];
  /** Places, on the news items (the documents labelled with places). */
  places: PlaceEval | undefined;
}

export interface PlaceEval {
  documents: number;
  /** Per registry place; a labelled place outside the registry is not scored. */
  perPlace: Record<string, TopicScore>;
  errors: EvalError[];
}

const emptyScores = (matchers: readonly { id: string }[]): Record<string, TopicScore> =>
  Object.fromEntries(
    matchers.map((m) => [
      m.id,
      {
        positives: 0,
        truePositives: 0,
        falsePositives: 0,
        falseNegatives: 0,
        precision: 1,
        recall: undefined,
      },
    ]),
  );

function count(score: TopicScore, labelled: boolean, tagged: boolean): void {
  if (labelled) score.positives++;
  if (labelled && tagged) score.truePositives++;
  if (!labelled && tagged) score.falsePositives++;
  if (labelled && !tagged) score.falseNegatives++;
}

function finish(scores: Record<string, TopicScore>): void {
  for (const score of Object.values(scores)) {
    const tagged = score.truePositives + score.falsePositives;
    score.precision = tagged === 0 ? 1 : score.truePositives / tagged;
    score.recall = score.positives === 0 ? undefined : score.truePositives / score.positives;
  }
}

/**
 * Tags every labelled document and scores the result per topic, overall and per split (length and
 * language: `languageOf` tells a document's language from its fields).
 */
export function evaluateTopics(
  docs: readonly LabelledDocument[],
  matchers: readonly TopicMatcher[],
  fieldsOf: (doc: LabelledDocument) => Record<Field, string>,
  languageOf: (fields: Record<Field, string>, doc: LabelledDocument) => string = () => "en",
): EvalResult {
  const perTopic = emptyScores(matchers);
  const splits = new Map<string, EvalSplit>();
  // The same topics with no threshold: what a missed topic scored, to show why it fell short.
  const anyScore = matchers.map((m) => ({ ...m, threshold: Number.MIN_VALUE }));
  const errors: EvalError[] = [];
  for (const doc of docs) {
    const fields = fieldsOf(doc);
    const result = tagArticle(fields, matchers);
    const name = `${lengthOf(doc)} ${languageOf(fields, doc)}`;
    const split = splits.get(name) ?? { name, documents: 0, perTopic: emptyScores(matchers) };
    splits.set(name, split);
    split.documents++;
    for (const m of matchers) {
      const labelled = doc.labels.includes(m.id);
      const tagged = result.topics.includes(m.id);
      count(perTopic[m.id] as TopicScore, labelled, tagged);
      count(split.perTopic[m.id] as TopicScore, labelled, tagged);
    }
    const expected = [...doc.labels].sort();
    const got = [...result.topics].sort();
    if (expected.join() === got.join()) continue;
    const partial = tagArticle(fields, anyScore).evidence;
    const wrong = [...got.filter((t) => !expected.includes(t)), ...expected.filter((t) => !got.includes(t))];
    errors.push({
      doc,
      expected,
      got,
      why: wrong.map((t) => {
        const e = result.evidence[t] ?? partial[t];
        if (!e) return `${t}: no term of the topic`;
        return `${t}: score ${e.score}, ${e.terms.map((x) => `${x.term}×${x.count}`).join(", ")} — ${e.snippet}`;
      }),
    });
  }
  finish(perTopic);
  for (const split of splits.values()) finish(split.perTopic);
  const ordered = [...splits.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { documents: docs.length, perTopic, splits: ordered, errors, places: undefined };
}

/**
 * Tags the places of every document labelled with places and scores them per registry place. A
 * label is a place's English name (labels.en); a labelled place makes the places it lies in
 * (`within`) labelled too, as tagging does.
 */
export function evaluatePlaces(
  docs: readonly LabelledDocument[],
  tagger: PlaceTagger,
  byName: ReadonlyMap<string, string>,
  fieldsOf: (doc: LabelledDocument) => Record<Field, string>,
): PlaceEval {
  const ids = tagger.order.map((id) => ({ id }));
  const perPlace = emptyScores(ids);
  const errors: EvalError[] = [];
  const labelled = docs.filter((d) => "places" in d);
  const withParents = (id: string) => {
    const all = [id];
    for (let up = tagger.within.get(id); up !== undefined; up = tagger.within.get(up)) all.push(up);
    return all;
  };
  const anyScore = {
    ...tagger,
    matchers: tagger.matchers.map((m) => ({ ...m, threshold: Number.MIN_VALUE })),
  };
  for (const doc of labelled) {
    const names = "places" in doc ? doc.places : [];
    const expected = [
      ...new Set(names.flatMap((name) => (byName.has(name) ? withParents(byName.get(name) as string) : []))),
    ];
    const fields = fieldsOf(doc);
    const result = tagPlaces(fields, tagger);
    for (const { id } of ids)
      count(perPlace[id] as TopicScore, expected.includes(id), result.places.includes(id));
    const wrong = [
      ...result.places.filter((p) => !expected.includes(p)),
      ...expected.filter((p) => !result.places.includes(p)),
    ];
    if (wrong.length === 0) continue;
    const partial = tagPlaces(fields, anyScore).evidence;
    errors.push({
      doc,
      expected: expected.sort(),
      got: [...result.places].sort(),
      why: wrong.map((p) => {
        const e = result.evidence[p] ?? partial[p];
        if (!e) return `${p}: no name of the place`;
        return `${p}: score ${e.score}, ${e.terms.map((x) => `${x.term}×${x.count}`).join(", ")} — ${e.snippet}`;
      }),
    });
  }
  finish(perPlace);
  return { documents: labelled.length, perPlace, errors };
}

/**
 * A document's language, as ingest would find it. The news items come from English-language
 * sources (BBC News' English front page, English-language news subreddits), so English is their
 * declared language, kept unless the text clearly says otherwise (a French outlet's headline), as
 * ingest keeps a feed's declaration: detection alone reads a short English headline as Afrikaans or
 * Danish. The whole articles declare nothing here and are detected.
 */
function languageOfDocument(fields: Record<Field, string>, doc: LabelledDocument): string {
  const text = `${fields.title}\n${fields.summary}\n${fields.body}`;
  return lengthOf(doc) === "short" ? resolveLanguage(text, "en").language : detectLanguage(text);
}

/** Loads the registry, the labels and the corpus texts, and evaluates. */
export function runEvaluation(
  labelFiles: readonly string[] = [LABELS_FILE, NEWS_LABELS_FILE],
  shared = SHARED_ROOT,
): EvalResult {
  const registries = loadRegistries();
  const docs = labelFiles.flatMap((file) => loadLabels(file, registries));
  const fieldsOf = (doc: LabelledDocument) => documentFields(doc, shared, registries);
  const result = evaluateTopics(docs, compileTopics(registries.topics), fieldsOf, languageOfDocument);
  const byName = new Map(registries.places.map((p) => [p.labels.en, p.id]));
  result.places = evaluatePlaces(docs, compilePlaces(registries.places), byName, fieldsOf);
  return result;
}

const figure = (n: number | undefined) => (n === undefined ? "  n/a" : n.toFixed(3));

function scoreTable(perTopic: Record<string, TopicScore>, indent = ""): string[] {
  return Object.entries(perTopic).map(
    ([id, s]) =>
      `${indent}${id.padEnd(14)} ${String(s.positives).padStart(8)} ${String(s.truePositives).padStart(4)} ${String(s.falsePositives).padStart(4)} ${String(s.falseNegatives).padStart(4)}  ${figure(s.precision).padStart(9)}  ${figure(s.recall).padStart(6)}`,
  );
}

/** The places a report shows: those labelled or tagged at least once. */
const placesSeen = (perPlace: Record<string, TopicScore>) =>
  Object.fromEntries(Object.entries(perPlace).filter(([, s]) => s.positives > 0 || s.falsePositives > 0));

/** Every place's counts added up: micro-averaged precision and recall. */
export function pooled(scores: Record<string, TopicScore>): TopicScore {
  const total = {
    positives: 0,
    truePositives: 0,
    falsePositives: 0,
    falseNegatives: 0,
    precision: 1,
    recall: undefined as number | undefined,
  };
  for (const s of Object.values(scores)) {
    total.positives += s.positives;
    total.truePositives += s.truePositives;
    total.falsePositives += s.falsePositives;
    total.falseNegatives += s.falseNegatives;
  }
  finish({ total });
  return total;
}

/** The report printed by `npm run eval:topics`. */
export function evalReport(result: EvalResult): string {
  const header = "topic          labelled   TP   FP   FN  precision  recall";
  const lines = [
    `${result.documents} labelled documents (test/fixtures/topic-labels.yaml, test/fixtures/topic-labels-news.yaml)`,
    "",
    header,
    ...scoreTable(result.perTopic),
  ];
  for (const split of result.splits)
    lines.push(
      "",
      `${split.name} (${split.documents} documents)`,
      `  ${header}`,
      ...scoreTable(split.perTopic, "  "),
    );
  const errorLines = (errors: readonly EvalError[], what: string) => {
    lines.push("", errors.length === 0 ? `no ${what} errors` : `${errors.length} ${what} errors:`);
    for (const e of errors) {
      lines.push(
        `  ${pointerOf(e.doc)}: expected [${e.expected.join(", ")}], got [${e.got.join(", ")}] — ${e.doc.note}`,
      );
      for (const why of e.why) lines.push(`      ${why}`);
    }
  };
  errorLines(result.errors, "topic");
  const places = result.places;
  if (places) {
    lines.push(
      "",
      `places, on the ${places.documents} news items labelled with places (a label is a place's English name)`,
      header.replace("topic", "place"),
      ...scoreTable(placesSeen(places.perPlace)),
    );
    const all = pooled(places.perPlace);
    const quiet = Object.keys(places.perPlace).length - Object.keys(placesSeen(places.perPlace)).length;
    lines.push(
      `all places   ${String(all.positives).padStart(8)} ${String(all.truePositives).padStart(4)} ${String(all.falsePositives).padStart(4)} ${String(all.falseNegatives).padStart(4)}  ${figure(all.precision).padStart(9)}  ${figure(all.recall).padStart(6)}`,
      `(${quiet} more places of the registry: no label and no tag in these items)`,
    );
    errorLines(places.errors, "place");
  }
  return `${lines.join("\n")}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(evalReport(runEvaluation()));
}
