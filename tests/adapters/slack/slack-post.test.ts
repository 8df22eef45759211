import KeyvSqlite from '@keyv/sqlite';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Reply, StoryCard } from '../../../src/core/reply.ts';
import type { Tenant } from '../../../src/core/tenant.ts';
import type { FakeSlack } from './fake-slack.ts';
import { type SlackHarness, startSlackHarness } from './harness.ts';

const alpha: Tenant = { platform: 'slack', id: 'T0ALPHA' };

function digest(stories: number, title = 'Daily digest, 2 March 2026'): Reply {
  const cards: StoryCard[] = Array.from({ length: stories }, (_, i) => ({
    id: `s${i}`,
    title: `Story ${i}`,
    url: `https://news.example.org/${i}`,
    source: 'Outlet',
    publishedAt: '2026-03-02T08:00:00Z',
    summary: `Summary of story ${i}.`,
    topics: ['ai'],
    alsoCoveredBy: [],
    articleIds: [`a${i}`],
  }));
  return { kind: 'digest', title, sections: [{ topic: 'AI regulation', stories: cards }] };
}

describe('Slack ChatAdapter.post (digest delivery)', () => {
  let h: SlackHarness;
  let fake: FakeSlack;

  /** The rows of the SQLite 'posts' table for one channel, read through a separate connection. */
  const postRecordKeys = async (channel: string): Promise<string[]> => {
    const db = new KeyvSqlite({ uri: h.app.config.STORE_URL, table: 'bystander' });
    try {
      const tables = (await db.query(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%_posts'",
      )) as { name: string }[];
      expect(tables).toHaveLength(1);
      const rows = (await db.query(`SELECT key FROM ${tables[0]?.name}`)) as { key: string }[];
      return rows.map((row) => row.key).filter((key) => key.includes(`:${channel}:`));
    } finally {
      await db.disconnect();
    }
  };

  beforeAll(async () => {
    h = await startSlackHarness({ SLACK_BOT_TOKEN: 'xoxb-alpha' }, (f) =>
      f.addTeam({ teamId: 'T0ALPHA', botToken: 'xoxb-alpha', botUserId: 'U0BOT', botId: 'B0BOT', users: {} }),
    );
    fake = h.fake;
  });
  afterAll(async () => {
    await h?.close();
  });
  beforeEach(() => {
    fake.calls.length = 0;
    fake.posted.length = 0;
  });

  // First in this file: the adapter asks auth.test which workspace its token belongs to on the first post.
  it('given a revoked bot token, reports a permanent failure and tries again on the next delivery', async () => {
    fake.script('auth.test', { body: { ok: false, error: 'token_revoked' } });
    const failed = await h.adapter.post({ tenant: alpha, id: 'C0AUTH' }, digest(1, 'Auth check'));
    expect(failed).toEqual({ ok: false, retryable: false, error: 'token_revoked' });
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    const next = await h.adapter.post({ tenant: alpha, id: 'C0AUTH' }, digest(1, 'Auth check'));
    expect(next.ok).toBe(true);
  });

  it('given a 429 with Retry-After: 1, retries once after at least 1 s and posts exactly once', async () => {
    fake.script('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    });
    const result = await h.adapter.post({ tenant: alpha, id: 'C0RATE' }, digest(3, 'Rate-limited digest'));
    const calls = fake.callsTo('chat.postMessage');
    expect(calls).toHaveLength(2);
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    expect(fake.posted).toHaveLength(1);
    expect(result).toMatchObject({ ok: true, messageIds: [fake.posted[0]?.ts] });
  });

  it('retries 5xx answers with growing pauses, then posts once', async () => {
    fake.script('chat.postMessage', { status: 503, body: {} }, { status: 500, body: {} });
    const result = await h.adapter.post({ tenant: alpha, id: 'C0FLAKY' }, digest(2, 'Flaky digest'));
    expect(result.ok).toBe(true);
    const calls = fake.callsTo('chat.postMessage');
    expect(calls).toHaveLength(3);
    const [a, b, c] = calls.map((call) => call.at);
    expect((b ?? 0) - (a ?? 0)).toBeGreaterThanOrEqual(40);
    expect((c ?? 0) - (b ?? 0)).toBeGreaterThan((b ?? 0) - (a ?? 0) - 20);
    expect(fake.posted).toHaveLength(1);
  });

  it('never posts the same digest twice: a second delivery of the same digest posts nothing', async () => {
    const reply = digest(5, 'Idempotent digest');
    const first = await h.adapter.post({ tenant: alpha, id: 'C0TWICE' }, reply);
    const second = await h.adapter.post({ tenant: alpha, id: 'C0TWICE' }, reply);
    expect(fake.posted).toHaveLength(1);
    expect(second).toEqual(first);
    // The same digest in another channel is a different delivery.
    await h.adapter.post({ tenant: alpha, id: 'C0OTHER' }, reply);
    expect(fake.posted.map((p) => p.channel)).toEqual(['C0TWICE', 'C0OTHER']);
  });

  it('remembers a posted digest for a day at most: an identical one 21 h later is posted, the old record pruned', async () => {
    const reply = digest(2, 'Same digest');
    await h.adapter.post({ tenant: alpha, id: 'C0AGAIN' }, reply);
    await h.adapter.post({ tenant: alpha, id: 'C0AGAIN' }, reply);
    expect(fake.posted).toHaveLength(1);
    // A second digest whose record nothing reads again: only pruning can remove it.
    await h.adapter.post({ tenant: alpha, id: 'C0AGAIN' }, digest(1, 'One-off digest'));
    expect(await postRecordKeys('C0AGAIN')).toHaveLength(2);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 21 * 3600_000);
      const later = await h.adapter.post({ tenant: alpha, id: 'C0AGAIN' }, reply);
      expect(later.ok).toBe(true);
      expect(fake.posted).toHaveLength(3);
      // One record for the new post; the expired one is gone from the table, not just hidden.
      expect(await postRecordKeys('C0AGAIN')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('posts two identical deliveries racing each other only once', async () => {
    const reply = digest(4, 'Racing digest');
    const [a, b] = await Promise.all([
      h.adapter.post({ tenant: alpha, id: 'C0RACE' }, reply),
      h.adapter.post({ tenant: alpha, id: 'C0RACE' }, reply),
    ]);
    expect(fake.posted).toHaveLength(1);
    expect(a).toEqual(b);
  });

  it('splits a 40-story digest into messages posted in order, and after a failure resumes where it stopped', async () => {
    const reply = digest(40, 'Big digest');
    // The first message goes through; the second meets a transient platform error.
    fake.script('chat.postMessage', { delayMs: 1 }, { body: { ok: false, error: 'internal_error' } });
    const failed = await h.adapter.post({ tenant: alpha, id: 'C0BIG' }, reply);
    expect(failed).toEqual({ ok: false, retryable: true, error: 'internal_error' });
    expect(fake.posted).toHaveLength(1);

    const retried = await h.adapter.post({ tenant: alpha, id: 'C0BIG' }, reply);
    expect(retried.ok).toBe(true);
    const parts = fake.posted.map((p) => p.text);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts).toEqual(parts.map((_, i) => `Big digest: 40 stories (part ${i + 1} of ${parts.length})`));
    expect(retried.ok && retried.messageIds).toEqual(fake.posted.map((p) => p.ts));
    const titles = fake.posted.flatMap((p) => JSON.stringify(p.blocks).match(/Story \d+/g) ?? []);
    expect(titles).toEqual(Array.from({ length: 40 }, (_, i) => `Story ${i}`));
    expect(fake.violations).toEqual([]);
  });

  it('asks Slack not to unfurl links in posted messages', async () => {
    await h.adapter.post({ tenant: alpha, id: 'C0UNFURL' }, digest(1, 'Unfurl check'));
    const [call] = fake.callsTo('chat.postMessage');
    expect(call?.params.unfurl_links).toBe('false');
    expect(call?.params.unfurl_media).toBe('false');
    expect(call?.token).toBe('xoxb-alpha');
  });

  it.each(['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive', 'invalid_auth'])(
    'given %s, reports a permanent failure so the job does not retry',
    async (error) => {
      fake.script('chat.postMessage', { body: { ok: false, error } });
      const result = await h.adapter.post({ tenant: alpha, id: 'C0GONE' }, digest(1, `Permanent ${error}`));
      expect(result).toEqual({ ok: false, retryable: false, error });
      expect(fake.posted).toHaveLength(0);
    },
  );

  it('given a workspace this bot token does not belong to, refuses without calling chat.postMessage', async () => {
    const result = await h.adapter.post(
      { tenant: { platform: 'slack', id: 'T0OTHER' }, id: 'C1' },
      digest(1),
    );
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(!result.ok && result.error).toMatch(/^not_installed/);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
