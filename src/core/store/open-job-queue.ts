import type { Logger } from '../../logger.ts';
import type { JobQueue, JobQueueTuning } from '../ports/job-queue.ts';
import type { StoreKind } from '../ports/stores.ts';

/** Where the job engine lives: the store's own server, under the store's prefix. */
export interface JobQueueTarget {
  kind: StoreKind;
  url: string;
  prefix: string;
  logger: Logger;
  tuning: JobQueueTuning;
}

/**
 * Opens the engine that suits the store: BullMQ on Redis, pg-boss on PostgreSQL, none on SQLite (one
 * instance, which polls and delivers in process). Each engine is loaded only when it is used.
 */
export async function openJobQueue(target: JobQueueTarget): Promise<JobQueue | undefined> {
  if (target.kind === 'redis') {
    const { createBullmqQueue } = await import('./job-queue-bullmq.ts');
    return createBullmqQueue(target);
  }
  if (target.kind === 'postgres') {
    const { createPgBossQueue } = await import('./job-queue-pgboss.ts');
    return createPgBossQueue(target);
  }
  return undefined;
}
