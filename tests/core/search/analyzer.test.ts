import { describe, expect, it } from 'vitest';
import { analyze, foldToken, scanWords, stem } from '../../../src/core/search/analyzer.ts';

describe('analyzer', () => {
  it('stems inflections to one term, so policies and policy match', () => {
    expect(stem('policies')).toBe(stem('policy'));
    expect(stem('regulators')).toBe(stem('regulation'));
    expect(stem('exporting')).toBe('export');
  });

  it('leaves tokens with digits alone: 5g and h100 are names', () => {
    expect(stem('5g')).toBe('5g');
    expect(stem('h100s')).toBe('h100s');
  });

  it('drops stop words and single letters but keeps their positions as gaps', () => {
    const terms = analyze('The right to be forgotten, a EU rule');
    expect(terms.map((t) => t.term)).toEqual(['right', 'forgotten', 'eu', 'rule']);
    expect(terms.map((t) => t.position)).toEqual([1, 4, 6, 7]);
  });

  it('folds case and diacritics: Müller and muller are one word', () => {
    expect(foldToken('Müller')).toBe('muller');
    expect(foldToken('CNIL')).toBe('cnil');
  });

  it('skips emoji and symbols and never emits an empty token', () => {
    const tokens: string[] = [];
    scanWords('🙂 +++ (a|b)* — 中国 huawei', (token) => tokens.push(token));
    expect(tokens).toEqual(['a', 'b', '中国', 'huawei']);
  });
});
