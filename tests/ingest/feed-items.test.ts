import { describe, expect, it } from 'vitest';
import { draftForItem } from '../../src/ingest/feed-items.ts';
import { createFetcher } from '../../src/ingest/fetch.ts';
import { testExtractor } from '../helpers/test-extractor.ts';

const fetcher = createFetcher({ limits: { timeoutMs: 1000, maxBytes: 100_000, userAgent: 'test' } });
const TEXT = 'The commission fined the company for failing to protect the data of its users. '.repeat(20);

describe('draftForItem dates', () => {
  it('keeps the feed item’s published and updated dates apart', async () => {
    const drafted = await draftForItem(
      {
        id: 'a',
        url: 'https://wire.example/a',
        title: 'Fine',
        contentHtml: `<p>${TEXT}</p>`,
        publishedAt: '2024-02-27T09:00:00.000Z',
        updatedAt: '2024-02-28T10:00:00.000Z',
      },
      { fetcher, extractor: testExtractor },
      {},
    );
    expect(drafted.ok && drafted.draft).toMatchObject({
      publishedAt: '2024-02-27T09:00:00.000Z',
      modifiedAt: '2024-02-28T10:00:00.000Z',
    });
  });

  it('drops a feed date in the future rather than store it as the publication date', async () => {
    const future = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    const drafted = await draftForItem(
      {
        id: 'b',
        url: 'https://wire.example/b',
        title: 'Fine',
        contentHtml: `<p>${TEXT}</p>`,
        publishedAt: future,
      },
      { fetcher, extractor: testExtractor },
      {},
    );
    expect(drafted.ok).toBe(true);
    expect(drafted.ok && drafted.draft.publishedAt).toBeUndefined();
  });
});
