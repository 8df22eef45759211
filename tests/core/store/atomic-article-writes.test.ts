import { randomUUID } from 'node:crypto';
import { createClient } from '@redis/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleStamp } from '../../../src/core/article.ts';
import type { Stores } from '../../../src/core/ports/stores.ts';
import { createStores } from '../../../src/core/store/open-stores.ts';
import { makeArticle } from '../../helpers/articles.ts';
import { dropPostgresPrefix } from '../../helpers/bot-instances.ts';

/**
 * An article write and its change-log entry are one unit on the shared backends: a failure of the log
 * append (injected here by breaking the log in the server itself) must leave no article, no stamp and no
 * position behind, so no instance can ever miss a stored article.
 */
interface Breaker {
  /** Makes every further log append fail inside the server. */
  breakLog(): Promise<void>;
  /** Lets appends succeed again. */
  mendLog(): Promise<void>;
  close(): Promise<void>;
}

const redisBreaker = async (url: string, prefix: string): Promise<Breaker> => {
  const client = createClient({ url });
  await client.connect();
  const stream = `${prefix}:article_changes`;
  let saved: string[] = [];
  return {
    // A string where the stream should be: XADD answers WRONGTYPE.
    async breakLog() {
      saved = [stream];
      await client.rename(stream, `${stream}:aside`).catch(() => undefined);
      await client.set(stream, 'not a stream');
    },
    async mendLog() {
      await client.del(saved);
      await client.rename(`${stream}:aside`, stream).catch(() => undefined);
    },
    async close() {
      await client.quit();
    },
  };
};

const postgresBreaker = async (url: string, prefix: string): Promise<Breaker> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const table = `${prefix.toLowerCase()}_article_changes`;
  return {
    // A constraint no row meets: the INSERT of the change fails after the article upserts ran.
    async breakLog() {
      await client.query(`ALTER TABLE ${table} ADD CONSTRAINT refuse_all CHECK (false) NOT VALID`);
    },
    async mendLog() {
      await client.query(`ALTER TABLE ${table} DROP CONSTRAINT refuse_all`);
    },
    async close() {
      await client.end();
    },
  };
};

const backends = [
  { name: 'redis', url: process.env.REDIS_URL, breaker: redisBreaker },
  { name: 'postgres', url: process.env.DATABASE_URL, breaker: postgresBreaker },
];

for (const backend of backends) {
  describe.runIf(backend.url)(`article writes and their log entries on ${backend.name}`, () => {
    const prefix = `aw${randomUUID().slice(0, 8)}`;
    let stores: Stores;
    let breaker: Breaker;
    beforeAll(async () => {
      stores = await createStores({ url: backend.url!, prefix });
      breaker = await backend.breaker(backend.url!, prefix);
    });
    afterAll(async () => {
      await breaker?.close();
      await stores?.close();
      if (backend.name === 'postgres') await dropPostgresPrefix(backend.url!, prefix);
    });

    it('logs each put once, at the next position, with the stamp of what was stored', async () => {
      const before = await stores.changeLog.head();
      const a = makeArticle('atomic-a');
      await stores.articles.put(a);
      expect(await stores.changeLog.head()).toBe(before + 1);
      const batch = await stores.changeLog.readAfter(before, 10);
      expect(batch).toEqual({
        trimmed: false,
        changes: [{ seq: before + 1, op: 'put', id: a.id, stamp: articleStamp(a) }],
      });
      expect(await stores.articles.get(a.id)).toEqual(a);
      expect((await stores.articles.stamps()).stamps.get(a.id)).toBe(articleStamp(a));
    });

    it('a put whose log append fails leaves no article, no stamp and no position', async () => {
      const head = await stores.changeLog.head();
      const b = makeArticle('atomic-b');
      await breaker.breakLog();
      try {
        await expect(stores.articles.put(b)).rejects.toThrow();
      } finally {
        await breaker.mendLog();
      }
      expect(await stores.articles.get(b.id)).toBeUndefined();
      expect((await stores.articles.stamps()).stamps.has(b.id)).toBe(false);
      expect(await stores.changeLog.head()).toBe(head);
      // The log works again, and the next put is the one change after the failure (PostgreSQL's bigserial
      // may skip the number the rolled-back insert took; positions only need to increase).
      await stores.articles.put(b);
      const after = await stores.changeLog.readAfter(head, 10);
      expect(after.trimmed ? [] : after.changes.map((change) => [change.op, change.id])).toEqual([
        ['put', b.id],
      ]);
    });

    it('an update whose log append fails keeps the previous version whole', async () => {
      const c = makeArticle('atomic-c', { title: 'First title' });
      await stores.articles.put(c);
      await breaker.breakLog();
      try {
        await expect(stores.articles.put({ ...c, title: 'Second title' })).rejects.toThrow();
      } finally {
        await breaker.mendLog();
      }
      expect((await stores.articles.get(c.id))?.title).toBe('First title');
      expect((await stores.articles.stamps()).stamps.get(c.id)).toBe(articleStamp(c));
    });

    it('a delete whose log append fails keeps the article; one that succeeds is logged', async () => {
      const d = makeArticle('atomic-d');
      await stores.articles.put(d);
      await breaker.breakLog();
      try {
        await expect(stores.articles.delete(d.id)).rejects.toThrow();
      } finally {
        await breaker.mendLog();
      }
      expect(await stores.articles.get(d.id)).toEqual(d);
      const head = await stores.changeLog.head();
      expect(await stores.articles.delete(d.id)).toBe(true);
      expect(await stores.articles.get(d.id)).toBeUndefined();
      const batch = await stores.changeLog.readAfter(head, 10);
      expect(batch.trimmed ? [] : batch.changes.map((change) => [change.op, change.id])).toEqual([
        ['delete', d.id],
      ]);
      const ids: string[] = [];
      for await (const article of stores.articles.all()) ids.push(article.id);
      expect(ids).not.toContain(d.id);
    });
  });
}
