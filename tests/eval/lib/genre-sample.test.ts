import { describe, expect, it } from 'vitest';
import { drawSample, type RuledArticle, SAMPLE_PER_GROUP, wilson } from '../../../eval/lib/genre-sample.ts';
import type { StoryGenre } from '../../../src/core/stories/genre.ts';

function ruled(count: number, genre: StoryGenre, from: number): RuledArticle[] {
  return Array.from({ length: count }, (_, i) => ({
    row: { id: from + i, title: `t${from + i}`, year: '2024', url: '', text: '' },
    genre,
  }));
}

// 162 opinion, 837 news and 1 market, the shape of the corpus check.
const batch = [...ruled(162, 'opinion', 0), ...ruled(837, 'news', 1000), ...ruled(1, 'market', 5000)];
const ids = (sample: RuledArticle[]) => sample.map((s) => s.row.id);

describe('drawSample', () => {
  it('draws the same articles in the same order from the same seed', () => {
    expect(ids(drawSample(batch, 7))).toEqual(ids(drawSample(batch, 7)));
  });

  it('draws SAMPLE_PER_GROUP distinct opinion and news articles and no markets story', () => {
    const sample = drawSample(batch, 20261202);
    expect(new Set(ids(sample)).size).toBe(2 * SAMPLE_PER_GROUP);
    expect(sample.filter((s) => s.genre === 'opinion')).toHaveLength(SAMPLE_PER_GROUP);
    expect(sample.filter((s) => s.genre === 'news')).toHaveLength(SAMPLE_PER_GROUP);
    expect(sample.some((s) => s.genre === 'market')).toBe(false);
  });

  it('mixes the two groups, so the reading order does not give the group away', () => {
    const firstHalf = drawSample(batch, 20261202).slice(0, SAMPLE_PER_GROUP);
    const opinions = firstHalf.filter((s) => s.genre === 'opinion').length;
    expect(opinions).toBeGreaterThan(0);
    expect(opinions).toBeLessThan(SAMPLE_PER_GROUP);
  });

  it('draws a different sample from another seed', () => {
    expect(new Set(ids(drawSample(batch, 1)))).not.toEqual(new Set(ids(drawSample(batch, 2))));
  });

  it('takes every article of a group smaller than the sample size', () => {
    const small = [...ruled(5, 'opinion', 0), ...ruled(50, 'news', 100)];
    expect(drawSample(small, 3).filter((s) => s.genre === 'opinion')).toHaveLength(5);
  });
});

describe('wilson', () => {
  it('matches the textbook 95% intervals', () => {
    const half = wilson(5, 10);
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
    const none = wilson(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const all = wilson(40, 40);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.9124, 4);
  });
});
