import { describe, expect, it } from 'vitest';
import { createInvertedIndex } from '../../../src/core/search/inverted-index.ts';
import { makeArticle, NOW } from '../../helpers/articles.ts';
import { randomArticles, WORDS } from '../../helpers/random-articles.ts';

/** Random one- to three-word queries, some misspelt, cut short or filtered, from a fixed seed. */
function randomQueries(count: number): string[] {
  let state = 11;
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return state / 2 ** 32;
  };
  const pick = () => WORDS[Math.floor(random() * WORDS.length)]!;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 1 + (i % 3) }, pick);
    if (i % 7 === 0) words[0] = `${words[0]!.slice(0, 2)}x${words[0]!.slice(3)}`;
    if (i % 11 === 0) words[0] = words[0]!.slice(0, 4);
    if (i % 5 === 0) words.push('since:90d');
    if (i % 13 === 0) words.push(`-${pick()}`);
    out.push(words.join(' '));
  }
  return out;
}

describe('fast search paths', () => {
  it('return exactly what exhaustive scoring returns, on random queries, tenants and pages', () => {
    const index = createInvertedIndex();
    const articles = randomArticles(3000);
    index.addAll(articles);
    // Removed articles stay in the postings as tombstones until compaction: they must never show.
    for (const article of articles.slice(0, 40)) index.remove(article.id);
    let compared = 0;
    for (const query of randomQueries(300)) {
      for (const owner of ['console:local', 'slack:T1']) {
        for (const [limit, offset] of [
          [5, 0],
          [10, 20],
        ] as const) {
          const options = { owner, limit, offset, now: NOW };
          expect(index.search(query, options), query).toEqual(index.searchExhaustive(query, options));
          compared++;
        }
      }
    }
    expect(compared).toBe(1200);
  });

  it('ranks a one-word query by score and recency over many blocks, newest first among equals', () => {
    const index = createInvertedIndex();
    // 1,000 identical articles, an hour apart: only recency tells them apart, and blocks get skipped.
    for (let i = 0; i < 1000; i++)
      index.add(
        makeArticle(`same${i}`, {
          title: 'Spectrum auction',
          text: 'The spectrum auction raised money.',
          publishedAt: new Date(NOW.getTime() - i * 3_600_000).toISOString(),
        }),
      );
    const result = index.search('spectrum', { owner: 'console:local', limit: 3, now: NOW });
    expect(result.total).toBe(1000);
    expect(result.hits.map((h) => h.id)).toEqual(
      ['same0', 'same1', 'same2'].map((key) => makeArticle(key).id),
    );
  });

  it('lets a strong match missing a word into a page full of weak full matches, as exhaustive scoring does', () => {
    const index = createInvertedIndex();
    const filler = 'Weather, sport, markets, travel and puzzles for the weekend. '.repeat(20);
    // 600 long pages with both words once, and many short pages with one common word only.
    for (let i = 0; i < 600; i++)
      index.add(makeArticle(`weak${i}`, { title: `Roundup ${i}`, text: `${filler} Tariffs. Steel.` }));
    for (let i = 0; i < 600; i++)
      index.add(makeArticle(`other${i}`, { title: `Weekend ${i}`, text: `${filler} Steel bands play.` }));
    const strong = makeArticle('strong', {
      title: 'Tariffs, tariffs: the new tariffs explained',
      text: 'The tariffs take effect on Monday; tariffs on imports rise.',
    });
    index.add(strong);
    const options = { owner: 'console:local', limit: 5, now: NOW };
    const result = index.search('tariffs steel', options);
    expect(result.hits[0]?.id).toBe(strong.id);
    expect(result.total).toBe(600);
    expect(result).toEqual(index.searchExhaustive('tariffs steel', options));
  });
});
