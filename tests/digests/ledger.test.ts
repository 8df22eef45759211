import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from '@redis/client';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeliveryLedger } from '../../src/core/ports/delivery-ledger.ts';
import { createStores } from '../../src/core/store/open-stores.ts';

const prefix = `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const dir = mkdtempSync(join(tmpdir(), 'pw-ledger-'));
const LEASE = 150;

interface Backend {
  name: string;
  enabled: boolean;
  open(): Promise<DeliveryLedger>;
  cleanUp(): Promise<void>;
}

/** The ledger as the app gets it: on the stores' one connection; closing it closes that connection. */
async function storeLedger(url: string): Promise<DeliveryLedger> {
  const stores = await createStores({ url, prefix });
  return { ...stores.ledger, close: () => stores.close() };
}

const backends: Backend[] = [
  {
    name: 'SQLite file',
    enabled: true,
    open: () => storeLedger(`sqlite://${join(dir, 'ledger.sqlite')}`),
    cleanUp: async () => rmSync(dir, { recursive: true, force: true }),
  },
  {
    name: 'PostgreSQL (DATABASE_URL)',
    enabled: Boolean(process.env.DATABASE_URL),
    open: () => storeLedger(process.env.DATABASE_URL!),
    async cleanUp() {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP TABLE IF EXISTS ${prefix}_digest_ledger, ${prefix}_digest_ticks`);
      await client.end();
    },
  },
  {
    name: 'Redis (REDIS_URL)',
    enabled: Boolean(process.env.REDIS_URL),
    open: () => storeLedger(process.env.REDIS_URL!),
    async cleanUp() {
      const client = createClient({ url: process.env.REDIS_URL });
      await client.connect();
      for await (const keys of client.scanIterator({ MATCH: `${prefix}:*`, COUNT: 500 }))
        if (keys.length > 0) await client.del(keys);
      await client.quit();
    },
  },
];

const opened: DeliveryLedger[] = [];
afterAll(async () => {
  for (const ledger of opened) await ledger.close();
  for (const backend of backends) if (backend.enabled) await backend.cleanUp();
});

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`delivery ledger on ${backend.name}`, () => {
    const pair = async () => {
      const a = await backend.open();
      const b = await backend.open();
      opened.push(a, b);
      return [a, b] as const;
    };
    const run = Math.random().toString(36).slice(2, 8);

    it('given two connections racing for the same keys, lets exactly one claim each', async () => {
      const [a, b] = await pair();
      const keys = Array.from({ length: 40 }, (_, i) => `${run}-race-${i}`);
      const outcomes = await Promise.all(
        keys.flatMap((key) => [a.claim(key, 'instance-a', 60_000), b.claim(key, 'instance-b', 60_000)]),
      );
      for (let i = 0; i < keys.length; i++) {
        const statuses = [outcomes[2 * i]!.status, outcomes[2 * i + 1]!.status].sort();
        expect(statuses).toEqual(['claimed', 'held']);
      }
    });

    it('completes only for the owner of the claim, and a completed entry is done for everyone', async () => {
      const [a, b] = await pair();
      const key = `${run}-complete`;
      expect(await a.claim(key, 'instance-a', 60_000)).toEqual({ status: 'claimed', attempt: 1 });
      expect(await b.complete(key, 'instance-b', { state: 'delivered', digestId: 'x' })).toBe(false);
      expect(
        await a.complete(key, 'instance-a', { state: 'delivered', digestId: 'abc123', late: true }),
      ).toBe(true);
      expect(await b.claim(key, 'instance-b', 60_000)).toEqual({
        status: 'done',
        entry: expect.objectContaining({ state: 'delivered', digestId: 'abc123', late: true, attempts: 1 }),
      });
    });

    it('lets a claim expire and be taken again, at most three times, then reports exhaustion once', async () => {
      const [a, b] = await pair();
      const key = `${run}-expire`;
      expect(await a.claim(key, 'instance-a', LEASE)).toEqual({ status: 'claimed', attempt: 1 });
      expect(await b.claim(key, 'instance-b', LEASE)).toEqual({ status: 'held' });
      await sleep(LEASE + 100);
      expect(await b.claim(key, 'instance-b', LEASE)).toEqual({ status: 'claimed', attempt: 2 });
      // The first owner's lease is gone: its late completion must not count.
      expect(await a.complete(key, 'instance-a', { state: 'delivered' })).toBe(false);
      await sleep(LEASE + 100);
      expect(await a.claim(key, 'instance-a', LEASE)).toEqual({ status: 'claimed', attempt: 3 });
      await sleep(LEASE + 100);
      const outcomes = await Promise.all([
        a.claim(key, 'instance-a', LEASE),
        b.claim(key, 'instance-b', LEASE),
      ]);
      expect(outcomes.filter((o) => o.status === 'exhausted')).toEqual([
        { status: 'exhausted', attempts: 3 },
      ]);
      expect(outcomes.some((o) => o.status === 'claimed')).toBe(false);
      expect(await a.get(key)).toMatchObject({ state: 'failed' });
    });

    it('elects one instance per scheduler tick', async () => {
      const [a, b] = await pair();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => `policywire-digests:${run}-tick-${i}`).flatMap((key) => [
          a.coordinator().shouldRun(key, 60_000),
          b.coordinator().shouldRun(key, 60_000),
        ]),
      );
      for (let i = 0; i < 10; i++) expect([results[2 * i], results[2 * i + 1]].sort()).toEqual([false, true]);
    });
  });
}
