import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/core/reply.ts';
import type { Tenant } from '../../../src/core/tenant.ts';
import { pngStats } from '../../helpers/png-stats.ts';
import { ALPHA_TEAM, type SlackHarness, startSlackHarness } from './harness.ts';

const alpha: Tenant = { platform: 'slack', id: 'T0ALPHA' };

async function weeklyDigest(h: SlackHarness, title: string): Promise<Reply> {
  const topic = await h.app.core.topics.resolve(alpha, 'ai-regulation');
  const days = Array.from({ length: 30 }, (_, i) => ({
    day: `2026-11-${String(i + 1).padStart(2, '0')}`,
    count: i % 3,
  }));
  const image = await h.app.charts.topicVolume({
    title: 'Stories per day',
    from: '2026-11-01',
    until: '2026-11-30',
    topics: [{ topic: topic.name, label: topic.label, days, thisWeek: 7, lastWeek: 6 }],
  });
  return {
    kind: 'digest',
    title,
    sections: [],
    image: { name: 'topic-volume.png', title: 'Topic volume', alt: image.alt, png: image.png },
  };
}

describe('Slack digest with a chart', () => {
  let h: SlackHarness;
  beforeAll(async () => {
    h = await startSlackHarness({ SLACK_BOT_TOKEN: ALPHA_TEAM.botToken }, (f) => f.addTeam(ALPHA_TEAM));
  });
  afterAll(async () => {
    await h?.close();
  });

  it('posts the digest, then uploads its PNG through files.uploadV2 into the same channel', async () => {
    const reply = await weeklyDigest(h, 'Weekly digest, 30 November 2026');
    const result = await h.adapter.post({ tenant: alpha, id: 'C0WEEKLY' }, reply, { key: 'weekly-1' });
    expect(result.ok).toBe(true);
    expect(h.fake.posted.filter((p) => p.channel === 'C0WEEKLY')).toHaveLength(1);
    expect(h.fake.callsTo('files.getUploadURLExternal')).toHaveLength(1);
    const [file] = h.fake.files;
    expect(file).toMatchObject({ channel: 'C0WEEKLY', filename: 'topic-volume.png', title: 'Topic volume' });
    expect(file!.altText).toContain('7 this week against 6 last week');
    const stats = pngStats(file!.bytes);
    expect(stats.width).toBeGreaterThan(1000);
    expect(stats.drawn).toBeGreaterThan(0.05);
  });

  it('uploads the chart once when the same delivery is retried', async () => {
    const before = h.fake.files.length;
    const reply = await weeklyDigest(h, 'Weekly digest, 7 December 2026');
    await h.adapter.post({ tenant: alpha, id: 'C0RETRY' }, reply, { key: 'weekly-2' });
    await h.adapter.post({ tenant: alpha, id: 'C0RETRY' }, reply, { key: 'weekly-2' });
    expect(h.fake.files.length - before).toBe(1);
  });

  it('still reports the digest delivered when the upload fails', async () => {
    h.fake.script('files.getUploadURLExternal', { body: { ok: false, error: 'missing_scope' } });
    const reply = await weeklyDigest(h, 'Weekly digest, 14 December 2026');
    const result = await h.adapter.post({ tenant: alpha, id: 'C0NOSCOPE' }, reply, { key: 'weekly-3' });
    expect(result.ok).toBe(true);
    expect(h.fake.files.some((f) => f.channel === 'C0NOSCOPE')).toBe(false);
  });
});
