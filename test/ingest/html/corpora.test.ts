import { expect } from "vitest";
import { evaluateAebIngest } from "../../../scripts/eval/aeb-ingest.ts";
import { readBaseline, TARGETS, TOLERANCE } from "../../../scripts/eval/baseline.ts";
import { evaluateAeb } from "../../../scripts/eval/measure.ts";
import { itNeedsShared } from "../../helpers/shared.ts";

/**
 * The quality gate: extraction figures on the shared corpora may only rise. The pins live in
 * test/fixtures/extraction-baseline.json; after an improvement, re-pin with
 * `npm run eval:extraction -- --write-baseline`. The same figures are printed by
 * `npm run eval:extraction`. This file pins AEB's speed too, so it runs alone, last
 * (vitest.config.ts), like corpora-quality.test.ts (the Readability and WCXB figures).
 */

const baseline = readBaseline();

itNeedsShared(
  "AEB: body shingle F1, precision, recall and speed do not fall below the pins",
  ["corpora", "aeb", "ground-truth.json"],
  () => {
    const aeb = evaluateAeb();
    expect(aeb.pages).toBe(181);
    expect(aeb.f1).toBeGreaterThanOrEqual(baseline.aeb.f1 - TOLERANCE.score);
    expect(aeb.precision).toBeGreaterThanOrEqual(baseline.aeb.precision - TOLERANCE.score);
    expect(aeb.recall).toBeGreaterThanOrEqual(baseline.aeb.recall - TOLERANCE.score);
    expect(aeb.pagesPerSecond).toBeGreaterThanOrEqual(baseline.aeb.pagesPerSecond * TOLERANCE.speedShare);
  },
  300_000,
);

itNeedsShared(
  "AEB through ingest (ingestInputs into a temporary folder and registry): body F1 and pages published do not fall",
  ["corpora", "aeb", "ground-truth.json"],
  async () => {
    const ingest = await evaluateAebIngest();
    const held = ingest.notPublished.map((p) => `${p.status} ${p.url}: ${p.reason}`).join("\n");
    expect(ingest.pages).toBe(181);
    expect(ingest.published, held).toBeGreaterThanOrEqual(baseline.aebIngest.published);
    expect(ingest.f1).toBeGreaterThanOrEqual(baseline.aebIngest.f1 - TOLERANCE.score);
    expect(ingest.precision).toBeGreaterThanOrEqual(baseline.aebIngest.precision - TOLERANCE.score);
    expect(ingest.recall).toBeGreaterThanOrEqual(baseline.aebIngest.recall - TOLERANCE.score);
    // And the goals, whatever the pins say.
    expect(ingest.f1).toBeGreaterThanOrEqual(TARGETS.aebIngestF1);
    expect(ingest.published, held).toBeGreaterThanOrEqual(TARGETS.aebIngestPublished);
  },
  300_000,
);
