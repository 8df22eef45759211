import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDigestServices, type DigestServices } from '../../digests/services.ts';
import { recordId } from '../../digests/story-posts.ts';
import { createCore } from '../../src/core/core.ts';
import type { Stores } from '../../src/core/ports/stores.ts';
import { createStores } from '../../src/core/store/open-stores.ts';
import type { Tenant } from '../../src/core/tenant.ts';
import { createSsrfGuard } from '../../src/ingest/ssrf-guard.ts';
import { dropPostgresPrefix, dropRedisPrefix } from '../helpers/bot-instances.ts';
import { createFixedClock } from '../helpers/clock.ts';
import { digestServicesFor } from '../helpers/context.ts';
import { createSilentLogger } from '../helpers/silent-logger.ts';
import { tempDir } from '../helpers/temp-store.ts';

const TEAM: Tenant = { platform: 'slack', id: 'T0VOTES' };
const CHANNEL = 'C0VOTES';
const MESSAGES = 30;
const clock = createFixedClock('2026-12-01T09:00:00.000Z');
const sqlite = tempDir('pw-votes-');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  sqlite.cleanup();
});

const BACKENDS = [
  { name: 'SQLite', url: `sqlite://${sqlite.dir}/votes.sqlite`, drop: async () => {} },
  {
    name: 'Redis',
    url: process.env.REDIS_URL,
    drop: (prefix: string) => dropRedisPrefix(process.env.REDIS_URL!, prefix),
  },
  {
    name: 'PostgreSQL',
    url: process.env.DATABASE_URL,
    drop: (prefix: string) => dropPostgresPrefix(process.env.DATABASE_URL!, prefix),
  },
];

/** One bot instance: its own connection to the store, its own core and digest services. */
async function instance(url: string, prefix: string): Promise<{ stores: Stores; digests: DigestServices }> {
  const stores = await createStores({ url, prefix });
  cleanups.push(() => stores.close());
  const core = await createCore({
    stores,
    clock,
    logger: createSilentLogger(),
    sourceGuard: createSsrfGuard({ allowPrivate: false }),
  });
  cleanups.push(() => core.close());
  return { stores, digests: digestServicesFor(core, stores) };
}

/** The bot's message `n` in the channel, carrying one story of its own outlet. */
async function postMessage(digests: DigestServices, n: number): Promise<string> {
  const messageId = `1764579600.${String(n).padStart(6, '0')}`;
  await digests.posts.messages.put(TEAM, recordId(CHANNEL, messageId), {
    channelId: CHANNEL,
    messageId,
    stories: [{ id: `story-${n}`, sources: [`Outlet ${n}`], topics: ['ai'] }],
    postedAt: clock.now().toISOString(),
  });
  return messageId;
}

const react = (digests: DigestServices, messageId: string, userId: string, emoji: string, added = true) =>
  digests.preferences.react({
    tenant: TEAM,
    channelId: CHANNEL,
    messageId,
    userId,
    emoji,
    added,
    at: clock.now(),
  });

for (const backend of BACKENDS) {
  describe.skipIf(!backend.url)(`votes from two instances on ${backend.name}`, () => {
    it('keeps every one of many concurrent reactions; add then remove nets zero; a repeated add counts once', async () => {
      const prefix = `votes${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
      cleanups.push(() => backend.drop(prefix));
      const one = await instance(backend.url!, prefix);
      // SQLite serves one process: its second "instance" is a second set of services on the same connection.
      const two =
        backend.name === 'SQLite'
          ? { stores: one.stores, digests: createDigestServicesOn(one.stores, one.digests) }
          : await instance(backend.url!, prefix);
      const ids: string[] = [];
      for (let n = 0; n < MESSAGES; n++) ids.push(await postMessage(one.digests, n));

      // Two people 👍 every message at the same moment, each through a different instance.
      const votes = ids.flatMap((id, n) => [
        react(n % 2 === 0 ? one.digests : two.digests, id, 'U0ANN', '+1'),
        react(n % 2 === 0 ? two.digests : one.digests, id, 'U0BOB', 'thumbsup'),
      ]);
      expect(new Set(await Promise.all(votes))).toEqual(new Set(['recorded']));
      // Ann's 👍 on the first message arrives twice, from both instances at once: it is one vote.
      await Promise.all([
        react(one.digests, ids[0]!, 'U0ANN', '+1'),
        react(two.digests, ids[0]!, 'U0ANN', '+1'),
      ]);
      // Cy adds a 👎 on the last message through one instance and takes it back through the other.
      await react(one.digests, ids.at(-1)!, 'U0CY', '-1');
      expect(await react(two.digests, ids.at(-1)!, 'U0CY', '-1', false)).toBe('removed');

      for (const reader of [one, two]) {
        const prefs = await reader.digests.preferences.of(TEAM, CHANNEL, clock.now());
        const lost = ids.filter((_, n) => {
          const leaning = prefs.sources.get(`outlet ${n}`);
          // Two votes of weight one each, saturating as tanh(2/3): fewer means one was lost, more a double count.
          return !leaning || Math.abs(leaning.weight - Math.tanh(2 / 3)) > 1e-9 || leaning.disliked !== 0;
        });
        expect(lost).toEqual([]);
        expect(prefs.topics.get('ai')?.weight).toBeCloseTo(Math.tanh((2 * MESSAGES) / 3), 9);
      }
    }, 60_000);
  });
}

/** A second set of digest services over the same stores, with its own in-process state. */
function createDigestServicesOn(stores: Stores, like: DigestServices): DigestServices {
  return createDigestServices({
    articles: stores.articles,
    stores,
    topics: like.topics,
    clusterer: like.clusterer,
    createIndex: () => {
      throw new Error('not used by votes');
    },
    topN: like.topN,
    whenEmpty: like.whenEmpty,
  });
}

describe('votes kept by an older version', () => {
  it('moves a channel’s single-record votes to one record each, and a later removal takes one back', async () => {
    const one = await instance(`sqlite://${sqlite.dir}/legacy.sqlite`, 'pw');
    const [first, second] = [await postMessage(one.digests, 1), await postMessage(one.digests, 2)];
    const at = clock.now().toISOString();
    const story = (n: number) => [{ id: `story-${n}`, sources: [`Outlet ${n}`], topics: ['ai'] }];
    const old = one.stores.tenantStore(
      'preferences',
      z.object({ channelId: z.string(), votes: z.array(z.unknown()) }),
    );
    await old.put(TEAM, recordId(CHANNEL, 'preferences'), {
      channelId: CHANNEL,
      votes: [
        { key: `${first}:U0ANN:1`, sign: 1, at, stories: story(1) },
        { key: `${second}:U0ANN:-1`, sign: -1, at, stories: story(2) },
      ],
    });
    const before = await one.digests.preferences.of(TEAM, CHANNEL, clock.now());
    expect(before.sources.get('outlet 1')?.weight).toBeCloseTo(Math.tanh(1 / 3), 9);
    expect(before.sources.get('outlet 2')?.weight).toBeCloseTo(-Math.tanh(1 / 3), 9);
    expect(await old.list(TEAM)).toEqual([]);
    expect(await react(one.digests, second, 'U0ANN', '-1', false)).toBe('removed');
    const after = await one.digests.preferences.of(TEAM, CHANNEL, clock.now());
    expect(after.sources.get('outlet 1')?.weight).toBeCloseTo(Math.tanh(1 / 3), 9);
    expect(after.sources.get('outlet 2')).toBeUndefined();
  });
});
