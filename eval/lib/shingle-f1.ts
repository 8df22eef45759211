/**
 * The article-body metric of scrapinghub/article-extraction-benchmark (evaluate.py), ported:
 * tokens are `\w+` runs, compared as multisets of 4-token shingles; each page's tp/fp/fn is
 * normalised to sum to 1; precision and recall are means over pages; F1 is their harmonic mean.
 */
export type TpFpFn = [tp: number, fp: number, fn: number];

// Python's unicode \w: letters, numbers and the underscore.
const TOKEN = /[\p{L}\p{N}_]+/gu;

/** The benchmark's tokenizer. */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function shingles(text: string, n: number): Map<string, number> {
  const tokens = tokenize(text);
  const counts = new Map<string, number>();
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length === 0) continue;
    const key = shingle.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Normalised tp/fp/fn of one page (`n` = 4 in the benchmark; 1 gives plain token overlap). */
export function shingleMatch(truth: string, predicted: string, n = 4): TpFpFn {
  const want = shingles(truth, n);
  const got = shingles(predicted, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...want.keys(), ...got.keys()])) {
    const w = want.get(key) ?? 0;
    const g = got.get(key) ?? 0;
    tp += Math.min(w, g);
    fp += Math.max(0, g - w);
    fn += Math.max(0, w - g);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [0, 0, 0];
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** Precision, recall and F1 over pages, exactly as the benchmark aggregates them. */
export function aggregate(pages: TpFpFn[]): { precision: number; recall: number; f1: number } {
  const precision = mean(
    pages
      .filter(([tp, fp]) => tp + fp > 0)
      .map(([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp / (tp + fp))),
  );
  const recall = mean(
    pages
      .filter(([tp, , fn]) => tp + fn > 0)
      .map(([tp, fp, fn]) => (fp === 0 && fn === 0 ? 1 : tp / (tp + fn))),
  );
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
