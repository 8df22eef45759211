import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Stores } from '../../../src/core/ports/stores.ts';
import { createStores } from '../../../src/core/store/open-stores.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';

const DATABASE_URL = process.env.DATABASE_URL;

/** The same database, with an application_name that marks this test's own connections. */
function taggedUrl(base: string, tag: string): string {
  const url = new URL(base);
  url.searchParams.set('application_name', tag);
  return url.href;
}

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe.runIf(DATABASE_URL)('PostgreSQL store when the server drops its connections', () => {
  const tag = `pwtest_${randomUUID().slice(0, 8)}`;
  let stores: Stores | undefined;
  afterAll(async () => stores?.close());

  it('logs the dropped idle connection instead of crashing, and works again afterwards', async () => {
    const { logger, lines } = captureLogger('warn');
    stores = await createStores({ url: taggedUrl(DATABASE_URL!, tag), prefix: tag, logger });
    const notes = stores.tenantStore('topics', z.object({ text: z.string() }));
    const tenant = { platform: 'slack' as const, id: 'TPOOL' };
    await notes.put(tenant, 'one', { text: 'before' });

    // Another session kills only the connections carrying this test's application_name.
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      const killed = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [tag],
      );
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }

    await waitFor(() => lines.some((line) => line.msg === 'store connection lost'));
    expect(await notes.get(tenant, 'one')).toEqual({ text: 'before' });
    await notes.put(tenant, 'two', { text: 'after' });
    expect(await notes.get(tenant, 'two')).toEqual({ text: 'after' });
  });
});

describe.runIf(DATABASE_URL)('PostgreSQL delivery ledger on the stores’ one pool', () => {
  const tag = `pwled_${randomUUID().slice(0, 8)}`;
  let stores: Stores | undefined;
  afterAll(async () => stores?.close());

  /** Backends holding this test's application_name: the stores' pool is the only thing that opens any. */
  async function sessions(admin: pg.Client): Promise<number> {
    const rows = await admin.query(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [tag],
    );
    return rows.rows[0].n as number;
  }

  it('serves namespaces and the ledger from one pool, and claims again after its idle connection is killed', async () => {
    const { logger, lines } = captureLogger('warn');
    stores = await createStores({ url: taggedUrl(DATABASE_URL!, tag), prefix: tag, logger });
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    try {
      const first = await stores.ledger.claim('sub:2026-12-01', 'instance-a', 60_000);
      expect(first).toEqual({ status: 'claimed', attempt: 1 });
      // One pool: its connections are this test's only sessions (pg's default pool is at most 10).
      const open = await sessions(admin);
      expect(open).toBeGreaterThan(0);
      expect(open).toBeLessThanOrEqual(10);

      const killed = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
        [tag],
      );
      expect(killed.rowCount).toBeGreaterThan(0);
      await waitFor(() => lines.some((line) => line.msg === 'store connection lost'));

      // The process is still here, and the ledger works on a fresh connection from the same pool.
      expect(await stores.ledger.claim('sub:2026-12-01', 'instance-b', 60_000)).toEqual({ status: 'held' });
      expect(await stores.ledger.complete('sub:2026-12-01', 'instance-a', { state: 'delivered' })).toBe(true);
      expect((await stores.ledger.get('sub:2026-12-01'))?.state).toBe('delivered');
    } finally {
      await admin
        .query(
          `DROP TABLE IF EXISTS ${tag}_digest_ledger, ${tag}_digest_ticks, ${tag}_article_changes, ${tag}_article_changes_meta`,
        )
        .catch(() => undefined);
      await admin.end();
    }
  });
});
