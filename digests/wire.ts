import type { Core } from '../src/core/core.ts';
import type { ChatAdapter } from '../src/core/ports/chat-adapter.ts';
import type { DeliveryLedger } from '../src/core/ports/delivery-ledger.ts';
import type { Platform } from '../src/core/tenant.ts';
import type { Logger } from '../src/logger.ts';
import { createDigestJob, type DigestJob, type DigestJobOptions } from './job.ts';
import type { DigestServices } from './services.ts';

/** What the composition root hands over to start digests; an App has all of it. */
export interface DigestHost {
  core: Core;
  digests: DigestServices;
  /** The ledger on the store's own connection (`stores.ledger`), shared by every instance. */
  stores: { ledger: DeliveryLedger };
  logger: Logger;
}

/** A running digest job. */
export interface RunningDigests {
  job: DigestJob;
  /** Stops the job and waits for deliveries in flight; the ledger closes with the stores. */
  stop(): Promise<void>;
}

/**
 * Starts the digest job for the given platforms' adapters, e.g. `{ console: consoleAdapter }` or
 * `{ slack, discord }`, on the store's delivery ledger.
 */
export function startDigests(
  host: DigestHost,
  adapters: Partial<Record<Platform, ChatAdapter>>,
  overrides: Partial<Omit<DigestJobOptions, 'core' | 'adapters' | 'ledger'>> = {},
): RunningDigests {
  const job = createDigestJob({
    core: host.core,
    services: overrides.services ?? host.digests,
    adapters,
    ledger: host.stores.ledger,
    logger: overrides.logger ?? host.logger,
    ...overrides,
  });
  job.start();
  return { job, stop: () => job.stop() };
}
