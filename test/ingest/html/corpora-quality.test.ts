import { expect } from "vitest";
import { readBaseline, TARGETS, TOLERANCE } from "../../../scripts/eval/baseline.ts";
import { evaluateReadability, evaluateWcxb } from "../../../scripts/eval/measure.ts";
import { itNeedsShared } from "../../helpers/shared.ts";

/**
 * Extraction figures on the shared corpora besides AEB's (corpora.test.ts): they may only rise;
 * the pins live in test/fixtures/extraction-baseline.json. WCXB runs two extraction workers of
 * its own, so this file runs alone at the end too (vitest.config.ts).
 */

const baseline = readBaseline();
/** Shares are pinned to 4 decimals. */
const ROUNDING = 0.00005;

itNeedsShared(
  "Readability test pages: title, byline, date and language counts do not fall",
  ["corpora", "readability", "test-pages"],
  () => {
    const r = evaluateReadability();
    expect(r.title.correct, r.title.misses.join("\n")).toBeGreaterThanOrEqual(baseline.readability.title);
    expect(r.byline.correct, r.byline.misses.join("\n")).toBeGreaterThanOrEqual(baseline.readability.byline);
    expect(r.byline.corrected, r.byline.misses.join("\n")).toBeGreaterThanOrEqual(
      baseline.readability.bylineCorrected,
    );
    expect(r.published.correct, r.published.misses.join("\n")).toBeGreaterThanOrEqual(
      baseline.readability.published,
    );
    expect(r.language.correct, r.language.misses.join("\n")).toBeGreaterThanOrEqual(
      baseline.readability.language,
    );
  },
  300_000,
);

itNeedsShared(
  "WCXB dev: no page crashes or hangs (30 s each), and date, author, body and page-kind figures do not fall",
  ["corpora", "wcxb-dev", "metadata.json"],
  async () => {
    const w = await evaluateWcxb({ workers: 2, timeoutMs: 30_000 });
    expect(w.crashes).toEqual([]);
    expect(w.hangs).toEqual([]);
    expect(w.date.correct).toBeGreaterThanOrEqual(baseline.wcxb.dateCorrect);
    expect(w.author.correct).toBeGreaterThanOrEqual(baseline.wcxb.authorCorrect);
    expect(w.nonArticlesRefused.correct).toBeGreaterThanOrEqual(baseline.wcxb.nonArticlesRefused);
    expect(w.articlesRefused.correct).toBeLessThanOrEqual(baseline.wcxb.articlesWronglyFlagged);
    expect(w.articleBody.f1).toBeGreaterThanOrEqual(baseline.wcxb.articleBodyF1 - TOLERANCE.score);
    // Trafilatura's snippet metric (scripts/eval/snippets.ts), over every page.
    expect(w.snippets.f1).toBeGreaterThanOrEqual(baseline.wcxb.snippetF1 - TOLERANCE.score);
    expect(w.snippets.precision).toBeGreaterThanOrEqual(baseline.wcxb.snippetPrecision - TOLERANCE.score);
    expect(w.snippets.recall).toBeGreaterThanOrEqual(baseline.wcxb.snippetRecall - TOLERANCE.score);
    // Shares of articles published and of non-articles published unflagged (counts are exact, so
    // only the rounding of the pinned share is allowed for).
    const articles = w.articlesRefused;
    const nonArticles = w.nonArticlesRefused;
    expect(1 - articles.correct / articles.total, articles.misses.join("\n")).toBeGreaterThanOrEqual(
      baseline.wcxb.articlesPublishedShare - ROUNDING,
    );
    expect(1 - nonArticles.correct / nonArticles.total).toBeLessThanOrEqual(
      baseline.wcxb.nonArticlesUnflaggedShare + ROUNDING,
    );
    // And the goals, whatever the pins say.
    expect(w.snippets.f1).toBeGreaterThanOrEqual(TARGETS.wcxbSnippetF1);
    expect(1 - articles.correct / articles.total).toBeGreaterThanOrEqual(TARGETS.wcxbArticlesPublishedShare);
    expect(1 - nonArticles.correct / nonArticles.total).toBeLessThanOrEqual(
      TARGETS.wcxbNonArticlesUnflaggedShare,
    );
  },
  1_200_000,
);
