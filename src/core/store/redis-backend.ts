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
  }
  return new OnSharedClient(client) as unknown as KeyvStoreAdapter;
}
