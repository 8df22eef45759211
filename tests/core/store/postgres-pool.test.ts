import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStores } from '../../../src/core/store/keyv-stores.ts';
import type { Stores } from '../../../src/core/store/ports.ts';
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
