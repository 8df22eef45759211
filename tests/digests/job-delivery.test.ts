import { afterEach, describe, expect, it } from 'vitest';
import { createDigestJob } from '../../digests/job.ts';
import { deliveryKey } from '../../digests/subscription.ts';
import type { PostResult } from '../../src/core/ports/chat-adapter.ts';
import type { Stores } from '../../src/core/ports/stores.ts';
import { CONSOLE_TENANT, type Tenant } from '../../src/core/tenant.ts';
import { createFixedClock } from '../helpers/clock.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { openLedger } from '../helpers/temp-store.ts';
import { addArticle, consoleSink, openTestCore, say, scriptedAdapter, type TestCore } from './support.ts';

const clock = createFixedClock('2026-03-30T06:00:00Z');
const ok: PostResult = { ok: true, messageIds: ['m1'] };
const transient: PostResult = { ok: false, retryable: true, error: 'rate_limited' };
const permanent: PostResult = { ok: false, retryable: false, error: 'channel_not_found' };

let open: TestCore | undefined;
const ledgers: Stores[] = [];

afterEach(async () => {
  for (const stores of ledgers.splice(0)) await stores.close();
  await open?.close();
  open = undefined;
});

async function setUp(whenEmpty: 'line' | 'skip' = 'line') {
  clock.set('2026-03-29T06:00:00Z');
  open = await openTestCore({ clock, services: { whenEmpty } });
  expect(await say(open, '/subscribe huawei at 08:00 tz UTC')).toMatchObject({ level: 'success' });
  return open;
}

async function newLedger() {
  const stores = await openLedger(open!.storeUrl, () => clock.now().getTime());
  ledgers.push(stores);
  return stores.ledger;
}

async function jobWith(
  adapter: Parameters<typeof createDigestJob>[0]['adapters']['console'],
  delays: number[] = [],
) {
  return createDigestJob({
    core: open!.core,
    services: open!.digests,
    adapters: { console: adapter },
    ledger: await newLedger(),
    logger: createSilentLogger(),
    sleep: async (ms) => {
      delays.push(ms);
    },
  });
}

describe('digest delivery', () => {
  it('given a digest missed while the bot was down, delivers it once when back, marked late', async () => {
    const host = await setUp();
    const { core, digests: services } = host;
    clock.set('2026-03-31T02:00:00Z');
    await addArticle(core, { title: 'Huawei news from the night' });
    // Down from before Monday's 08:00 (and Sunday's) until 11:00 on Tuesday.
    clock.set('2026-03-31T11:00:00Z');
    const sink = consoleSink(host);
    const first = await jobWith(sink.adapter);
    const report = await first.runDue();
    expect(report.delivered).toEqual([deliveryKey(CONSOLE_TENANT, 'console', '2026-03-31')]);
    expect(sink.posts).toHaveLength(1);
    expect(sink.posts[0]!.text).toContain('(late)');
    expect(sink.posts[0]!.text).toContain('Huawei news from the night');
    // A restarted instance (new job, new ledger connection) finds nothing left to do, now or later that day.
    const second = await jobWith(sink.adapter);
    expect((await second.runDue()).delivered).toEqual([]);
    clock.set('2026-03-31T23:59:00Z');
    expect((await second.runDue()).delivered).toEqual([]);
    expect(sink.posts).toHaveLength(1);
    const [record] = await services.stores.archive.list(CONSOLE_TENANT);
    expect(record).toMatchObject({ localDate: '2026-03-31', status: 'delivered', late: true });
  });

  it('retries transient failures with growing delays, then delivers once', async () => {
    const host = await setUp();
    const { core, digests: services } = host;
    clock.set('2026-03-30T05:00:00Z');
    await addArticle(core, { title: 'Huawei story' });
    clock.set('2026-03-30T08:00:00Z');
    const delays: number[] = [];
    const chat = scriptedAdapter([transient, new Error('socket hang up'), ok]);
    const report = await (await jobWith(chat.adapter, delays)).runDue();
    expect(report.delivered).toHaveLength(1);
    expect(chat.calls.map((c) => c.reply.kind)).toEqual(['digest', 'digest', 'digest']);
    expect(delays).toEqual([2_000, 8_000]);
    const state = await services.stores.deliveries.get(CONSOLE_TENANT, 'console');
    expect(state).toMatchObject({ status: 'ok', lastLocalDate: '2026-03-30' });
  });

  it('given a permanent failure, marks the subscription failing, posts nothing more to the channel and retries only the next day', async () => {
    const host = await setUp();
    const { core, digests: services } = host;
    clock.set('2026-03-30T05:00:00Z');
    await addArticle(core, { title: 'Huawei story' });
    clock.set('2026-03-30T08:00:00Z');
    const chat = scriptedAdapter([permanent]);
    const job = await jobWith(chat.adapter);
    const report = await job.runDue();
    expect(report.failed).toBe(1);
    // The digest only: no retry of a permanent error, and no failure notice in the broken channel
    // (the incident alerts tell an admin by DM; tests/digests/alerts covers that).
    expect(chat.calls.map((c) => c.reply.kind)).toEqual(['digest']);
    clock.set('2026-03-30T15:00:00Z');
    await job.runDue();
    expect(chat.calls).toHaveLength(1);
    const listing = await say(host, '/subscriptions');
    expect(listing.kind === 'list' && listing.items[0]?.detail).toMatch(
      /⚠ failing since .*channel_not_found/,
    );
    expect((await services.stores.archive.list(CONSOLE_TENANT))[0]?.status).toBe('failed');

    // The next day the channel works again: the digest goes out and the subscription is healthy.
    const fixed = scriptedAdapter([ok]);
    clock.set('2026-03-31T08:00:00Z');
    expect((await (await jobWith(fixed.adapter)).runDue()).delivered).toHaveLength(1);
    expect(await services.stores.deliveries.get(CONSOLE_TENANT, 'console')).toMatchObject({ status: 'ok' });
  });

  it('given transient failures that never end, gives up after the configured tries', async () => {
    await setUp();
    clock.set('2026-03-30T08:00:00Z');
    const delays: number[] = [];
    const chat = scriptedAdapter([transient]);
    const report = await (await jobWith(chat.adapter, delays)).runDue();
    expect(report.failed).toBe(1);
    expect(chat.calls.filter((c) => c.reply.kind !== 'notice' || c.reply.level !== 'error')).toHaveLength(4);
    expect(delays).toEqual([2_000, 8_000, 30_000]);
    expect(await open!.digests.stores.deliveries.get(CONSOLE_TENANT, 'console')).toMatchObject({
      status: 'failing',
      lastError: 'rate_limited after 4 tries',
    });
  });

  it('given nothing new, posts one line saying so, or nothing when configured to skip', async () => {
    await setUp('line');
    clock.set('2026-03-30T08:00:00Z');
    const lineChat = scriptedAdapter([ok]);
    await (await jobWith(lineChat.adapter)).runDue();
    expect(lineChat.calls).toHaveLength(1);
    expect(lineChat.calls[0]!.reply).toMatchObject({ kind: 'notice', level: 'info' });
    expect((await open!.digests.stores.archive.list(CONSOLE_TENANT))[0]).toMatchObject({ empty: true });
    await open!.close();

    await setUp('skip');
    clock.set('2026-03-30T08:00:00Z');
    const skipChat = scriptedAdapter([ok]);
    const job = await jobWith(skipChat.adapter);
    expect((await job.runDue()).skipped).toBe(1);
    expect(await job.runDue()).toMatchObject({ skipped: 0, delivered: [] });
    expect(skipChat.calls).toHaveLength(0);
  });

  it('retries a delivery whose process died holding the claim, once the claim expires', async () => {
    await setUp();
    clock.set('2026-03-30T08:00:00Z');
    const key = deliveryKey(CONSOLE_TENANT, 'console', '2026-03-30');
    const dead = await newLedger();
    expect(await dead.claim(key, 'crashed-instance', 10 * 60_000)).toEqual({ status: 'claimed', attempt: 1 });
    const chat = scriptedAdapter([ok]);
    const job = await jobWith(chat.adapter);
    expect(await job.runDue()).toMatchObject({ held: 1, delivered: [] });
    clock.set('2026-03-30T08:10:01Z');
    expect((await job.runDue()).delivered).toEqual([key]);
    expect(chat.calls).toHaveLength(1);
    expect(await dead.get(key)).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('leaves subscriptions on platforms it has no adapter for to the instances that do', async () => {
    const host = await setUp();
    const slack: Tenant = { platform: 'slack', id: 'T1' };
    expect(await say(host, '/subscribe huawei at 08:00', 'C1', slack)).toMatchObject({ level: 'success' });
    clock.set('2026-03-30T08:00:00Z');
    const chat = scriptedAdapter([ok]);
    const job = await jobWith(chat.adapter);
    expect((await job.runDue()).delivered).toEqual([deliveryKey(CONSOLE_TENANT, 'console', '2026-03-30')]);
    expect(await ledgers[0]!.ledger.get(deliveryKey(slack, 'C1', '2026-03-30'))).toBeUndefined();
  });
});
