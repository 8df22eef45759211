import type { StoreHealth } from '../src/core/ports/store-health.ts';
import type { Logger } from '../src/logger.ts';

/**
 * Logs a scheduled pass's failure: as an error when the store answers, else at debug level, because the
 * store's probe already logs an outage once and a line per job per minute would bury it.
 */
export async function logTickFailure(health: StoreHealth, log: Logger, error: unknown, what: string) {
  const up = await health.check().catch(() => false);
  if (up) log.error({ err: error }, what);
  else log.debug({ err: error }, `${what} (the store is unreachable)`);
}
