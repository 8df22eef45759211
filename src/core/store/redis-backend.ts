import { createClient, type RedisClientType } from '@redis/client';
import { createRedisArticleWrites } from './article-writes-redis.ts';
import { type Backend, type BackendOptions, DEFAULT_CHANGE_LOG_RETENTION } from './backend.ts';
import { createRedisChangeLog } from './change-log-redis.ts';
import { createRedisLedger } from './ledger-redis.ts';
import { indexedKeys, indexedRedisAdapter } from './redis-key-index.ts';

/** The Redis backend: one client serves every namespace and the ledger. */
export async function openRedisBackend(options: BackendOptions): Promise<Backend> {
  // No offline queue: while the server is away a command fails at once (and the user is told) instead of
  // waiting, unanswered, for a reconnect that may take minutes.
  const client = createClient({ url: options.url, disableOfflineQueue: true }) as RedisClientType;
  // With no listener a lost connection is an uncaught 'error'; the client reconnects by itself. It emits
  // one per reconnect attempt, so the outage itself is logged by the store probe, throttled.
  client.on('error', (error: unknown) =>
    options.logger?.debug({ err: { message: (error as Error)?.message } }, 'store connection error'),
  );
  await client.connect();
  const ledger = await createRedisLedger({ client, prefix: options.prefix });
  const retention = options.changeLogRetention ?? DEFAULT_CHANGE_LOG_RETENTION;
  const changeLog = createRedisChangeLog({
    client,
    prefix: options.prefix,
    retention,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    kind: 'redis',
    adapter: (table) => indexedRedisAdapter(client, table),
    articleWrites: (tables) =>
      createRedisArticleWrites({ client, prefix: options.prefix, tables, retention }),
    listKeys: (table, prefix) => indexedKeys(client, table, prefix),
    ledger,
    changeLog,
    ping: () => client.ping(),
    close: async () => {
      await changeLog.close();
      await ledger.close();
      await client.quit().catch(() => client.destroy());
    },
  };
}
