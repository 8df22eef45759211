import type { RedisClientType } from '@redis/client';
import type { ArticleTables, ArticleWrites } from './article-writes.ts';
import { redisChangeKeys } from './change-log-redis.ts';
import { indexKeyOf, recordKeyOf } from './redis-key-index.ts';

// One script, so atomic for every other client, and a writer killed mid-call cannot split it. Redis does not
// roll back a script that fails part-way, so the command that can fail (XADD on a key of the wrong type, a
// stream at its id limit) runs first: when it fails nothing has been written. The counter is set after, to
// the position XADD accepted (positions stay 1, 2, 3… with no gaps, as the plain append keeps them).
// KEYS: counter, stream, article, stamp, article index, stamp index. ARGV: id, article, stamp text, stamp
// value, retention.
const PUT = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0') + 1
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[5], n .. '-0', 'op', 'put', 'id', ARGV[1], 'stamp', ARGV[4])
redis.call('SET', KEYS[1], n)
redis.call('SET', KEYS[4], ARGV[3])
redis.call('SET', KEYS[3], ARGV[2])
redis.call('ZADD', KEYS[6], 0, ARGV[1])
redis.call('ZADD', KEYS[5], 0, ARGV[1])
return n`;

// The same order for a delete; returns whether an article was there.
const DELETE = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0') + 1
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], n .. '-0', 'op', 'delete', 'id', ARGV[1], 'stamp', '')
redis.call('SET', KEYS[1], n)
local deleted = redis.call('DEL', KEYS[3])
redis.call('DEL', KEYS[4])
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('ZREM', KEYS[6], ARGV[1])
return deleted`;

/** Article writes on Redis: the records, their key indexes and the change-log entry in one Lua script. */
export function createRedisArticleWrites(options: {
  client: RedisClientType;
  prefix: string;
  tables: ArticleTables;
  retention: number;
}): ArticleWrites {
  const { client, tables } = options;
  const log = redisChangeKeys(options.prefix);
  const keys = (id: string) => [
    log.counter,
    log.stream,
    recordKeyOf(tables.articles, id),
    recordKeyOf(tables.stamps, id),
    indexKeyOf(tables.articles),
    indexKeyOf(tables.stamps),
  ];
  return {
    async put(id, article, stamp, change) {
      const n = await client.eval(PUT, {
        keys: keys(id),
        arguments: [id, article, stamp, change.stamp ?? '', String(options.retention)],
      });
      return Number(n);
    },
    async delete(id) {
      const deleted = await client.eval(DELETE, {
        keys: keys(id),
        arguments: [id, String(options.retention)],
      });
      return Number(deleted) > 0;
    },
  };
}
