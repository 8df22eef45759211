import { describe, expect, it } from 'vitest';
import { createInvertedIndex } from '../../../src/core/search/inverted-index.ts';
import { makeArticle, NOW } from '../../helpers/articles.ts';

function indexWithPrivateMemo() {
  const index = createInvertedIndex();
  index.add(
    makeArticle('public', {
      title: 'Ofcom reviews broadband prices',
      text: 'The regulator opened a review of broadband prices.',
    }),
  );
  index.add(
    makeArticle('memo', {
      title: 'Internal memo on semiconductor export rules',
      text: 'Our team reviewed the semiconductor export rules and the Zephyrion programme.',
      owners: ['slack:TONE'],
    }),
  );
  return index;
}

describe('search never lets one tenant learn of another tenant’s articles', () => {
  it('given a word only another tenant’s article has, answers as if the word were unknown', () => {
    const index = indexWithPrivateMemo();
    const result = index.search('zephyrion', { owner: 'slack:TTWO', limit: 5, now: NOW });
    expect(result.hits).toEqual([]);
    expect(result.beforeFilters ?? 0).toBe(0);
    expect(result.suggestion).toBeUndefined();
    expect(result.ignored).toEqual(['zephyrion']);
  });

  it('never offers another tenant’s word as a spelling correction or completion', () => {
    const index = indexWithPrivateMemo();
    for (const query of ['zephyrio', 'zephirion', 'semiconductr']) {
      const result = index.search(query, { owner: 'slack:TTWO', limit: 5, now: NOW });
      expect(result.hits).toEqual([]);
      expect(result.suggestion).toBeUndefined();
    }
  });

  it('still corrects and completes with the asker’s own words', () => {
    const index = indexWithPrivateMemo();
    const result = index.search('zephirion', { owner: 'slack:TONE', limit: 5, now: NOW });
    expect(result.hits).toHaveLength(1);
  });
});
