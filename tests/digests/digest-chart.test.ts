import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDigestChartAttachments } from '../../digests/digest-chart.ts';
import type { Subscription } from '../../digests/subscription.ts';
import { createVegaChartRenderer } from '../../src/charts/vega-chart-renderer.ts';
import type { ChartRenderer } from '../../src/core/ports/chart-renderer.ts';
import type { Reply } from '../../src/core/reply.ts';
import { makeArticle } from '../helpers/articles.ts';
import { captureLogger } from '../helpers/capture-logger.ts';
import { createTestCore, type TestCore } from '../helpers/temp-store.ts';

const AT = new Date('2026-11-30T09:00:00Z');
const digest: Reply = { kind: 'digest', title: 'Weekly digest', sections: [] };

function subscription(weekdays: number[]): Subscription {
  return {
    tenant: { platform: 'slack', id: 'TACME' },
    channelId: 'C1',
    topics: ['ai-regulation'],
    time: '09:00',
    timeZone: 'UTC',
    weekdays,
    createdAt: AT.toISOString(),
    updatedAt: AT.toISOString(),
  };
}

describe('the weekly digest chart', () => {
  let t: TestCore;
  beforeAll(async () => {
    t = await createTestCore();
    for (let i = 0; i < 5; i += 1)
      await t.core.articles.put(
        makeArticle(`w${i}`, { topics: ['ai-regulation'], publishedAt: `2026-11-2${5 + i}T08:00:00Z` }),
      );
  });
  afterAll(async () => t.close());

  const attachments = (charts: ChartRenderer) =>
    createDigestChartAttachments({
      articles: t.core.articles,
      topics: t.core.topics,
      charts,
      logger: captureLogger('warn').logger,
    });

  it('attaches the topic-volume chart of the subscription’s topics to a weekly digest', async () => {
    const reply = await attachments(createVegaChartRenderer()).attach(subscription([1]), digest, AT);
    expect(reply.kind === 'digest' && reply.image?.name).toBe('topic-volume.png');
    expect(reply.kind === 'digest' && reply.image?.alt).toContain('5 this week against 0 last week');
  });

  it('leaves a daily digest as it was', async () => {
    const reply = await attachments(createVegaChartRenderer()).attach(
      subscription([1, 2, 3, 4, 5]),
      digest,
      AT,
    );
    expect(reply).toBe(digest);
  });

  it('sends the digest without its chart when drawing fails, and says so in the log', async () => {
    const { logger, lines } = captureLogger('warn');
    const broken: ChartRenderer = { topicVolume: () => Promise.reject(new Error('no fonts')) };
    const reply = await createDigestChartAttachments({
      articles: t.core.articles,
      topics: t.core.topics,
      charts: broken,
      logger,
    }).attach(subscription([1]), digest, AT);
    expect(reply).toBe(digest);
    expect(lines).toContainEqual(expect.objectContaining({ msg: expect.stringContaining('weekly chart') }));
  });
});
