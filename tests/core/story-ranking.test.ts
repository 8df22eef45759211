import { describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article.ts';
import type { Story } from '../../src/core/ports/story-clusterer.ts';
import { rankStories } from '../../src/core/story-ranking.ts';
import { makeArticle } from '../helpers/articles.ts';

const story = (...articles: Article[]): Story => ({
  id: articles[0]!.id,
  representative: articles[0]!,
  articles,
});
const undated = (key: string, fields: Partial<Article> = {}) => {
  const { publishedAt: _, ...rest } = makeArticle(key, fields);
  return rest as Article;
};

describe('rankStories', () => {
  it('shows the freshest dated version of a story when it is nearly as relevant as the best', () => {
    const first = makeArticle('first', { publishedAt: '2026-10-28T09:00:00Z' });
    const update = makeArticle('update', { publishedAt: '2026-10-30T18:00:00Z' });
    const [ranked] = rankStories(
      [story(first, update)],
      new Map([
        [first.id, 10],
        [update.id, 7],
      ]),
    );
    expect(ranked!.representative.id).toBe(update.id);
    expect(ranked!.id).toBe(update.id);
    expect(ranked!.articles.map((a) => a.id)).toEqual([update.id, first.id]);
    expect(ranked!.score).toBe(10);
  });

  it('keeps the best match when the fresher article is much less relevant (a roundup, not an update)', () => {
    const report = makeArticle('report', { publishedAt: '2026-10-28T09:00:00Z' });
    const roundup = makeArticle('roundup', { publishedAt: '2026-10-31T09:00:00Z' });
    const [ranked] = rankStories(
      [story(report, roundup)],
      new Map([
        [report.id, 10],
        [roundup.id, 3],
      ]),
    );
    expect(ranked!.representative.id).toBe(report.id);
  });

  it('never lets an undated article stand for a story that has a dated version', () => {
    const noDate = undated('nodate', { fetchedAt: '2026-10-31T12:00:00Z' });
    const dated = makeArticle('dated', { publishedAt: '2026-10-20T09:00:00Z' });
    const [ranked] = rankStories(
      [story(noDate, dated)],
      new Map([
        [noDate.id, 10],
        [dated.id, 9],
      ]),
    );
    expect(ranked!.representative.id).toBe(dated.id);
  });

  it('puts a dated story before an undated one of equal relevance, but not before a far better match', () => {
    const noDate = undated('nodate');
    const dated = makeArticle('dated');
    const weak = makeArticle('weak');
    const scores = new Map([
      [noDate.id, 5],
      [dated.id, 5],
      [weak.id, 2],
    ]);
    const order = rankStories([story(noDate), story(dated), story(weak)], scores).map((s) => s.id);
    expect(order).toEqual([dated.id, noDate.id, weak.id]);
  });

  it('keeps search order between stories of equal standing, and scores missing hits as zero', () => {
    const a = makeArticle('a');
    const b = makeArticle('b');
    const c = makeArticle('c');
    const order = rankStories(
      [story(a), story(b), story(c)],
      new Map([
        [a.id, 4],
        [b.id, 4],
      ]),
    ).map((s) => s.id);
    expect(order).toEqual([a.id, b.id, c.id]);
  });
});
