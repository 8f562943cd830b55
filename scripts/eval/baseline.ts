import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../src/project.ts";
import type { AebIngestFigures } from "./aeb-ingest.ts";
import type { AebFigures, ReadabilityFigures, WcxbFigures } from "./measure.ts";

/**
 * The pinned extraction figures (test/fixtures/extraction-baseline.json). The corpus tests fail
 * when a figure falls below its pin (minus {@link TOLERANCE}); `npm run eval:extraction --
 * --write-baseline` re-pins after an improvement. Figures may only rise.
 */

export const baselinePath = join(PROJECT_ROOT, "test/fixtures/extraction-baseline.json");

export interface Baseline {
  aeb: { f1: number; precision: number; recall: number; pagesPerSecond: number };
  /** AEB through the ingest pipeline (eval/aeb-ingest.ts): body F1 and pages published. */
  aebIngest: { f1: number; precision: number; recall: number; published: number };
  readability: {
    title: number;
    byline: number;
    /** Bylines right against the reference with its documented errors corrected. */
    bylineCorrected: number;
    published: number;
    language: number;
  };
  wcxb: {
    crashes: number;
    hangs: number;
    dateCorrect: number;
    authorCorrect: number;
    nonArticlesRefused: number;
    articlesWronglyFlagged: number;
    articleBodyF1: number;
    /** Trafilatura's snippet metric over every page (eval/snippets.ts). */
    snippetF1: number;
    snippetPrecision: number;
    snippetRecall: number;
    /** Shares: articles published (not flagged), non-articles published unflagged. */
    articlesPublishedShare: number;
    nonArticlesUnflaggedShare: number;
  };
}

export const TOLERANCE = {
  /** F1, precision, recall: rounding and platform noise (ICU, V8 regexp) stay well under this. */
  score: 0.002,
  /** Speed is measured on shared CI machines; only a collapse (half the pinned speed) fails. */
  speedShare: 0.5,
};

/**
 * Issue 13's goals. Pins only stop a figure from falling; these hold it above the goal too, so a
 * pin re-written after a fall (or a tolerance that adds up) cannot take a figure below it.
 */
export const TARGETS = {
  /** AEB through ingest: body F1, and pages published of 181. */
  aebIngestF1: 0.96,
  aebIngestPublished: 180,
  /** WCXB dev: share of articles published, of non-articles published unflagged, snippet F1. */
  wcxbArticlesPublishedShare: 0.99,
  wcxbNonArticlesUnflaggedShare: 0.1,
  wcxbSnippetF1: 0.93,
};

export function readBaseline(): Baseline {
  return JSON.parse(readFileSync(baselinePath, "utf8")) as Baseline;
}

const round = (x: number, digits = 4) => Number(x.toFixed(digits));

export function writeBaseline(
  aeb: AebFigures,
  aebIngest: AebIngestFigures,
  readability: ReadabilityFigures,
  wcxb: WcxbFigures,
): Baseline {
  const articles = wcxb.articlesRefused;
  const nonArticles = wcxb.nonArticlesRefused;
  const baseline: Baseline = {
    aeb: {
      f1: round(aeb.f1),
      precision: round(aeb.precision),
      recall: round(aeb.recall),
      pagesPerSecond: round(aeb.pagesPerSecond, 1),
    },
    aebIngest: {
      f1: round(aebIngest.f1),
      precision: round(aebIngest.precision),
      recall: round(aebIngest.recall),
      published: aebIngest.published,
    },
    readability: {
      title: readability.title.correct,
      byline: readability.byline.correct,
      bylineCorrected: readability.byline.corrected ?? 0,
      published: readability.published.correct,
      language: readability.language.correct,
    },
    wcxb: {
      crashes: wcxb.crashes.length,
      hangs: wcxb.hangs.length,
      dateCorrect: wcxb.date.correct,
      authorCorrect: wcxb.author.correct,
      nonArticlesRefused: wcxb.nonArticlesRefused.correct,
      articlesWronglyFlagged: wcxb.articlesRefused.correct,
      articleBodyF1: round(wcxb.articleBody.f1),
      snippetF1: round(wcxb.snippets.f1),
      snippetPrecision: round(wcxb.snippets.precision),
      snippetRecall: round(wcxb.snippets.recall),
      articlesPublishedShare: round(articles.total ? 1 - articles.correct / articles.total : 0),
      nonArticlesUnflaggedShare: round(nonArticles.total ? 1 - nonArticles.correct / nonArticles.total : 0),
    },
  };
  writeFileSync(baselinePath, `${JSON.stringify(baseline, null, 2)}\n`);
  return baseline;
}
