import PgBoss from 'pg-boss';
import type { Logger } from '../../logger.ts';
import type { JobHandler, JobQueue, JobQueueTuning, QueueDepth, QueueName } from '../ports/job-queue.ts';
import { engineJobId } from './job-id.ts';

/** What the pg-boss engine is opened with. */
export interface PgBossQueueOptions {
  url: string;
  /** The store prefix: the engine's tables live in the schema `${prefix}_jobs`. */
  prefix: string;
  logger: Logger;
  tuning: JobQueueTuning;
}

const QUEUES: QueueName[] = ['poll', 'digest'];

/** The schema pg-boss installs its tables in, one per store prefix. */
export function pgBossSchema(prefix: string): string {
  return `${prefix.toLowerCase()}_jobs`.slice(0, 50);
}

/**
 * The job engine on PostgreSQL: a pg-boss queue per kind of work. Workers fetch with `FOR UPDATE SKIP
 * LOCKED`, so each job goes to one instance; a job active longer than maxRunMs (its instance died) is
 * expired by pg-boss's maintenance and retried; failures retry with exponential backoff; a job sent with
 * an id already in the job table is dropped (`ON CONFLICT DO NOTHING`).
 */
export async function createPgBossQueue(options: PgBossQueueOptions): Promise<JobQueue> {
  const log = options.logger.child({ part: 'jobs', engine: 'pg-boss' });
  const schema = pgBossSchema(options.prefix);
  const boss = await startBoss(options, schema, log);
  let closed = false;

  return {
    engine: 'pg-boss',
    async enqueue(name, jobs) {
      let added = 0;
      for (const job of jobs) {
        const id = await boss.send(
          name,
          { key: job.id, data: job.data as object },
          {
            id: engineJobId(job.id, 'uuid'),
            ...(job.delayMs && job.delayMs > 0 ? { startAfter: Math.ceil(job.delayMs / 1000) } : {}),
          },
        );
        if (id) added++;
      }
      return added;
    },
    async work<T>(name: QueueName, handler: JobHandler<T>, { concurrency }: { concurrency: number }) {
      // pg-boss 10 runs one fetch loop per work(); several loops make the concurrency.
      for (let loop = 0; loop < Math.max(1, concurrency); loop++) {
        await boss.work<{ key: string; data: T }>(
          name,
          { batchSize: 1, pollingIntervalSeconds: 0.5, includeMetadata: true },
          async (jobs) => {
            for (const job of jobs) {
              await handler({ id: job.data.key, data: job.data.data, attempt: job.retryCount + 1 });
            }
          },
        );
      }
    },
    depths: () => depthsOf(boss, schema),
    async close() {
      if (closed) return;
      closed = true;
      // graceful: running handlers finish before the pool closes.
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 }).catch(() => undefined);
    },
  };
}

/** Starts pg-boss in `schema` and makes sure every queue exists with the engine's retry and expiry. */
async function startBoss(options: PgBossQueueOptions, schema: string, log: Logger): Promise<PgBoss> {
  const { tuning } = options;
  const expireInSeconds = Math.max(1, Math.round(tuning.maxRunMs / 1000));
  const boss = new PgBoss({
    connectionString: options.url,
    schema,
    max: 4,
    schedule: false,
    // Expiry is checked at maintenance: often enough that a dead instance's job moves on soon after maxRunMs.
    maintenanceIntervalSeconds: Math.max(1, Math.min(120, Math.round(expireInSeconds / 2))),
    archiveCompletedAfterSeconds: Math.max(60, Math.round(tuning.keepDoneMs / 1000)),
  });
  // Message only: pg's errors can carry connection parameters.
  boss.on('error', (error) => log.debug({ err: { message: error.message } }, 'job engine error'));
  await boss.start();
  for (const name of QUEUES) {
    const settings = {
      name,
      policy: 'standard' as const,
      retryLimit: tuning.attempts - 1,
      retryDelay: Math.max(1, Math.round(tuning.backoffMs / 1000)),
      retryBackoff: true,
      expireInSeconds,
    };
    await ensureQueue(boss, name, settings);
  }
  return boss;
}

/**
 * Creates a queue unless it exists. Instances starting together race to create it: the loser's insert
 * fails, and the winner's transaction (a table partition and a row) may not be visible yet, so the loser
 * looks again a few times before it gives up (seen under load: three bots starting at once on PostgreSQL).
 */
async function ensureQueue(boss: PgBoss, name: string, settings: Parameters<PgBoss['createQueue']>[1]) {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(name, settings);
      return;
    } catch (error) {
      if (await boss.getQueue(name).catch(() => null)) return;
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}

/** How many jobs of each queue wait, run, are delayed or failed, in one query over pg-boss's job table. */
async function depthsOf(boss: PgBoss, schema: string): Promise<Record<QueueName, QueueDepth>> {
  const { rows } = await boss.getDb().executeSql(
    `SELECT name,
       count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now()) AS waiting,
       count(*) FILTER (WHERE state IN ('created', 'retry') AND start_after > now()) AS delayed,
       count(*) FILTER (WHERE state = 'active') AS active,
       count(*) FILTER (WHERE state = 'failed') AS failed
     FROM ${schema}.job GROUP BY name`,
    [],
  );
  const depths = Object.fromEntries(
    QUEUES.map((name) => [name, { waiting: 0, active: 0, delayed: 0, failed: 0 }]),
  ) as Record<QueueName, QueueDepth>;
  for (const row of rows as Record<string, string>[]) {
    const name = row.name as QueueName;
    if (!depths[name]) continue;
    depths[name] = {
      waiting: Number(row.waiting),
      active: Number(row.active),
      delayed: Number(row.delayed),
      failed: Number(row.failed),
    };
  }
  return depths;
}
