import { createClient, type RedisClientType } from '@redis/client';
import { Queue, Worker } from 'bullmq';
import type { Logger } from '../../logger.ts';
import type {
  JobHandler,
  JobQueue,
  JobQueueTuning,
  JobSpec,
  QueueDepth,
  QueueName,
} from '../ports/job-queue.ts';
import { engineJobId } from './job-id.ts';

/** What the BullMQ engine is opened with. */
export interface BullmqQueueOptions {
  url: string;
  /** The store prefix: every key of this engine starts `${prefix}:jobs:`. */
  prefix: string;
  logger: Logger;
  tuning: JobQueueTuning;
}

const QUEUES: QueueName[] = ['poll', 'digest'];

/**
 * The job engine on Redis: a BullMQ queue per kind of work. BullMQ's lock (renewed while the worker lives,
 * `lockDuration` = stallMs) and its stalled-job check hand a dead instance's job to another; `attempts`
 * with exponential backoff retries a failed one; `jobId` makes a repeated add a no-op.
 */
export async function createBullmqQueue(options: BullmqQueueOptions): Promise<JobQueue> {
  const { tuning } = options;
  const log = options.logger.child({ part: 'jobs', engine: 'bullmq' });
  const prefix = `${options.prefix}:jobs`;
  const clients: RedisClientType[] = [];
  const connect = async (): Promise<RedisClientType> => {
    const client = createClient({ url: options.url }) as RedisClientType;
    client.on('error', (error: unknown) =>
      log.debug({ err: { message: (error as Error)?.message } }, 'job engine connection error'),
    );
    await client.connect();
    clients.push(client);
    return client;
  };
  const producer = await connect();
  const queues = new Map<QueueName, Queue>();
  for (const name of QUEUES) {
    const queue = new Queue(name, { connection: producer as never, prefix });
    queue.on('error', (error) => log.debug({ err: { message: error.message }, queue: name }, 'queue error'));
    queues.set(name, queue);
  }
  const workers: Worker[] = [];
  let closed = false;

  return {
    engine: 'bullmq',
    async enqueue(name, jobs) {
      if (jobs.length === 0) return 0;
      return addJobs(queues.get(name)!, name, jobs, tuning);
    },
    async work<T>(name: QueueName, handler: JobHandler<T>, { concurrency }: { concurrency: number }) {
      const worker = new Worker(
        name,
        async (job) => {
          const payload = job.data as { key: string; data: T };
          await handler({ id: payload.key, data: payload.data, attempt: job.attemptsMade + 1 });
        },
        {
          connection: (await connect()) as never,
          prefix,
          concurrency,
          lockDuration: tuning.stallMs,
          stalledInterval: Math.max(500, Math.round(tuning.stallMs / 2)),
          // A job whose instance died counts as stalled, not failed: it is retried up to the attempts.
          maxStalledCount: tuning.attempts,
        },
      );
      worker.on('error', (error) =>
        log.debug({ err: { message: error.message }, queue: name }, 'worker error'),
      );
      worker.on('failed', (job, error) =>
        log.warn(
          { queue: name, key: (job?.data as { key?: string })?.key, err: error.message },
          'job failed',
        ),
      );
      workers.push(worker);
    },
    async depths() {
      const entries = await Promise.all(
        QUEUES.map(
          async (name): Promise<[QueueName, QueueDepth]> => [name, await depthOf(queues.get(name)!)],
        ),
      );
      return Object.fromEntries(entries) as Record<QueueName, QueueDepth>;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled(workers.map((worker) => worker.close()));
      await Promise.allSettled([...queues.values()].map((queue) => queue.close()));
      await Promise.allSettled(clients.map((client) => client.quit().catch(() => client.destroy())));
    },
  };
}

/** Adds `jobs` to `queue` with the engine's retry and retention settings; how many were new. */
async function addJobs<T>(
  queue: Queue,
  name: QueueName,
  jobs: JobSpec<T>[],
  tuning: JobQueueTuning,
): Promise<number> {
  const keepSeconds = Math.ceil(tuning.keepDoneMs / 1000);
  const before = Date.now();
  const added = await queue.addBulk(
    jobs.map((job) => ({
      name,
      data: { key: job.id, data: job.data },
      opts: {
        jobId: engineJobId(job.id, 'hex'),
        attempts: tuning.attempts,
        backoff: { type: 'exponential', delay: tuning.backoffMs },
        removeOnComplete: { age: keepSeconds },
        removeOnFail: { age: keepSeconds },
        ...(job.delayMs && job.delayMs > 0 ? { delay: Math.round(job.delayMs) } : {}),
      },
    })),
  );
  // BullMQ answers a duplicate id with the job already there, stamped when that one was added.
  return added.filter((job) => job.timestamp >= before).length;
}

/** How many jobs of `queue` wait, run, are delayed or failed (prioritized jobs count as waiting). */
async function depthOf(queue: Queue): Promise<QueueDepth> {
  const counts = await queue.getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed');
  return {
    waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
    active: counts.active ?? 0,
    delayed: counts.delayed ?? 0,
    failed: counts.failed ?? 0,
  };
}
