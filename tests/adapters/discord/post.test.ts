import { afterEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/adapters/discord/render-embeds.ts';
import type { Reply } from '../../../src/core/reply.ts';
import { digestWithChart, expectReceivedChart } from '../../helpers/chart-replies.ts';
import { numberedDigest } from '../../helpers/replies.ts';
import { messageViolations } from './discord-rules.ts';
import { GUILD_A, type Harness, startHarness } from './harness.ts';

const CHANNEL = GUILD_A.channelIds[0]!;
const channelRef = { tenant: { platform: 'discord' as const, id: GUILD_A.id }, id: CHANNEL };
const messagesPath = new RegExp(`^/channels/${CHANNEL}/messages$`);
let harness: Harness | undefined;

afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const digest = (stories: number): Reply => numberedDigest(stories);

const postsTo = (h: Harness) =>
  h.fake.requests.filter((r) => r.method === 'POST' && messagesPath.test(r.path));

describe('Discord digest delivery over REST', () => {
  it('posts a 40-story digest as embeds within the limits, across messages, in order', async () => {
    harness = await startHarness();
    const reply = digest(40);
    const result = await harness.adapter.post(channelRef, reply);
    const expected = renderReply(reply);
    expect(result).toEqual({ ok: true, messageIds: expect.any(Array), storyMessages: expect.any(Object) });
    if (!result.ok) return;
    expect(result.messageIds).toHaveLength(expected.length);
    const posted = harness.fake.messages(CHANNEL);
    expect(posted.map((m) => m.id)).toEqual(result.messageIds);
    for (const message of posted) expect(messageViolations(message)).toEqual([]);
    expect(posted.flatMap((m) => m.embeds.map((e: { title: string }) => e.title))).toEqual(
      Array.from({ length: 40 }, (_, i) => `Story ${i + 1}`),
    );
    expect(posted[0]!.content).toContain('Daily digest');
    const request = postsTo(harness)[0]!;
    expect(request.headers.authorization).toBe('Bot test-bot-token');
    expect(request.body.allowed_mentions).toEqual({ parse: [] });
  });

  it('given a 429 on the channel, waits Retry-After and posts the digest exactly once', async () => {
    harness = await startHarness();
    harness.fake.script('POST', messagesPath, [
      {
        status: 429,
        body: { message: 'You are being rate limited.', retry_after: 1, global: false },
        headers: {
          'retry-after': '1',
          'x-ratelimit-limit': '5',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-reset-after': '1',
          'x-ratelimit-scope': 'user',
        },
      },
    ]);
    const reply = digest(40);
    const result = await harness.adapter.post(channelRef, reply);
    expect(result.ok).toBe(true);
    const expected = renderReply(reply).length;
    const posted = harness.fake.messages(CHANNEL);
    expect(posted).toHaveLength(expected);
    expect(posted.flatMap((m) => m.embeds)).toHaveLength(40);
    const attempts = postsTo(harness);
    expect(attempts).toHaveLength(expected + 1);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(attempts[1]!.body).toEqual(attempts[0]!.body);
  });

  it.each([
    [403, 50013, 'Missing Permissions'],
    [403, 50001, 'Missing Access'],
    [404, 10003, 'Unknown Channel'],
  ])(
    'given HTTP %i with code %i, reports a permanent failure and does not retry',
    async (status, code, message) => {
      harness = await startHarness({ connect: false });
      harness.fake.script('POST', messagesPath, [{ status, body: { message, code } }]);
      const result = await harness.adapter.post(channelRef, digest(4));
      expect(result).toMatchObject({
        ok: false,
        retryable: false,
        code,
        guildId: GUILD_A.id,
        channelId: CHANNEL,
      });
      if (result.ok) return;
      expect(result.error).toContain(`${message} (${code})`);
      expect(result.error).toMatch(
        code === 10003 ? /subscribe another channel/ : /Send Messages and Embed Links/,
      );
      expect(postsTo(harness)).toHaveLength(1);
      expect(harness.fake.messages(CHANNEL)).toHaveLength(0);
    },
  );

  it('given a reply lost after Discord stored the message, the retry with the same nonce posts no duplicate', async () => {
    harness = await startHarness({ connect: false });
    harness.fake.script('POST', messagesPath, [{ status: 502, commit: true }]);
    const result = await harness.adapter.post(channelRef, digest(4));
    expect(result.ok).toBe(true);
    const attempts = postsTo(harness);
    expect(attempts[0]!.body.nonce).toBe(attempts[1]!.body.nonce);
    expect(attempts[0]!.body.enforce_nonce).toBe(true);
    expect(harness.fake.messages(CHANNEL)).toHaveLength(renderReply(digest(4)).length);
  });

  it('given Discord failing with 5xx beyond the retries, reports a retryable failure with what was posted', async () => {
    harness = await startHarness({ connect: false });
    harness.fake.script('POST', messagesPath, [
      { status: 200, body: { id: '1' } },
      ...Array(3).fill({ status: 503 }),
    ]);
    const result = await harness.adapter.post(channelRef, digest(40));
    expect(result).toMatchObject({ ok: false, retryable: true, status: 503, postedMessageIds: ['1'] });
  });

  it('refuses a channel of another platform without calling Discord', async () => {
    harness = await startHarness({ connect: false });
    const result = await harness.adapter.post(
      { tenant: { platform: 'slack', id: 'T1' }, id: 'C1' },
      digest(2),
    );
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(harness.fake.requests).toHaveLength(0);
  });
});

describe('Discord digest with a chart', () => {
  it('posts the digest, then the PNG as a files[0] attachment with its alt text', async () => {
    harness = await startHarness({ connect: false });
    const reply = await digestWithChart(harness.app.charts, 'Weekly digest, 30 November 2026');
    const result = await harness.adapter.post(channelRef, reply, { key: 'weekly-1' });
    expect(result.ok).toBe(true);
    const posted = harness.fake.messages(CHANNEL);
    const withFile = posted.filter((m) => m.files?.length);
    expect(withFile).toHaveLength(1);
    expect(posted.at(-1)).toBe(withFile[0]);
    const [file] = withFile[0]!.files!;
    expect(file).toMatchObject({ field: 'files[0]', filename: 'topic-volume.png', contentType: 'image/png' });
    expectReceivedChart(file!.bytes, file!.description);
  });

  it('posts the chart once when the same delivery is retried', async () => {
    harness = await startHarness({ connect: false });
    const reply = await digestWithChart(harness.app.charts, 'Weekly digest, 7 December 2026');
    await harness.adapter.post(channelRef, reply, { key: 'weekly-2' });
    await harness.adapter.post(channelRef, reply, { key: 'weekly-2' });
    expect(harness.fake.messages(CHANNEL).filter((m) => m.files?.length)).toHaveLength(1);
  });

  it('still reports the digest delivered when the attachment is refused', async () => {
    harness = await startHarness({ connect: false });
    const reply = await digestWithChart(harness.app.charts, 'Weekly digest, 14 December 2026');
    // The digest's one message goes through; the attachment post after it is refused.
    harness.fake.script('POST', messagesPath, [
      { status: 200, commit: true, body: { id: '1', channel_id: CHANNEL } },
      { status: 403, body: { message: 'Missing Permissions', code: 50013 } },
    ]);
    const result = await harness.adapter.post(channelRef, reply, { key: 'weekly-3' });
    expect(result.ok).toBe(true);
    expect(harness.fake.messages(CHANNEL).some((m) => m.files?.length)).toBe(false);
  });
});
