import { fixtureArticle, loadStoryFixtures } from '../../eval/lib/story-fixtures.ts';
import { type Article, articleIdFor } from '../../src/core/article.ts';
import type { ArticleWriter } from '../../src/core/article-writer.ts';

/** The moment tests pretend it is. */
export const NOW = new Date('2026-11-01T12:00:00Z');

/** A stored article with sensible defaults; `key` makes the URL and id unique. */
export function makeArticle(key: string, fields: Partial<Article> = {}): Article {
  const url = fields.canonicalUrl ?? `https://news.example/${key}`;
  return {
    id: articleIdFor(url),
    url,
    canonicalUrl: url,
    title: `Article ${key}`,
    source: 'news.example',
    publishedAt: '2026-10-30T09:00:00Z',
    fetchedAt: '2026-10-30T09:00:00Z',
    updatedAt: '2026-10-30T09:00:00Z',
    text: 'Nothing much happened today.',
    summary: '',
    topics: [],
    language: 'en',
    owners: ['*'],
    contentHash: key,
    backlog: false,
    ...fields,
  };
}

/** Saves every labelled story fixture through the real writer (summaries, tags), as ingest would. */
export async function saveStoryFixtures(writer: ArticleWriter): Promise<void> {
  for (const fixture of loadStoryFixtures()) {
    const { url, title, source, publishedAt, text } = fixtureArticle(fixture);
    await writer.save({ url, title, source, publishedAt, text });
  }
}
