/** ROUGE-1/2/L F1 as in Lin (2004) and Google's rouge-score: lower-case alphanumeric tokens, no stemming. */
export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

/** Lower-cases and keeps runs of a–z and 0–9 as tokens (rouge-score's default tokenizer, no stemmer). */
export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

function ngramCounts(tokens: string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

function f1(overlap: number, candidateTotal: number, referenceTotal: number): number {
  if (overlap === 0 || candidateTotal === 0 || referenceTotal === 0) return 0;
  const precision = overlap / candidateTotal;
  const recall = overlap / referenceTotal;
  return (2 * precision * recall) / (precision + recall);
}

/** ROUGE-N F1: clipped n-gram overlap over candidate (precision) and reference (recall) n-gram counts. */
export function rougeN(candidate: string[], reference: string[], n: number): number {
  const cand = ngramCounts(candidate, n);
  const ref = ngramCounts(reference, n);
  let overlap = 0;
  for (const [gram, count] of cand) overlap += Math.min(count, ref.get(gram) ?? 0);
  return f1(overlap, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Length of the longest common subsequence of two token sequences (two-row dynamic programme). */
export function lcsLength(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let previous = new Uint32Array(b.length + 1);
  let current = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      current[j] = a[i - 1] === b[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** ROUGE-L F1 over the whole token sequences (not the sentence-split ROUGE-Lsum variant). */
export function rougeL(candidate: string[], reference: string[]): number {
  return f1(lcsLength(candidate, reference), candidate.length, reference.length);
}

/** Scores a candidate against one reference. */
export function rouge(candidate: string, reference: string): RougeScores {
  const c = rougeTokens(candidate);
  const r = rougeTokens(reference);
  return { rouge1: rougeN(c, r, 1), rouge2: rougeN(c, r, 2), rougeL: rougeL(c, r) };
}

/** Scores against several references, taking the best reference for each metric separately. */
export function rougeMax(candidate: string, references: string[]): RougeScores {
  const best: RougeScores = { rouge1: 0, rouge2: 0, rougeL: 0 };
  for (const reference of references) {
    const s = rouge(candidate, reference);
    best.rouge1 = Math.max(best.rouge1, s.rouge1);
    best.rouge2 = Math.max(best.rouge2, s.rouge2);
    best.rougeL = Math.max(best.rougeL, s.rougeL);
  }
  return best;
}
