import { afterEach, describe, expect, it } from 'vitest';
import { composeTopicVolume, weekComparison } from '../../src/core/topic-volume.ts';
import { makeArticle } from '../helpers/articles.ts';
import { createTestCore, type TestCore } from '../helpers/temp-store.ts';

const NOW = new Date('2026-12-02T10:00:00Z');
const ACME = { platform: 'slack' as const, id: 'TACME' };
const OTHER = { platform: 'slack' as const, id: 'TOTHER' };

let test: TestCore | undefined;
afterEach(async () => {
  await test?.close();
  test = undefined;
});

async function seed(t: TestCore) {
  const put = (key: string, fields: Parameters<typeof makeArticle>[1]) =>
    t.core.articles.put(makeArticle(key, fields));
  // Built-in topic, tagged at ingest: two today, one six days ago (this week), one eight days ago (last week).
  await put('a1', { topics: ['ai-regulation'], publishedAt: '2026-12-02T08:00:00Z' });
  await put('a2', { topics: ['ai-regulation'], publishedAt: '2026-12-02T01:00:00Z' });
  await put('a3', { topics: ['ai-regulation'], publishedAt: '2026-11-26T23:59:00Z' });
  await put('a4', { topics: ['ai-regulation'], publishedAt: '2026-11-24T12:00:00Z' });
  // Undated: counted on the day it was fetched.
  await put('a5', { topics: ['ai-regulation'], publishedAt: undefined, fetchedAt: '2026-11-30T12:00:00Z' });
  // Outside the 30 days, and another tenant's private article: never counted.
  await put('a6', { topics: ['ai-regulation'], publishedAt: '2026-10-01T12:00:00Z' });
  await put('a7', {
    topics: ['ai-regulation'],
    publishedAt: '2026-12-01T12:00:00Z',
    owners: ['slack:TOTHER'],
  });
}

/** The chart of one named topic for one tenant, as the CLI and the digest attachment compose it. */
async function chartFor(t: TestCore, tenant: typeof ACME, name: string, days?: number) {
  const topic = await t.core.topics.resolve(tenant, name);
  return composeTopicVolume(
    { articles: t.core.articles, topics: t.core.topics },
    { tenant, topics: [topic], now: NOW, ...(days ? { days } : {}) },
  );
}

describe('composeTopicVolume', () => {
  it('counts visible stories per UTC day over the last 30 days with this and last week’s totals', async () => {
    test = await createTestCore();
    await seed(test);
    const chart = await chartFor(test, ACME, 'ai-regulation');
    expect(chart.from).toBe('2026-11-03');
    expect(chart.until).toBe('2026-12-02');
    const [ai] = chart.topics;
    expect(ai!.days).toHaveLength(30);
    const byDay = Object.fromEntries(ai!.days.filter((d) => d.count > 0).map((d) => [d.day, d.count]));
    expect(byDay).toEqual({ '2026-12-02': 2, '2026-11-30': 1, '2026-11-26': 1, '2026-11-24': 1 });
    expect(ai!.thisWeek).toBe(4);
    expect(ai!.lastWeek).toBe(1);
  });

  it('shows a tenant its own private articles and never another tenant’s', async () => {
    test = await createTestCore();
    await seed(test);
    const chart = await chartFor(test, OTHER, 'ai-regulation');
    expect(chart.topics[0]!.days.find((d) => d.day === '2026-12-01')!.count).toBe(1);
  });

  it('matches a free query by the article text, as the topic service tags it', async () => {
    test = await createTestCore();
    await test.core.articles.put(
      makeArticle('q1', { title: 'Open banking rules arrive', publishedAt: '2026-12-01T09:00:00Z' }),
    );
    await test.core.articles.put(
      makeArticle('q2', { title: 'Weather', publishedAt: '2026-12-01T09:00:00Z' }),
    );
    const chart = await chartFor(test, ACME, 'open banking', 14);
    expect(chart.topics[0]!.days).toHaveLength(14);
    expect(chart.topics[0]!.thisWeek).toBe(1);
  });
});

describe('weekComparison', () => {
  it('states both weeks and the change, and calls a topic with no last week new', () => {
    expect(weekComparison({ thisWeek: 6, lastWeek: 4 })).toBe('6 this week against 4 last week (+50%)');
    expect(weekComparison({ thisWeek: 2, lastWeek: 4 })).toBe('2 this week against 4 last week (-50%)');
    expect(weekComparison({ thisWeek: 3, lastWeek: 0 })).toBe('3 this week against 0 last week (new)');
  });
});
