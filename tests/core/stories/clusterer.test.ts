import { describe, expect, it } from 'vitest';
import { fixtureArticle, loadStoryFixtures, pairwiseScores } from '../../../eval/lib/story-fixtures.ts';
import { loadLongStoryFixtures } from '../../../eval/lib/story-fixtures-long.ts';
import type { Article } from '../../../src/core/article.ts';
import { createStoryClusterer } from '../../../src/core/stories/clusterer.ts';
import { entitiesOf, minhashOf, minhashSimilarity } from '../../../src/core/stories/features.ts';

const fixtures = loadStoryFixtures();
const articles = fixtures.map(fixtureArticle);
const eventOf = new Map(articles.map((a, i) => [a.id, fixtures[i]!.event]));

describe('story clusterer', () => {
  it('clusters same-event reports and keeps near misses apart: pairwise P and R at least 0.9', () => {
    const stories = createStoryClusterer().cluster(articles);
    const scores = pairwiseScores(stories, (id) => eventOf.get(id)!);
    console.log(
      `story clustering on ${articles.length} fixture articles: precision ${scores.precision.toFixed(3)}, recall ${scores.recall.toFixed(3)}`,
    );
    expect(scores.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.recall).toBeGreaterThanOrEqual(0.9);
  });

  it('is insensitive to input order for the grouping, and the first input article represents its story', () => {
    const reversed = [...articles].reverse();
    const stories = createStoryClusterer().cluster(reversed);
    const scores = pairwiseScores(stories, (id) => eventOf.get(id)!);
    expect(scores.precision).toBeGreaterThanOrEqual(0.9);
    expect(scores.recall).toBeGreaterThanOrEqual(0.9);
    for (const story of stories) {
      expect(story.representative).toBe(story.articles[0]);
      expect(story.id).toBe(story.representative.id);
      const firstIndex = Math.min(...story.articles.map((a) => reversed.indexOf(a)));
      expect(reversed.indexOf(story.representative)).toBe(firstIndex);
    }
  });

  it('never joins reports of one event published weeks apart', () => {
    const [a, b] = articles.filter((x) => eventOf.get(x.id) === 'ftc-sues-meta');
    const late = { ...b!, id: 'ffffffffffffffff', publishedAt: '2026-12-20T00:00:00Z' };
    expect(createStoryClusterer().cluster([a!, late])).toHaveLength(2);
  });

  it('treats syndicated copies as one story by shingle similarity', () => {
    const words =
      'Japan will restrict exports of twenty three types of chipmaking equipment the ministry said'.split(
        ' ',
      );
    expect(minhashSimilarity(minhashOf(words), minhashOf(words))).toBe(1);
    expect(minhashSimilarity(minhashOf(words), minhashOf([...words].reverse()))).toBeLessThan(0.2);
  });

  it('extracts names, leaving figures to figuresOf', () => {
    const names = entitiesOf('Meta buys Within', 'The $400 million deal. The Federal Trade Commission sued.');
    expect(names.has('federal')).toBe(true);
    expect(names.has('within')).toBe(true);
    expect([...names].some((n) => /\d/.test(n))).toBe(false);
  });
});

describe('story clusterer on full-length reports', () => {
  it('keeps every hard negative of the tuning half apart and finds the same-event pairs', () => {
    const { tune } = loadLongStoryFixtures();
    const long = tune.map(fixtureArticle);
    const longEvent = new Map(long.map((a, i) => [a.id, tune[i]!.event]));
    const scores = pairwiseScores(createStoryClusterer().cluster(long), (id) => longEvent.get(id)!);
    expect(scores.falsePairs).toBe(0);
    expect(scores.recall).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps apart reports of one regulator citing different case numbers, even when a third report bridges them', () => {
    const lede =
      'The European Commission fined Apple 1.8 billion euros on Monday over its App Store rules for music ' +
      'streaming services, after a complaint from Spotify. Margrethe Vestager said Apple abused its position.';
    // [key, outlet, day and hour, headline suffix, case number cited]
    const rows = [
      ['one', 'Wire Daily', '4T10', '', ' Case AT.40437.'],
      ['two', 'The Ledger', '4T14', '', ''],
      ['three', 'Signal', '5T09', ' again', ' Case DMA.100109.'],
      ['four', 'Signal', '5T09', ' again', ' Case AT.40437.'],
    ];
    const [first, bridge, other, sameCase] = rows.map(([key = '', source = '', at, suffix, code]) =>
      fixtureArticle({
        key,
        event: key,
        source,
        publishedAt: `2026-03-0${at}:00:00Z`,
        title: `EU fines Apple 1.8 billion euros${suffix}`,
        text: `${lede}${code}`,
      }),
    ) as [Article, Article, Article, Article];
    const apart = createStoryClusterer().cluster([first, bridge, other]);
    expect(apart.some((s) => s.articles.includes(first) && s.articles.includes(other))).toBe(false);
    const together = createStoryClusterer().cluster([first, bridge, sameCase]);
    expect(together).toHaveLength(1);
  });
});
