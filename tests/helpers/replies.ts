import type { Reply, StoryCard } from '../../src/core/reply.ts';

/** Story `i` as a digest shows it: `Story i`, with a summary of a few hundred characters. */
export const storyCard = (i: number, overrides: Partial<StoryCard> = {}): StoryCard => ({
  id: `s${i}`,
  title: `Story ${i}`,
  url: `https://news.example.org/${i}`,
  source: `Outlet ${i % 4}`,
  publishedAt: '2026-03-02T07:00:00.000Z',
  summary: `${'A sentence taken word for word from the article about the policy change. '.repeat(6)}#${i}`,
  topics: [],
  alsoCoveredBy: [],
  articleIds: [`a${i}`],
  ...overrides,
});

/** A digest of `stories` stories over two topics, numbered from 1 in reading order. */
export function numberedDigest(stories: number, title = 'Daily digest · 2 March 2026'): Reply {
  const half = Math.ceil(stories / 2);
  return {
    kind: 'digest',
    title,
    subtitle: 'Europe/London',
    sections: [
      { topic: 'Telecom security', stories: Array.from({ length: half }, (_, i) => storyCard(i + 1)) },
      {
        topic: 'AI regulation',
        stories: Array.from({ length: stories - half }, (_, i) => storyCard(half + i + 1)),
      },
    ],
    footer: '12 sources checked · 0 failing',
  };
}
