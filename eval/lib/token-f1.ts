/** Whitespace tokens, lower-cased, punctuation kept attached as the extraction benchmarks do. */
export function textTokens(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

/** Token-level precision, recall and F1 of a bag of predicted tokens against a bag of expected ones. */
export function tokenF1(
  predicted: string[],
  expected: string[],
): { precision: number; recall: number; f1: number } {
  if (predicted.length === 0 && expected.length === 0) return { precision: 1, recall: 1, f1: 1 };
  const counts = new Map<string, number>();
  for (const token of expected) counts.set(token, (counts.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of predicted) {
    const left = counts.get(token) ?? 0;
    if (left > 0) {
      common++;
      counts.set(token, left - 1);
    }
  }
  const precision = predicted.length === 0 ? 0 : common / predicted.length;
  const recall = expected.length === 0 ? 0 : common / expected.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}
