import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tenant } from '../../../src/core/tenant.ts';
import { digestWithChart, expectReceivedChart } from '../../helpers/chart-replies.ts';
import { ALPHA_TEAM, type SlackHarness, startSlackHarness } from './harness.ts';

const alpha: Tenant = { platform: 'slack', id: 'T0ALPHA' };

const weeklyDigest = (h: SlackHarness, title: string) => digestWithChart(h.app.charts, title);

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
    expectReceivedChart(file!.bytes, file!.altText);
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
