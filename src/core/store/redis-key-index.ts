import KeyvRedis from '@keyv/redis';
import type { RedisClientType } from '@redis/client';
import type { KeyvStoreAdapter } from 'keyv';

/**
 * Why an index: on Redis a namespace is a key prefix in one keyspace, so listing it (a tenant's topics, the
 * articles for a build) SCANs every key of every namespace: ~200k keys at 100k articles, for each list,
 * several per /news. Each namespace therefore keeps a sorted set of its keys (all at score 0, so ordered by
 * name): a whole namespace is paged with ZRANGE BYLEX, and one tenant's records (`slack:T1:…`) are one
 * lexicographic range, two round trips whatever the size of the store.
 */

/** The sorted set naming every key of a namespace (one colon: never a record key, which has two). */
export const indexKeyOf = (namespace: string) => `${namespace}:keys`;
/** Set once the index covers the keys written before indexes existed. */
const completeKeyOf = (namespace: string) => `${namespace}:keys:complete`;
/** How @keyv/redis names a record of a namespace. */
export const recordKeyOf = (namespace: string, key: string) => `${namespace}::${key}`;

const PAGE = 1_000;

// Drops index members whose record is gone (expired by a TTL, or deleted before indexes existed), only if
// still gone: a record written again between our read and this script keeps its member.
const FORGET = `
for i, member in ipairs(ARGV) do
  if redis.call('EXISTS', KEYS[i + 1]) == 0 then redis.call('ZREM', KEYS[1], member) end
end
return 0`;

/** Index members of a namespace from `min` to `max` (lexicographic range bounds), a page at a time. */
async function* members(client: RedisClientType, namespace: string, min = '-', max = '+') {
  let from = min;
  for (;;) {
    const page = await client.zRange(indexKeyOf(namespace), from, max, {
      BY: 'LEX',
      LIMIT: { offset: 0, count: PAGE },
    });
    if (page.length > 0) yield page;
    if (page.length < PAGE) return;
    from = `(${page[page.length - 1]}`;
  }
}

/** The keys of one namespace that start with `prefix`, from its index. */
export async function indexedKeys(client: RedisClientType, namespace: string, prefix: string) {
  // Keys are ASCII here (tenant ids and record ids), so `prefix` followed by 0xff-ish bounds the range.
  const out: string[] = [];
  for await (const page of members(client, namespace, `[${prefix}`, `(${prefix}\u{10ffff}`))
    out.push(...page);
  return out;
}

/** Adds to the namespace's index every record key written before the index existed (once per store). */
async function completeIndex(client: RedisClientType, namespace: string): Promise<void> {
  if (await client.exists(completeKeyOf(namespace))) return;
  const skip = `${namespace}::`.length;
  let cursor = '0';
  do {
    const page = await client.scan(cursor, { MATCH: `${namespace}::*`, TYPE: 'string', COUNT: 10_000 });
    cursor = page.cursor.toString();
    if (page.keys.length > 0)
      await client.zAdd(
        indexKeyOf(namespace),
        page.keys.map((key) => ({ score: 0, value: key.slice(skip) })),
      );
  } while (cursor !== '0');
  await client.set(completeKeyOf(namespace), '1');
}

/**
 * @keyv/redis on the shared client, keeping the namespace's key index in step with every write and listing
 * from it. Its disconnect would quit the shared client for everyone, so it does nothing.
 */
export async function indexedRedisAdapter(
  client: RedisClientType,
  namespace: string,
): Promise<KeyvStoreAdapter> {
  await completeIndex(client, namespace);
  const index = indexKeyOf(namespace);
  class Indexed extends KeyvRedis<unknown> {
    override async disconnect() {}
    override async set(key: string, value: unknown, ttl?: number) {
      const multi = client.multi();
      const record = recordKeyOf(namespace, key);
      if (ttl) multi.set(record, value as string, { PX: ttl });
      else multi.set(record, value as string);
      await multi.zAdd(index, { score: 0, value: key }).exec();
    }
    override async setMany(entries: { key: string; value: unknown; ttl?: number }[]) {
      for (const entry of entries) await this.set(entry.key, entry.value, entry.ttl);
    }
    override async delete(key: string) {
      const [deleted] = await client.multi().del(recordKeyOf(namespace, key)).zRem(index, key).exec();
      return Number(deleted) > 0;
    }
    override async deleteMany(keys: string[]) {
      if (keys.length === 0) return false;
      const multi = client.multi().del(keys.map((key) => recordKeyOf(namespace, key)));
      const [deleted] = await multi.zRem(index, keys).exec();
      return Number(deleted) > 0;
    }
    override async clear() {
      for await (const page of members(client, namespace)) await this.deleteMany(page);
    }
    override async *iterator<U = unknown>(): AsyncGenerator<[string, U | undefined], void> {
      for await (const page of members(client, namespace)) {
        // Raw stored strings, as the adapter's own iterator yields them: keyv deserializes them.
        const values = await client.mGet(page.map((key) => recordKeyOf(namespace, key)));
        const gone = page.filter((_, i) => values[i] === null);
        if (gone.length > 0)
          await client.eval(FORGET, {
            keys: [index, ...gone.map((key) => recordKeyOf(namespace, key))],
            arguments: gone,
          });
        for (const [i, key] of page.entries())
          if (values[i] !== null) yield [key, (values[i] ?? undefined) as U | undefined];
      }
    }
  }
  // Each namespace's adapter adds one listener per client event (error, connect, disconnect, reconnecting)
  // to the shared client, a bounded number (one per store namespace), not a leak: raise the limit by that
  // one, so that Node's leak warning still fires for anything else that keeps adding listeners.
  client.setMaxListeners(client.getMaxListeners() + 1);
  const adapter = new Indexed(client);
  adapter.namespace = namespace;
  return adapter as unknown as KeyvStoreAdapter;
}
