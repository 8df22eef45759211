import type { JobQueue } from '../src/core/ports/job-queue.ts';
import type { Tenant } from '../src/core/tenant.ts';
import type { Logger } from '../src/logger.ts';
import { type DeliveryRun, emptyReport } from './delivery-run.ts';

/** One digest job: a subscription's digest for one local date. */
export interface DigestJobData {
  tenant: Tenant;
  channelId: string;
  localDate: string;
}

/** What the engine-driven digest delivery needs. */
export interface DigestJobsDeps {
  queue: JobQueue;
  run: DeliveryRun;
  now: () => Date;
  log: Logger;
  /** The ledger lease: a digest still unsettled after it gets a fresh job. */
  leaseMs: number;
  concurrency: number;
}

/** Digest delivery on a shared job engine. */
export interface DigestJobs {
  /** Starts this instance's worker. */
  start(): Promise<void>;
  /** Queues every digest due now; returns how many jobs were new. */
  enqueueDue(): Promise<number>;
}

/** A delivery held by another instance's live claim: the job fails and the engine retries it with backoff. */
class HeldElsewhere extends Error {}

/**
 * Each (subscription, local date) is one job. Its id also names the lease window it was queued in, so every
 * instance's tick in one window queues it once, and a digest left unsettled (its job failed for good) is
 * queued afresh in the next window. The ledger stays the exactly-once record: a job claims it before
 * composing, and a job that finds the digest settled does nothing.
 */
export function createDigestJobs(deps: DigestJobsDeps): DigestJobs {
  return {
    async start() {
      await deps.queue.work<DigestJobData>(
        'digest',
        async (job) => {
          const now = deps.now();
          const { tenant, channelId, localDate } = job.data;
          const item = await deps.run.findOne(tenant, channelId, localDate, now);
          if (!item) return;
          const report = emptyReport();
          report.due = 1;
          await deps.run.deliverItems([item], now, report);
          if (report.held > 0) throw new HeldElsewhere(`${item.key} is claimed by another instance`);
          if (report.crashed > 0) throw new Error(`${item.key} crashed while delivering`);
        },
        { concurrency: deps.concurrency },
      );
    },
    async enqueueDue() {
      const now = deps.now();
      const due = await deps.run.findDue(now);
      const window = Math.floor(now.getTime() / deps.leaseMs);
      const added = await deps.queue.enqueue<DigestJobData>(
        'digest',
        due.map((item) => ({
          id: `digest:${item.key}:${window}`,
          data: {
            tenant: item.subscription.tenant,
            channelId: item.subscription.channelId,
            localDate: item.occurrence.localDate,
          },
        })),
      );
      if (added > 0) deps.log.debug({ added, due: due.length }, 'digests queued');
      return added;
    },
  };
}
