import { storeKindOf } from '../src/core/store/keyv-stores.ts';
import type { Logger } from '../src/logger.ts';
import type { DeliveryLedger } from './ledger.ts';
import { createPostgresLedger } from './ledger-postgres.ts';
import { createRedisLedger } from './ledger-redis.ts';
import { createSqliteLedger } from './ledger-sqlite.ts';

/** Opens the delivery ledger on the same backend and location as STORE_URL, so every instance shares it. */
export async function openDeliveryLedger(options: {
  url: string;
  prefix?: string;
  logger?: Logger;
  now?: () => number;
}): Promise<DeliveryLedger> {
  const kind = storeKindOf(options.url);
  if (kind === 'sqlite')
    return createSqliteLedger({
      path: options.url.replace(/^sqlite:\/\//, ''),
      prefix: options.prefix,
      now: options.now,
    });
  if (kind === 'postgres')
    return createPostgresLedger({ url: options.url, prefix: options.prefix, now: options.now });
  return createRedisLedger({ url: options.url, prefix: options.prefix, logger: options.logger });
}
