import { afterEach, describe, expect, it } from 'vitest';
import type { Article } from '../../src/core/article.ts';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';
import { makeArticle } from '../helpers/articles.ts';
import { createTestCore } from '../helpers/temp-store.ts';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const core of opened.splice(0)) await core.close();
});

async function coreWith(articles: Article[]) {
  const test = await createTestCore({ now: '2026-11-01T12:00:00Z' });
  opened.push(test);
  for (const article of articles) {
    await test.core.articles.put(article);
    test.core.index.add(article);
  }
  return test.core;
}

const BODY = [
  'The Commerce Department fined a chip maker 300 million dollars on Tuesday for shipping hard drives to Huawei in breach of export controls.',
  'Officials said the shipments broke rules adopted in 2020 that restrict Huawei access to advanced chips and the tools used to make them.',
  'The company said it had co-operated fully with the investigation and would strengthen its compliance programme across every factory.',
  'Analysts said the penalty was the largest of its kind, and that export controls on chips have tightened every year since the rules began.',
].join('\n\n');

describe('news service', () => {
  it('shows the freshest version of an updated story, even when the first telling matches the query better', async () => {
    const first = makeArticle('fine', {
      title: 'Export controls: chip maker fined over export controls breach',
      text: BODY,
      publishedAt: '2026-10-29T09:00:00Z',
    });
    const update = makeArticle('fine-updated', {
      title: 'Chip maker fined 300 million dollars, says it will appeal',
      text: `${BODY}\n\nUpdate: the company said on Thursday that it would appeal the fine.`,
      publishedAt: '2026-10-30T16:00:00Z',
    });
    const core = await coreWith([first, update]);
    const page = await core.news.search('export controls', { tenant: CONSOLE_TENANT, page: 1, pageSize: 5 });
    expect(page.stories).toHaveLength(1);
    expect(page.stories[0]!.title).toBe(update.title);
    expect(page.stories[0]!.articleIds).toEqual([update.id, first.id]);
  });

  it('puts a dated story before an undated one of equal relevance, whichever was stored first', async () => {
    const dated = makeArticle('grant', {
      title: 'County wins broadband grant',
      text: 'A rural county in Ohio won a broadband grant of twelve million dollars to lay fibre along its farm roads.',
      publishedAt: '2026-06-01T09:00:00Z',
      fetchedAt: '2026-06-01T09:00:00Z',
    });
    const { publishedAt: _, ...rest } = makeArticle('satellite', {
      title: 'Satellite broadband firm grows',
      text: 'A satellite operator in Texas signed up sixty thousand broadband users this spring across remote mountain towns.',
      fetchedAt: '2026-06-01T09:00:00Z',
    });
    const noDate = rest as Article;
    for (const stored of [
      [noDate, dated],
      [dated, noDate],
    ]) {
      const core = await coreWith(stored);
      const page = await core.news.search('broadband', { tenant: CONSOLE_TENANT, page: 1, pageSize: 5 });
      expect(page.stories.map((s) => s.id)).toEqual([dated.id, noDate.id]);
      expect(page.stories[1]!.publishedAt).toBeUndefined();
    }
  });

  it('marks the cards of articles missing a query word, which rank on the page but are not in the total', async () => {
    const article = (key: string, title: string, text: string) =>
      makeArticle(key, { title, text, publishedAt: '2026-10-30T09:00:00Z' });
    const core = await coreWith([
      article(
        'both',
        'Court backs zorblat quexing ruling',
        'Judges in Lisbon upheld the zorblat quexing decision on ferry operators after a long appeal by unions.',
      ),
      article(
        'zorblat',
        'Harbour towns face new levy',
        'Fishing villages along the Baltic coast will pay a zorblat charge on every tonne of frozen cargo from March.',
      ),
      article(
        'quexing',
        'Miners need permits from spring',
        'Copper mining firms in northern Chile must hold quexing licences before drilling, the ministry announced.',
      ),
    ]);
    const search = (query: string) =>
      core.news.search(query, { tenant: CONSOLE_TENANT, page: 1, pageSize: 5 });
    const page = await search('zorblat quexing');
    expect(page.total).toBe(1);
    expect(page.stories).toHaveLength(3);
    const partial = page.stories
      .map((story, i) => (story.title === 'Court backs zorblat quexing ruling' ? 0 : i + 1))
      .filter((position) => position > 0);
    expect(partial).toHaveLength(2);
    expect(page.partialCards).toEqual(partial);
    // One word alone: every card has it, so none is marked.
    expect((await search('zorblat')).partialCards).toBeUndefined();
    // No article has both words: the reply says so as a whole ("relaxed"), not card by card.
    const relaxed = await search('levy licences');
    expect(relaxed.relaxed).toBe(true);
    expect(relaxed.partialCards).toBeUndefined();
  });
});
