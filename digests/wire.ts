import type { Config } from '../src/config.ts';
import type { Core } from '../src/core/core.ts';
import type { ChatAdapter } from '../src/core/ports/chat-adapter.ts';
import type { Platform } from '../src/core/tenant.ts';
import type { Logger } from '../src/logger.ts';
import { createDigestJob, type DigestJob, type DigestJobOptions } from './job.ts';
import { openDeliveryLedger } from './open-ledger.ts';
import { digestServicesOf } from './services.ts';

/** What the composition root hands over to start digests; an App has all of it. */
export interface DigestHost {
  core: Core;
  config: Pick<Config, 'STORE_URL'>;
  logger: Logger;
  storePrefix?: string;
}

/** A running digest job and the ledger connection it owns. */
export interface RunningDigests {
  job: DigestJob;
  /** Stops the job, waits for deliveries in flight, closes the ledger. */
  stop(): Promise<void>;
}

/**
 * Opens the delivery ledger next to the store and starts the digest job for the given platforms' adapters,
 * e.g. `{ console: consoleAdapter }` or `{ slack, discord }`.
 */
export async function startDigests(
  host: DigestHost,
  adapters: Partial<Record<Platform, ChatAdapter>>,
  overrides: Partial<Omit<DigestJobOptions, 'core' | 'adapters' | 'ledger'>> = {},
): Promise<RunningDigests> {
  const ledger = await openDeliveryLedger({
    url: host.config.STORE_URL,
    prefix: host.storePrefix,
    logger: host.logger,
  });
  const job = createDigestJob({
    core: host.core,
    services: overrides.services ?? digestServicesOf(host.core),
    adapters,
    ledger,
    logger: overrides.logger ?? host.logger,
    ...overrides,
  });
  job.start();
  return {
    job,
    async stop() {
      await job.stop();
      await ledger.close();
    },
  };
}
