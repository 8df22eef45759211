import { join } from 'node:path';
import KeyvSqlite from '@keyv/sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { dispatchLine } from '../../../commands/dispatch.ts';
import { articleIdFor } from '../../../src/core/article.ts';
import type { Stores } from '../../../src/core/ports/stores.ts';
import { createStores } from '../../../src/core/store/open-stores.ts';
import { contextFor } from '../../helpers/context.ts';
import { createTestCore, tempDir } from '../../helpers/temp-store.ts';

const tenant = { platform: 'slack' as const, id: 'TREAD' };

/** Drops a table through a second, independent connection to the same SQLite file. */
async function dropTable(file: string, table: string): Promise<void> {
  const other = new KeyvSqlite({ uri: `sqlite://${file}`, table: 'bystander' });
  await other.query(`DROP TABLE ${table}`);
  await other.disconnect();
}

describe('a store that cannot be read', () => {
  let temp: ReturnType<typeof tempDir>;
  let stores: Stores | undefined;
  beforeEach(() => {
    temp = tempDir();
  });
  afterEach(async () => {
    await stores?.close();
    temp.cleanup();
  });

  it('rejects a tenant-store read instead of answering "no such record"', async () => {
    const file = join(temp.dir, 'broken.sqlite');
    stores = await createStores({ url: `sqlite://${file}`, prefix: 'rd' });
    const notes = stores.tenantStore('topics', z.object({ text: z.string() }));
    await notes.put(tenant, 'one', { text: 'kept' });
    await dropTable(file, 'rd_topics');
    await expect(notes.get(tenant, 'one')).rejects.toThrow(/no such table/);
  });

  it('rejects an article read instead of answering "no such article"', async () => {
    const file = join(temp.dir, 'broken-articles.sqlite');
    stores = await createStores({ url: `sqlite://${file}`, prefix: 'rd' });
    await dropTable(file, 'rd_articles');
    await expect(stores.articles.get(articleIdFor('https://example.org/a'))).rejects.toThrow(/no such table/);
  });

  it('given a store read failure, /sources list apologises instead of saying there are no sources', async () => {
    const t = await createTestCore();
    try {
      await t.core.sources.list(tenant); // opens (and so creates) the sources table
      await dropTable(join(t.dir, 'store.sqlite'), 'pw_sources');
      const reply = await dispatchLine('/sources list', contextFor(t));
      expect(reply).toMatchObject({ kind: 'notice', level: 'error' });
      expect(reply.kind === 'notice' && reply.text).toMatch(/something went wrong on our side/);
    } finally {
      await t.close();
    }
  });
});
