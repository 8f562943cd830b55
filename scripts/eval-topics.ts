import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { loadRegistries, type Registries } from "../src/content/registry.ts";
import { buildDraft, readCapture } from "../src/ingest/pipeline.ts";
import { compileTopics, type Field, type TopicMatcher, tagArticle } from "../src/ingest/tag.ts";
import { PROJECT_ROOT } from "../src/project.ts";

/**
 * `npm run eval:topics`: tags every hand-labelled corpus document in
 * test/fixtures/topic-labels.yaml and prints precision and recall per topic, then every error with
 * the evidence that caused it. The documents stay in ../shared/corpora; the label file only points
 * at them. test/scripts/eval-topics.test.ts pins the figures so they can only rise.
 */

export const LABELS_FILE = resolve(PROJECT_ROOT, "test/fixtures/topic-labels.yaml");
export const SHARED_ROOT = resolve(PROJECT_ROOT, "../shared");

const LabelSchema = z.strictObject({
  corpus: z.enum(["aeb", "wcxb", "seed"]),
  file: z.string().min(1),
  field: z.enum(["articleBody", "main_content", "body"]),
  labels: z.array(z.string()),
  note: z.string().min(1),
});
const LabelFileSchema = z.strictObject({ documents: z.array(LabelSchema).min(1) });
export type LabelledDocument = z.output<typeof LabelSchema>;

/** The labelled documents; throws naming the label file when it is malformed or uses an unknown topic. */
export function loadLabels(file: string, registries: Registries): LabelledDocument[] {
  const parsed = LabelFileSchema.safeParse(parseYaml(readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  for (const [i, doc] of parsed.data.documents.entries())
    for (const label of doc.labels)
      if (!registries.topicById.has(label))
        throw new Error(`${file}: documents[${i}].labels: "${label}" is not a topic in registry/topics.yaml`);
  return parsed.data.documents;
}

let aebTruth: Record<string, { articleBody?: string }> | undefined;

/**
 * The text the tagger sees for one document, by corpus: aeb's ground-truth articleBody (no title
 * in its ground truth); wcxb's ground-truth title and main_content; for the seed, the title,
 * summary and body the ingest pipeline makes of the capture.
 */
export function documentFields(
  doc: LabelledDocument,
  shared: string,
  registries: Registries,
): Record<Field, string> {
  const corpora = resolve(shared, "corpora");
  switch (doc.corpus) {
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
  /** Per wrongly added topic: its terms and snippet, to see which term to fix. */
  why: string[];
}

export interface EvalResult {
  documents: number;
  perTopic: Record<string, TopicScore>;
  errors: EvalError[];
}

/** Tags every labelled document and scores the result per topic. */
export function evaluateTopics(
  docs: readonly LabelledDocument[],
  matchers: readonly TopicMatcher[],
  fieldsOf: (doc: LabelledDocument) => Record<Field, string>,
): EvalResult {
  const perTopic: Record<string, TopicScore> = {};
  for (const m of matchers)
    perTopic[m.id] = {
      positives: 0,
      truePositives: 0,
      falsePositives: 0,
      falseNegatives: 0,
      precision: 1,
      recall: undefined,
    };
  const errors: EvalError[] = [];
  for (const doc of docs) {
    const result = tagArticle(fieldsOf(doc), matchers);
    for (const m of matchers) {
      const score = perTopic[m.id] as TopicScore;
      const labelled = doc.labels.includes(m.id);
      const tagged = result.topics.includes(m.id);
      if (labelled) score.positives++;
      if (labelled && tagged) score.truePositives++;
      if (!labelled && tagged) score.falsePositives++;
      if (labelled && !tagged) score.falseNegatives++;
    }
    const expected = [...doc.labels].sort();
    const got = [...result.topics].sort();
    if (expected.join() !== got.join())
      errors.push({
        doc,
        expected,
        got,
        why: got
          .filter((t) => !expected.includes(t))
          .map((t) => {
            const e = result.evidence[t];
            return `${t}: score ${e?.score}, ${e?.terms.map((x) => `${x.term}×${x.count}`).join(", ")} — ${e?.snippet ?? ""}`;
          }),
      });
  }
  for (const score of Object.values(perTopic)) {
    const tagged = score.truePositives + score.falsePositives;
    score.precision = tagged === 0 ? 1 : score.truePositives / tagged;
    score.recall = score.positives === 0 ? undefined : score.truePositives / score.positives;
  }
  return { documents: docs.length, perTopic, errors };
}

/** Loads the registry, the labels and the corpus texts, and evaluates. */
export function runEvaluation(labelsFile = LABELS_FILE, shared = SHARED_ROOT): EvalResult {
  const registries = loadRegistries();
  const docs = loadLabels(labelsFile, registries);
  return evaluateTopics(docs, compileTopics(registries.topics), (doc) =>
    documentFields(doc, shared, registries),
  );
}

const figure = (n: number | undefined) => (n === undefined ? "  n/a" : n.toFixed(3));

/** The report printed by `npm run eval:topics`. */
export function evalReport(result: EvalResult): string {
  const lines = [
    `${result.documents} labelled documents (test/fixtures/topic-labels.yaml)`,
    "",
    "topic          labelled  TP  FP  FN  precision  recall",
  ];
  for (const [id, s] of Object.entries(result.perTopic))
    lines.push(
      `${id.padEnd(14)} ${String(s.positives).padStart(8)} ${String(s.truePositives).padStart(3)} ${String(s.falsePositives).padStart(3)} ${String(s.falseNegatives).padStart(3)}  ${figure(s.precision).padStart(9)}  ${figure(s.recall).padStart(6)}`,
    );
  lines.push("", result.errors.length === 0 ? "no errors" : `${result.errors.length} errors:`);
  for (const e of result.errors) {
    lines.push(
      `  ${e.doc.corpus}/${e.doc.file}: expected [${e.expected.join(", ")}], got [${e.got.join(", ")}] — ${e.doc.note}`,
    );
    for (const why of e.why) lines.push(`      ${why}`);
  }
  return `${lines.join("\n")}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(evalReport(runEvaluation()));
}
