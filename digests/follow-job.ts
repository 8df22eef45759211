import { hostname } from 'node:os';
import cron, { type ScheduledTask } from 'node-cron';
import type { Core } from '../src/core/core.ts';
import type { Follow } from '../src/core/policy/follow-record.ts';
import { createPolicyCatalogue } from '../src/core/policy/policy-catalogue.ts';
import type { ChatAdapter } from '../src/core/ports/chat-adapter.ts';
import type { DeliveryLedger } from '../src/core/ports/delivery-ledger.ts';
import type { Platform, Tenant } from '../src/core/tenant.ts';
import { tenantKey } from '../src/core/tenant.ts';
import type { Logger } from '../src/logger.ts';
import { createFollowChecker, createLedgerPoster, type FollowRunReport } from './follow-check.ts';
import type { DigestJobOptions } from './job.ts';
import type { DigestServices } from './services.ts';
import { logTickFailure } from './tick-errors.ts';

export type { FollowRunReport } from './follow-check.ts';

/**
 * Options of the follow job: the digest job's own (core, services, adapters, the shared ledger on which
 * each card, change and reminder is claimed so it posts once, logger, clock, instance id, cron).
 */
export type FollowJobOptions = Pick<
  DigestJobOptions,
  'core' | 'services' | 'adapters' | 'ledger' | 'logger' | 'clock' | 'instanceId' | 'cron'
> & {
  /** How long a claim on one post lives before another instance may take it over. */
  leaseMs?: number;
};

/** Watches followed items: posts each one's card once, then every change and reminder once in its thread. */
export interface FollowJob {
  start(): void;
  stop(): Promise<void>;
  /** Checks every follow now. */
  runOnce(): Promise<FollowRunReport>;
}

/** Creates the follow job; it hooks in beside the digest job and shares its ledger. */
export function createFollowJob(options: FollowJobOptions): FollowJob {
  const { core, services, ledger } = options;
  const clock = options.clock ?? core.clock;
  const owner =
    options.instanceId ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const leaseMs = options.leaseMs ?? 2 * 60_000;
  const log = options.logger.child({ part: 'follows', instance: owner });
  const store = services.follows.follows;
  const catalogue = createPolicyCatalogue(core.articles);
  let task: ScheduledTask | undefined;
  let running: Promise<FollowRunReport> | undefined;

  const postOnce = createLedgerPoster({ adapters: options.adapters, ledger, owner, leaseMs, log });
  const checkFollow = createFollowChecker({ services, clock, postOnce });

  const run = async (): Promise<FollowRunReport> => {
    const report: FollowRunReport = { follows: 0, cards: 0, posted: 0, failed: 0 };
    const entries: { tenant: Tenant; id: string; value: Follow }[] = [];
    for await (const entry of store.listAll()) {
      if (options.adapters[entry.tenant.platform]) entries.push(entry);
    }
    if (entries.length === 0) return report;
    const all = await catalogue.read();
    for (const entry of entries) {
      report.follows++;
      try {
        await checkFollow(entry.tenant, entry.id, entry.value, all, report);
      } catch (error) {
        report.failed++;
        log.error(
          { err: error, tenant: tenantKey(entry.tenant), follow: entry.id },
          'checking a follow failed',
        );
      }
    }
    return report;
  };

  const runOnce = () => {
    // One run at a time per instance; a caller arriving mid-run waits for it and then runs its own.
    const previous = running ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(run);
    running = next;
    return next;
  };

  return {
    runOnce,
    start() {
      if (task) return;
      const tick = () =>
        runOnce().then(
          () => undefined,
          (error: unknown) => logTickFailure(core.health, log, error, 'follow run failed'),
        );
      task = cron.schedule(options.cron ?? '* * * * *', tick, {
        name: 'policywire-follows',
        noOverlap: true,
      });
    },
    async stop() {
      await task?.destroy();
      task = undefined;
      await running?.catch(() => undefined);
    },
  };
}

/** What starting the follow job needs; an App has all of it. */
export interface FollowHost {
  core: Core;
  digests: DigestServices;
  stores: { ledger: DeliveryLedger };
  logger: Logger;
}

/** Starts the follow job for the given adapters on the store's ledger; the caller registers its stop. */
export function startFollows(host: FollowHost, adapters: Partial<Record<Platform, ChatAdapter>>): FollowJob {
  const job = createFollowJob({
    core: host.core,
    services: host.digests,
    adapters,
    ledger: host.stores.ledger,
    logger: host.logger,
  });
  job.start();
  void job.runOnce().catch((error: unknown) => host.logger.error({ err: error }, 'first follow run failed'));
  return job;
}
