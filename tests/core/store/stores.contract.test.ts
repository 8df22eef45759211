import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Article, articleIdFor } from '../../../src/core/article.ts';
import type { Stores } from '../../../src/core/ports/stores.ts';
import { createStores, storeKindOf } from '../../../src/core/store/open-stores.ts';
import { UserError } from '../../../src/errors.ts';
import { tempDir } from '../../helpers/temp-store.ts';

function article(url: string, title = 'A title'): Article {
  const now = '2026-11-30T10:00:00.000Z';
  return {
    id: articleIdFor(url),
    url,
    canonicalUrl: url,
    title,
    source: 'Example',
    fetchedAt: now,
    updatedAt: now,
    text: 'Body text.',
    summary: 'Body text.',
    topics: [],
    language: 'en',
    owners: ['*'],
    contentHash: 'x',
    backlog: false,
  };
}

const temp = tempDir();
const backends: { name: string; url: string | undefined }[] = [
  { name: 'sqlite', url: `sqlite://${join(temp.dir, 'contract.sqlite')}` },
  { name: 'redis', url: process.env.REDIS_URL },
  { name: 'postgres', url: process.env.DATABASE_URL },
];
afterAll(() => temp.cleanup());

const noteSchema = z.object({ text: z.string() });
const slackA = { platform: 'slack' as const, id: 'TA' };
const slackB = { platform: 'slack' as const, id: 'TB' };
const guild = { platform: 'discord' as const, id: '123456789' };

for (const backend of backends) {
  describe.runIf(backend.url)(`store contract on ${backend.name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await createStores({ url: backend.url!, prefix: `t${randomUUID().slice(0, 8)}` });
    });
    afterAll(async () => stores?.close());

    it('stores an article and reads it back whole', async () => {
      const a = article('https://example.org/a', 'Huawei story');
      await stores.articles.put(a);
      expect(await stores.articles.get(a.id)).toEqual(a);
      expect(await stores.articles.get('0000000000000000')).toBeUndefined();
    });

    it('putting the same id again replaces it rather than adding a second record', async () => {
      const a = article('https://example.org/b');
      await stores.articles.put(a);
      await stores.articles.put({ ...a, title: 'Edited' });
      const all: Article[] = [];
      for await (const x of stores.articles.all()) if (x.id === a.id) all.push(x);
      expect(all).toHaveLength(1);
      expect(all[0]?.title).toBe('Edited');
    });

    it('getMany answers in the order asked with undefined for gaps', async () => {
      const a = article('https://example.org/c');
      const b = article('https://example.org/d');
      await stores.articles.put(a);
      await stores.articles.put(b);
      const got = await stores.articles.getMany([b.id, 'ffffffffffffffff', a.id]);
      expect(got.map((x) => x?.id)).toEqual([b.id, undefined, a.id]);
    });

    it('keeps each tenant to its own records', async () => {
      const notes = stores.tenantStore('topics', noteSchema);
      await notes.put(slackA, 'one', { text: 'A1' });
      await notes.put(slackB, 'one', { text: 'B1' });
      await notes.put(guild, 'one', { text: 'G1' });
      expect(await notes.list(slackA)).toEqual([{ text: 'A1' }]);
      expect(await notes.get(slackB, 'one')).toEqual({ text: 'B1' });
      expect(await notes.delete(slackA, 'one')).toBe(true);
      expect(await notes.get(slackB, 'one')).toEqual({ text: 'B1' });
      expect(await notes.get(guild, 'one')).toEqual({ text: 'G1' });
    });

    it('keeps namespaces apart: sources never list subscriptions', async () => {
      const sources = stores.tenantStore('sources', noteSchema);
      const subscriptions = stores.tenantStore('subscriptions', noteSchema);
      await sources.put(slackA, 's', { text: 'source' });
      await subscriptions.put(slackA, 's', { text: 'subscription' });
      expect(await sources.list(slackA)).toEqual([{ text: 'source' }]);
      expect(await subscriptions.list(slackA)).toEqual([{ text: 'subscription' }]);
    });

    it('listAll reports each record with its tenant', async () => {
      const deliveries = stores.tenantStore('deliveries', noteSchema);
      await deliveries.put(slackA, 'x:2026-11-30', { text: 'a' });
      await deliveries.put(guild, 'y:2026-11-30', { text: 'g' });
      const seen: string[] = [];
      for await (const entry of deliveries.listAll())
        seen.push(`${entry.tenant.platform}/${entry.tenant.id}/${entry.id}`);
      expect(seen.sort()).toEqual(['discord/123456789/y:2026-11-30', 'slack/TA/x:2026-11-30']);
    });

    it('forgets a record put with a ttl once it has passed, and prune clears it from listings', async () => {
      const posts = stores.tenantStore('posts', noteSchema);
      // A ttl well above a loaded machine's round trips: the record must still be there when read back
      // at once (60 ms failed under load on two shared cores), and gone once the ttl has passed.
      await posts.put(slackA, 'brief', { text: 'short-lived' }, { ttlMs: 600 });
      await posts.put(slackA, 'kept', { text: 'kept' });
      expect(await posts.get(slackA, 'brief')).toEqual({ text: 'short-lived' });
      await new Promise((resolve) => setTimeout(resolve, 800));
      await posts.prune();
      expect(await posts.list(slackA)).toEqual([{ text: 'kept' }]);
      expect(await posts.get(slackA, 'brief')).toBeUndefined();
    });

    it("refuses a tenant id that would read back as another tenant's key", async () => {
      const notes = stores.tenantStore('topics', noteSchema);
      const forged = { platform: 'slack' as const, id: 'TA:planted' };
      await expect(notes.put(forged, 'x', { text: 'forged' })).rejects.toThrow(/tenant/);
      await expect(notes.get(forged, 'x')).rejects.toThrow(/tenant/);
      expect(await notes.list(slackA)).not.toContainEqual({ text: 'forged' });
    });

    it('skips a record that no longer matches its schema instead of failing the listing', async () => {
      const loose = stores.tenantStore('installations', z.object({ text: z.string() }));
      const strict = stores.tenantStore('installations', z.object({ text: z.string(), count: z.number() }));
      await loose.put(slackA, 'old', { text: 'no count' });
      expect(await strict.list(slackA)).toEqual([]);
    });
  });
}

describe('store URL', () => {
  it('given an unknown scheme, says which URLs are accepted', () => {
    expect(() => storeKindOf('mysql://db')).toThrow(UserError);
    expect(() => storeKindOf('mysql://db')).toThrow(/not a store URL/);
    expect(storeKindOf('postgresql://x/y')).toBe('postgres');
    expect(storeKindOf('rediss://x')).toBe('redis');
  });

  it('given an unknown scheme with credentials, never echoes the password', () => {
    expect(() => storeKindOf('mysql://policy:hunter2@db/pw')).toThrow(/"mysql:\/\/…" is not a store URL/);
    expect(() => storeKindOf('mysql://policy:hunter2@db/pw')).not.toThrow(/hunter2/);
  });
});
