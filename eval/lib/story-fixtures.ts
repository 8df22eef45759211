import { readFileSync } from 'node:fs';
import { type Article, articleIdFor } from '../../src/core/article.ts';
import type { Story } from '../../src/core/ports/story-clusterer.ts';

/** One labelled fixture article: `event` names the real-world event it reports. */
export interface StoryFixture {
  key: string;
  event: string;
  source: string;
  publishedAt: string;
  title: string;
  text: string;
}

/** Reads tests/fixtures/stories/articles.json. */
export function loadStoryFixtures(): StoryFixture[] {
  const url = new URL('../../tests/fixtures/stories/articles.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as StoryFixture[];
}

/** Turns a fixture into a stored-article shape. */
export function fixtureArticle(fixture: StoryFixture): Article {
  const url = `https://${fixture.source.toLowerCase().replace(/[^a-z]+/g, '-')}.example/${fixture.key}`;
  return {
    id: articleIdFor(url),
    url,
    canonicalUrl: url,
    title: fixture.title,
    source: fixture.source,
    publishedAt: fixture.publishedAt,
    fetchedAt: fixture.publishedAt,
    updatedAt: fixture.publishedAt,
    text: fixture.text,
    summary: '',
    topics: [],
    language: 'en',
    owners: ['*'],
    contentHash: fixture.key,
    backlog: false,
  };
}

/** Pairwise precision and recall of a clustering against gold event labels. */
export function pairwiseScores(
  stories: Story[],
  eventOf: (articleId: string) => string,
): { precision: number; recall: number; truePairs: number; falsePairs: number; missedPairs: number } {
  const storyOf = new Map<string, string>();
  for (const story of stories) for (const article of story.articles) storyOf.set(article.id, story.id);
  const ids = [...storyOf.keys()];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const predicted = storyOf.get(ids[i]!) === storyOf.get(ids[j]!);
      const gold = eventOf(ids[i]!) === eventOf(ids[j]!);
      if (predicted && gold) tp++;
      else if (predicted) fp++;
      else if (gold) fn++;
    }
  }
  return {
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    truePairs: tp,
    falsePairs: fp,
    missedPairs: fn,
  };
}
