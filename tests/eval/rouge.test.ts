import { describe, expect, it } from 'vitest';
import { lcsLength, rouge, rougeMax, rougeTokens } from '../../eval/rouge.ts';

describe('ROUGE', () => {
  it('tokenizes to lower-case alphanumeric runs without stemming', () => {
    expect(rougeTokens("The U.S. fined Huawei's unit $1.2bn, firms said.")).toEqual([
      'the',
      'u',
      's',
      'fined',
      'huawei',
      's',
      'unit',
      '1',
      '2bn',
      'firms',
      'said',
    ]);
  });

  it('matches a hand-computed example (Lin 2004 style)', () => {
    // candidate: the cat was found under the bed (7 tokens); reference: the cat was under the bed (6 tokens)
    const s = rouge('the cat was found under the bed', 'the cat was under the bed');
    // unigrams: 6 overlap → P 6/7, R 6/6
    expect(s.rouge1).toBeCloseTo((2 * (6 / 7) * 1) / (6 / 7 + 1), 10);
    // bigrams: the cat, cat was, under the, the bed → 4 of 6 candidate, 4 of 5 reference
    expect(s.rouge2).toBeCloseTo((2 * (4 / 6) * (4 / 5)) / (4 / 6 + 4 / 5), 10);
    // LCS = 6
    expect(s.rougeL).toBeCloseTo((2 * (6 / 7) * 1) / (6 / 7 + 1), 10);
  });

  it('clips repeated n-grams to their count in the reference', () => {
    expect(rouge('the the the the', 'the cat').rouge1).toBeCloseTo(
      (2 * (1 / 4) * (1 / 2)) / (1 / 4 + 1 / 2),
      10,
    );
  });

  it('computes the longest common subsequence, not substring', () => {
    expect(lcsLength(['a', 'b', 'c', 'd', 'e'], ['a', 'x', 'c', 'y', 'e'])).toBe(3);
    expect(lcsLength([], ['a'])).toBe(0);
  });

  it('scores 0 for empty text and takes the best reference per metric', () => {
    expect(rouge('', 'the cat')).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 });
    const best = rougeMax('the cat sat', ['dogs bark loudly', 'the cat sat']);
    expect(best).toEqual({ rouge1: 1, rouge2: 1, rougeL: 1 });
  });
});
