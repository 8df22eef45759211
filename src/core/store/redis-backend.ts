import KeyvRedis from '@keyv/redis';
import { createClient, type RedisClientType } from '@redis/client';
import type { KeyvStoreAdapter } from 'keyv';
import { type Backend, type BackendOptions, DEFAULT_CHANGE_LOG_RETENTION } from './backend.ts';
import { createRedisChangeLog } from './change-log-redis.ts';
import { createRedisLedger } from './ledger-redis.ts';

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
  const changeLog = createRedisChangeLog({
    client,
    prefix: options.prefix,
    retention: options.changeLogRetention ?? DEFAULT_CHANGE_LOG_RETENTION,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  return {
    kind: 'redis',
    adapter: async () => sharedRedisAdapter(client),
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

/** @keyv/redis on the shared client; its disconnect would quit that client for everyone, so it does nothing. */
function sharedRedisAdapter(client: RedisClientType): KeyvStoreAdapter {
  class OnSharedClient extends KeyvRedis<unknown> {
    override async disconnect() {}
    /**
     * The adapter's own iterator SCANs with Redis's default COUNT of 10: listing one namespace walks the
     * whole keyspace ten keys per round trip (some 20,000 round trips at 100k articles, for every list of
     * a tenant namespace, several per /news). Same walk, ten thousand keys per trip, one MGET per page.
     */
    override async *iterator<U = unknown>(namespace?: string): AsyncGenerator<[string, U | undefined], void> {
      const match = namespace ? `${namespace}:*` : '*';
      let cursor = '0';
      do {
        const page = await client.scan(cursor, { MATCH: match, TYPE: 'string', COUNT: 10_000 });
        cursor = page.cursor.toString();
        if (page.keys.length === 0) continue;
        // Raw stored strings, as the adapter's own iterator yields them: keyv deserializes them.
        const values = await client.mGet(page.keys);
        for (const [i, key] of page.keys.entries())
          yield [this.getKeyWithoutPrefix(key, namespace), (values[i] ?? undefined) as U | undefined];
      } while (cursor !== '0');
    }
  }
  return new OnSharedClient(client) as unknown as KeyvStoreAdapter;
}
