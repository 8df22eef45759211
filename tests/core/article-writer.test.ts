import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Article, articleStamp, contentHashFor } from '../../src/core/article.ts';
import { createTestCore } from '../helpers/temp-store.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
const body =
  'The telecoms regulator fined the operator for failing to secure its core network against known threats. ' +
  'Officials said the penalty reflected repeated warnings that had gone unanswered for more than a year. ' +
  'The operator said it would appeal the decision and had already replaced the affected equipment.';

async function countArticles(t: TestCore): Promise<Article[]> {
  const all: Article[] = [];
  for await (const a of t.stores.articles.all()) all.push(a);
  return all;
}

describe('article writer', () => {
  let t: TestCore;
  beforeEach(async () => {
    t = await createTestCore();
  });
  afterEach(async () => t.close());

  it('given a new URL, adds one article with an id from its canonical URL and a summary from the body', async () => {
    const { status, article } = await t.core.writer.save({
      url: 'https://News.example/a?utm_source=x#top',
      title: 'Operator fined',
      text: body,
    });
    expect(status).toBe('added');
    expect(article.canonicalUrl).toBe('https://news.example/a');
    expect(article.id).toMatch(/^[a-f0-9]{16}$/);
    expect(article.source).toBe('news.example');
    expect(body).toContain(article.summary.split('. ')[0]!);
    expect(article.language).toBe('en');
  });

  it('bounds what a card shows: a run-on scrape keeps at most a 300-character headline and a 1,000-character summary', async () => {
    const run = 'x'.repeat(140_000);
    const { article } = await t.core.writer.save({
      url: 'https://news.example/run',
      title: run,
      text: `${run} ${body}`,
    });
    expect(article.title.length).toBeLessThanOrEqual(300);
    expect(article.title.endsWith('…')).toBe(true);
    expect(article.summary.length).toBeLessThanOrEqual(1_000);
    expect(article.text.length).toBeGreaterThan(140_000);
  });

  it("cuts the site's own name from the headline and names the outlet by host when its name is a URL", async () => {
    const { article } = await t.core.writer.save({
      url: 'https://www.wired.com/story/fcc-vote',
      title: 'The FCC votes to end net neutrality | WIRED',
      source: 'https://www.wired.com',
      text: body,
    });
    expect(article.title).toBe('The FCC votes to end net neutrality');
    expect(article.source).toBe('wired.com');
  });

  it('given a primary document whose record changed but not its words, updates it and re-stamps it', async () => {
    const policy = {
      kind: 'proposed-rule' as const,
      origin: 'federal-register',
      documentNumber: '2026-12345',
      docketIds: [],
      agencies: [],
      commentsCloseOn: '2026-12-28',
      links: {},
    };
    const draft = { url: 'https://www.federalregister.gov/d/2026-12345', title: 'Proposed rule', text: body };
    const first = await t.core.writer.save({ ...draft, policy });
    expect(first.article.policy).toEqual(policy);
    expect((await t.core.writer.save({ ...draft, policy })).status).toBe('skipped');
    const extended = await t.core.writer.save({
      ...draft,
      policy: { ...policy, commentsCloseOn: '2027-01-27' },
    });
    expect(extended.status).toBe('updated');
    expect(extended.article.policy?.commentsCloseOn).toBe('2027-01-27');
    expect(articleStamp(extended.article)).not.toBe(
      articleStamp({ ...extended.article, policy: first.article.policy }),
    );
  });

  it('an article without a policy record hashes and stamps as before records existed', async () => {
    const { article } = await t.core.writer.save({
      url: 'https://news.example/p',
      title: 'Operator fined',
      text: body,
    });
    expect(article.contentHash).toBe(contentHashFor('Operator fined', body));
    expect(article.policy).toBeUndefined();
  });

  it('given the same URL and text again, skips it and keeps one record', async () => {
    await t.core.writer.save({ url: 'https://news.example/a', title: 'Operator fined', text: body });
    const again = await t.core.writer.save({
      url: 'https://news.example/a?utm_campaign=y',
      title: 'Operator fined',
      text: body,
    });
    expect(again.status).toBe('skipped');
    expect(await countArticles(t)).toHaveLength(1);
  });

  it('given an edit of the same URL, updates the article in place', async () => {
    const first = await t.core.writer.save({
      url: 'https://news.example/a',
      title: 'Operator fined',
      text: body,
    });
    t.clock.set('2026-11-30T13:00:00.000Z');
    const edited = await t.core.writer.save({
      url: 'https://news.example/a',
      title: 'Operator fined £2m',
      text: `${body} The fine was later confirmed at two million pounds.`,
    });
    expect(edited.status).toBe('updated');
    expect(edited.article.id).toBe(first.article.id);
    expect(edited.article.fetchedAt).toBe(first.article.fetchedAt);
    expect(edited.article.updatedAt).toBe('2026-11-30T13:00:00.000Z');
    const all = await countArticles(t);
    expect(all.map((a) => a.title)).toEqual(['Operator fined £2m']);
  });

  it('gives each tenant its own copy of a URL, so no tenant can rewrite what another reads', async () => {
    const shared = await t.core.writer.save({
      url: 'https://news.example/a',
      title: 'Operator fined',
      text: body,
    });
    const forged = await t.core.writer.save(
      { url: 'https://news.example/a', title: 'Operator cleared', text: `${body} Forged.` },
      { owner: 'slack:TA' },
    );
    expect(forged.status).toBe('added');
    expect(forged.article.id).not.toBe(shared.article.id);
    expect(forged.article.owners).toEqual(['slack:TA']);
    expect((await t.core.articles.get(shared.article.id))?.title).toBe('Operator fined');
    const other = await t.core.news.search('operator', {
      tenant: { platform: 'slack', id: 'TB' },
      page: 1,
      pageSize: 5,
    });
    expect(other.stories.map((s) => s.title)).toEqual(['Operator fined']);
  });

  it('makes the saved article searchable at once', async () => {
    await t.core.writer.save({ url: 'https://news.example/a', title: 'Operator fined', text: body });
    const page = await t.core.news.search('operator', {
      tenant: { platform: 'console', id: 'local' },
      page: 1,
      pageSize: 5,
    });
    expect(page.stories.map((s) => s.title)).toEqual(['Operator fined']);
  });
});
