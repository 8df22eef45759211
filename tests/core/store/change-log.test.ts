import { randomUUID } from 'node:crypto';
import { createClient } from '@redis/client';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { ChangeLog } from '../../../src/core/ports/change-log.ts';
import { createPostgresChangeLog } from '../../../src/core/store/change-log-postgres.ts';
import { createRedisChangeLog } from '../../../src/core/store/change-log-redis.ts';

const REDIS_URL = process.env.REDIS_URL;
const DATABASE_URL = process.env.DATABASE_URL;
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanUp of cleanups.reverse()) await cleanUp().catch(() => undefined);
});

const prefixOf = () => `cl${randomUUID().replace(/-/g, '').slice(0, 10)}`;

async function redisLog(retention: number): Promise<ChangeLog> {
  const client = createClient({ url: REDIS_URL });
  client.on('error', () => undefined);
  await client.connect();
  const prefix = prefixOf();
  const log = createRedisChangeLog({ client: client as never, prefix, retention });
  cleanups.push(async () => {
    await log.close();
    await client.del([
      `${prefix}:article_changes`,
      `${prefix}:article_changes:seq`,
      `${prefix}:article_changes:id`,
    ]);
    await client.quit();
  });
  return log;
}

async function postgresLog(retention: number): Promise<ChangeLog> {
  const pool = new pg.Pool({ connectionString: DATABASE_URL });
  const prefix = prefixOf();
  const log = await createPostgresChangeLog({ pool, url: DATABASE_URL!, prefix, retention });
  cleanups.push(async () => {
    await log.close();
    await pool.query(`DROP TABLE IF EXISTS ${prefix}_article_changes, ${prefix}_article_changes_meta`);
    await pool.end();
  });
  return log;
}

const backends = [
  { name: 'redis', url: REDIS_URL, open: redisLog },
  { name: 'postgres', url: DATABASE_URL, open: postgresLog },
];

for (const backend of backends) {
  describe.runIf(backend.url)(`change log on ${backend.name}`, () => {
    it('numbers appends 1, 2, 3 and reads them back in order after a position', async () => {
      const log = await backend.open(1000);
      expect(await log.head()).toBe(0);
      const seqs = [];
      for (const id of ['a', 'b', 'c']) seqs.push(await log.append({ op: 'put', id, stamp: `s-${id}` }));
      await log.append({ op: 'delete', id: 'a' });
      expect(seqs).toEqual([1, 2, 3]);
      expect(await log.head()).toBe(4);
      const batch = await log.readAfter(1, 10);
      expect(batch).toEqual({
        trimmed: false,
        changes: [
          { seq: 2, op: 'put', id: 'b', stamp: 's-b' },
          { seq: 3, op: 'put', id: 'c', stamp: 's-c' },
          { seq: 4, op: 'delete', id: 'a' },
        ],
      });
      expect(await log.readAfter(4, 10)).toEqual({ trimmed: false, changes: [] });
    });

    it('keeps its id across calls, so a snapshot can tell its own log from another', async () => {
      const log = await backend.open(1000);
      const other = await backend.open(1000);
      expect(await log.id()).toBe(await log.id());
      expect(await log.id()).not.toBe(await other.id());
    });

    it('concurrent appends get distinct, gap-free positions', async () => {
      const log = await backend.open(10_000);
      const seqs = await Promise.all(
        Array.from({ length: 200 }, (_, i) => log.append({ op: 'put', id: `x${i}` })),
      );
      expect(new Set(seqs).size).toBe(200);
      const read = await log.readAfter(0, 500);
      expect(read.trimmed).toBe(false);
      if (!read.trimmed) expect(read.changes.map((c) => c.seq)).toEqual([...seqs].sort((a, b) => a - b));
    });

    it('says "trimmed" to a reader whose position fell off the kept changes', async () => {
      const log = await backend.open(10);
      for (let i = 0; i < 400; i++) await log.append({ op: 'put', id: `t${i}` });
      await log.trim();
      expect((await log.readAfter(2, 10)).trimmed).toBe(true);
      const recent = await log.readAfter(395, 10);
      expect(recent.trimmed).toBe(false);
      if (!recent.trimmed) expect(recent.changes.map((c) => c.seq)).toEqual([396, 397, 398, 399, 400]);
    });

    it('wakes a subscriber soon after another connection appends', async () => {
      const log = await backend.open(1000);
      const writer = log;
      let woke = 0;
      const stop = log.subscribe(() => {
        woke++;
      });
      // Let the dedicated connection start listening.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = woke;
      const started = Date.now();
      await writer.append({ op: 'put', id: 'w' });
      while (woke === before && Date.now() - started < 3_000) await new Promise((r) => setTimeout(r, 10));
      stop();
      expect(woke).toBeGreaterThan(before);
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });
}
