/**
 * The article-extraction-benchmark's (scrapinghub/article-extraction-benchmark, evaluate.py)
 * body metric, reimplemented:
 *
 * - tokens are Python's `re.findall(r"\w+", text)` (Unicode word characters: letters, digits,
 *   underscore; case kept as is);
 * - shingles are the runs of 4 consecutive tokens (a text with fewer than 4 tokens is one shingle
 *   of all its tokens; an empty text has none), counted as a multiset;
 * - per page: tp = Σ min(true, pred) counts, fp = Σ excess predicted, fn = Σ missed, then
 *   normalised by tp+fp+fn so that long pages weigh no more than short ones;
 * - precision per page = tp/(tp+fp) (1 when fp = fn = 0, 0 when tp = fp = 0), recall likewise;
 * - corpus precision and recall are the MEANS over pages (pages with tp+fp = 0 are left out of the
 *   precision mean, pages with tp+fn = 0 out of the recall mean), and F1 is the harmonic mean of
 *   those two means — not the mean of per-page F1s.
 */

const WORD = /[\p{L}\p{N}\p{Mn}\p{Mc}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(WORD) ?? [];
}

function shingles(text: string, n: number): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length === 0) continue;
    const key = shingle.join("\u0001");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface Matching {
  tp: number;
  fp: number;
  fn: number;
}

/** Normalised tp/fp/fn of `pred` against `truth` over 4-token shingles. */
export function shingleMatching(truth: string, pred: string, n = 4): Matching {
  const t = shingles(truth, n);
  const p = shingles(pred, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const tc = t.get(key) ?? 0;
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
    fn += Math.max(0, tc - pc);
  }
  const total = tp + fp + fn;
  return total > 0 ? { tp: tp / total, fp: fp / total, fn: fn / total } : { tp, fp, fn };
}

export function precisionOf({ tp, fp, fn }: Matching): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

export function recallOf({ tp, fp, fn }: Matching): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

/** Page F1 (for listing the worst pages; the corpus F1 is {@link corpusScores}'s). */
export function pageF1(m: Matching): number {
  const p = precisionOf(m);
  const r = recallOf(m);
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

export function corpusScores(matchings: Matching[]): { f1: number; precision: number; recall: number } {
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const precision = mean(matchings.filter((m) => m.tp + m.fp > 0).map(precisionOf));
  const recall = mean(matchings.filter((m) => m.tp + m.fn > 0).map(recallOf));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { f1, precision, recall };
}
