import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@redis/client';
import { afterAll, describe, expect, it } from 'vitest';
import { createDigestJob, type DigestJob } from '../../digests/job.ts';
import type { Subscription } from '../../digests/subscription.ts';
import { type Core, createCore } from '../../src/core/core.ts';
import type { Stores } from '../../src/core/ports/stores.ts';
import { createStores } from '../../src/core/store/open-stores.ts';
import { systemClock } from '../../src/core/system-clock.ts';
import { CONSOLE_TENANT } from '../../src/core/tenant.ts';
import { createSsrfGuard } from '../../src/ingest/ssrf-guard.ts';
import { createFixedClock } from '../helpers/clock.ts';
import { digestServicesFor } from '../helpers/context.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { addArticle, consoleSink, dueSubscription, type Post } from './support.ts';

const REDIS_URL = process.env.REDIS_URL;
const prefix = `mi${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const cleanups: (() => Promise<void>)[] = [];

afterAll(async () => {
  for (const cleanUp of cleanups.reverse()) await cleanUp().catch(() => undefined);
  if (!REDIS_URL) return;
  const client = createClient({ url: REDIS_URL });
  await client.connect();
  for await (const keys of client.scanIterator({ MATCH: `*${prefix}*`, COUNT: 500 }))
    if (keys.length > 0) await client.del(keys);
  await client.quit();
});

/** One bot instance: its own store connections, core, ledger connection, console adapter and job. */
async function instance(
  name: string,
): Promise<{ core: Core; stores: Stores; job: DigestJob; posts: Post[] }> {
  const stores = await createStores({ url: REDIS_URL!, prefix });
  // Articles this instance writes are dated ten minutes ago, so they fall inside the next digest's window.
  const core = await createCore({
    stores,
    sourceGuard: createSsrfGuard({ allowPrivate: false }),
    clock: createFixedClock(new Date(Date.now() - 10 * 60_000)),
    logger: createSilentLogger(),
  });
  const ledger = stores.ledger;
  const digests = digestServicesFor(core, stores);
  const sink = consoleSink({ core, digests, stores });
  const job = createDigestJob({
    core,
    services: digests,
    adapters: { console: sink.adapter },
    ledger,
    logger: createSilentLogger(),
    clock: systemClock,
    instanceId: name,
    cron: '* * * * * *',
  });
  cleanups.push(async () => {
    await job.stop();
    await stores.close();
  });
  return { core, stores, job, posts: sink.posts };
}

function subscription(channelId: string): Subscription {
  return dueSubscription(CONSOLE_TENANT, channelId);
}

const perChannel = (posts: Post[]) => {
  const counts = new Map<string, number>();
  for (const post of posts) counts.set(post.channel, (counts.get(post.channel) ?? 0) + 1);
  return counts;
};

describe.skipIf(!REDIS_URL)('two bot instances on one real Redis', () => {
  it('deliver each due digest exactly once, through the scheduler and through racing direct runs', async () => {
    const a = await instance('instance-a');
    const b = await instance('instance-b');
    await addArticle(a.core, { title: 'Huawei shares fall on new restrictions' });
    const subscriptions = digestServicesFor(a.core, a.stores).stores.subscriptions;
    const first = Array.from({ length: 12 }, (_, i) => `ch-${i + 1}`);
    for (const channel of first) await subscriptions.put(CONSOLE_TENANT, channel, subscription(channel));

    a.job.start();
    b.job.start();
    const deadline = Date.now() + 20_000;
    while (a.posts.length + b.posts.length < first.length && Date.now() < deadline) await sleep(200);
    // Give both schedulers a few more ticks in which a duplicate would show up.
    await sleep(2_500);
    await a.job.stop();
    await b.job.stop();
    const scheduled = perChannel([...a.posts, ...b.posts]);
    expect([...scheduled.keys()].sort()).toEqual([...first].sort());
    expect([...scheduled.values()].every((count) => count === 1)).toBe(true);
    expect([...a.posts, ...b.posts].every((post) => post.text.includes('Huawei shares fall'))).toBe(true);

    // Without the scheduler's election: both instances evaluate at the same moment, twice each.
    const second = Array.from({ length: 12 }, (_, i) => `ch-${i + 13}`);
    for (const channel of second) await subscriptions.put(CONSOLE_TENANT, channel, subscription(channel));
    const before = a.posts.length + b.posts.length;
    await Promise.all([a.job.runDue(), b.job.runDue(), a.job.runDue(), b.job.runDue()]);
    const raced = perChannel([...a.posts, ...b.posts]);
    expect(a.posts.length + b.posts.length - before).toBe(second.length);
    for (const channel of second) expect(raced.get(channel)).toBe(1);
    const archived = await digestServicesFor(b.core, b.stores).stores.archive.list(CONSOLE_TENANT);
    expect(archived.filter((record) => record.status === 'delivered')).toHaveLength(24);
  });
});
