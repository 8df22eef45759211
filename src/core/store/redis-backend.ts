import KeyvRedis from '@keyv/redis';
import { createClient, type RedisClientType } from '@redis/client';
import type { KeyvStoreAdapter } from 'keyv';
import type { Backend, BackendOptions } from './backend.ts';
import { createRedisLedger } from './ledger-redis.ts';

/** The Redis backend: one client serves every namespace and the ledger. */
export async function openRedisBackend(options: BackendOptions): Promise<Backend> {
  const client = createClient({ url: options.url }) as RedisClientType;
  // With no listener a lost connection is an uncaught 'error'; the client reconnects by itself.
  client.on('error', (error: unknown) =>
    options.logger?.warn({ err: { message: (error as Error)?.message } }, 'store connection lost'),
  );
  await client.connect();
  const ledger = await createRedisLedger({ client, prefix: options.prefix });
  return {
    kind: 'redis',
    adapter: async () => sharedRedisAdapter(client),
    ledger,
    close: async () => {
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
