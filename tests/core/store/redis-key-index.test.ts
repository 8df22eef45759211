import { randomUUID } from 'node:crypto';
import { createClient, type RedisClientType } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createStores } from '../../../src/core/store/open-stores.ts';
import { indexedKeys } from '../../../src/core/store/redis-key-index.ts';
import { makeArticle } from '../../helpers/articles.ts';

const url = process.env.REDIS_URL;
const noteSchema = z.object({ text: z.string() });
const alpha = { platform: 'slack' as const, id: 'TALPHA' };
const alphabet = { platform: 'slack' as const, id: 'TALPHABET' };

/** Each Redis namespace keeps a sorted set of its keys, so listing never walks the whole keyspace. */
describe.runIf(url)('the Redis key index', () => {
  let raw: RedisClientType;
  beforeAll(async () => {
    raw = createClient({ url }) as RedisClientType;
    await raw.connect();
  });
  afterAll(async () => raw?.quit());

  it('lists records written before the index existed, once, and keeps them listed after', async () => {
    const prefix = `ki${randomUUID().slice(0, 8)}`;
    // What a store written by an older version holds: keyv's records, no index.
    await raw.set(`${prefix}_notes::slack:TALPHA:old`, JSON.stringify({ value: { text: 'from before' } }));
    const stores = await createStores({ url: url!, prefix });
    try {
      const notes = stores.tenantStore('notes', noteSchema);
      await notes.put(alpha, 'new', { text: 'from now' });
      expect((await notes.list(alpha)).map((n) => n.text).sort()).toEqual(['from before', 'from now']);
      expect(await raw.zCard(`${prefix}_notes:keys`)).toBe(2);
    } finally {
      await stores.close();
    }
  });

  it("gives one tenant's range only, even for a tenant id that another starts with", async () => {
    const prefix = `ki${randomUUID().slice(0, 8)}`;
    const stores = await createStores({ url: url!, prefix });
    try {
      const notes = stores.tenantStore('notes', noteSchema);
      await notes.put(alpha, 'a', { text: 'alpha' });
      await notes.put(alphabet, 'b', { text: 'alphabet' });
      expect((await notes.list(alpha)).map((n) => n.text)).toEqual(['alpha']);
      expect((await notes.list(alphabet)).map((n) => n.text)).toEqual(['alphabet']);
      expect(await notes.delete(alpha, 'a')).toBe(true);
      expect(await notes.list(alpha)).toEqual([]);
      expect(await indexedKeys(raw, `${prefix}_notes`, 'slack:')).toEqual(['slack:TALPHABET:b']);
    } finally {
      await stores.close();
    }
  });

  it('pages through a namespace larger than one page and drops members whose record expired', async () => {
    const prefix = `ki${randomUUID().slice(0, 8)}`;
    const stores = await createStores({ url: url!, prefix });
    try {
      const articles = Array.from({ length: 1_205 }, (_, i) => makeArticle(`paged-${i}`));
      for (let i = 0; i < articles.length; i += 100)
        await Promise.all(articles.slice(i, i + 100).map((a) => stores.articles.put(a)));
      const seen = new Set<string>();
      for await (const article of stores.articles.all()) seen.add(article.id);
      expect(seen.size).toBe(1_205);

      const notes = stores.tenantStore('notes', noteSchema);
      await notes.put(alpha, 'brief', { text: 'soon gone' }, { ttlMs: 50 });
      await new Promise((resolve) => setTimeout(resolve, 120));
      expect(await notes.list(alpha)).toEqual([]);
      await notes.prune();
      expect(await raw.zCard(`${prefix}_notes:keys`)).toBe(0);
    } finally {
      await stores.close();
    }
  });
});
