import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import {
  evalReport,
  LABELS_FILE,
  lengthOf,
  loadLabels,
  NEWS_LABELS_FILE,
  pooled,
  runEvaluation,
} from "../../scripts/eval-topics.ts";
import { loadRegistries } from "../../src/content/registry.ts";
import { describeWithShared, projectRoot, sharedRoot } from "../helpers/shared.ts";

interface Pinned {
  positives: number;
  precision: number;
  recall: number | null;
}
interface Baseline {
  documents: { full: number; short: number };
  /** Per length ("full", "short"), per topic. */
  topics: Record<string, Record<string, Pinned>>;
}
const baseline = JSON.parse(
  readFileSync(`${projectRoot}test/fixtures/topic-eval-baseline.json`, "utf8"),
) as Baseline;

describeWithShared("topic tagging on the hand-labelled documents and news items", ["corpora"], () => {
  const result = runEvaluation([LABELS_FILE, NEWS_LABELS_FILE], sharedRoot);
  const registries = loadRegistries();
  const docs = [LABELS_FILE, NEWS_LABELS_FILE].flatMap((file) => loadLabels(file, registries));

  it("has the labelled set issue 12 asks for: 800+ units, 150+ election positives, hard negatives, a note each", () => {
    expect(docs.length).toBeGreaterThanOrEqual(800);
    expect(docs.filter((d) => d.labels.includes("elections")).length).toBeGreaterThanOrEqual(150);
    const news = loadLabels(NEWS_LABELS_FILE, registries);
    expect(news.filter((d) => "kind" in d && d.kind === "hard-negative").length).toBeGreaterThanOrEqual(100);
    for (const length of ["full", "short"] as const)
      expect(docs.filter((d) => lengthOf(d) === length).length).toBeGreaterThanOrEqual(
        baseline.documents[length],
      );
    expect(result.documents).toBe(docs.length);
  });

  it("keeps precision and recall per topic, for short items and whole articles, at or above the pinned figures", () => {
    const report = evalReport(result);
    for (const [length, topics] of Object.entries(baseline.topics))
      for (const [id, pinned] of Object.entries(topics)) {
        // Both splits of a length (languages) pooled: the pin is per length.
        const splits = result.splits.filter((s) => s.name.startsWith(`${length} `));
        const sum = (key: "truePositives" | "falsePositives" | "positives") =>
          splits.reduce((n, s) => n + (s.perTopic[id]?.[key] ?? 0), 0);
        const tp = sum("truePositives");
        const tagged = tp + sum("falsePositives");
        const positives = sum("positives");
        const precision = tagged === 0 ? 1 : tp / tagged;
        expect(positives, `${length} ${id} labelled positives`).toBeGreaterThanOrEqual(pinned.positives);
        expect(precision, `${length} ${id} precision\n${report}`).toBeGreaterThanOrEqual(pinned.precision);
        if (pinned.recall !== null)
          expect(tp / positives, `${length} ${id} recall\n${report}`).toBeGreaterThanOrEqual(pinned.recall);
      }
  });

  it("tags places precisely: over every place, precision and recall at or above the pins", () => {
    const places = result.places;
    expect(places?.documents).toBeGreaterThanOrEqual(1000);
    const all = pooled(places?.perPlace ?? {});
    // Pinned at the registry of 389 places whose countries' heads of state and government name them
    // (precision 0.968, recall 0.720; 0.963 and 0.604 before): recall is capped by headlines that
    // never name their place (a US outlet's "Senate passes…").
    expect(all.precision, evalReport(result)).toBeGreaterThanOrEqual(0.965);
    expect(all.recall ?? 0).toBeGreaterThanOrEqual(0.71);
    expect(places?.perPlace.ukraine?.precision).toBe(1);
  });
});
