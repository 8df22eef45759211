/** The queues Policy Wire runs on its job engine: one per kind of distributed work. */
export type QueueName = 'poll' | 'digest';

/** One job to add. `id` names the unit of work: a second add with the same id is dropped by the engine. */
export interface JobSpec<T = unknown> {
  id: string;
  data: T;
  /** Start no sooner than this many ms from now (per-host spacing of polls). */
  delayMs?: number;
}

/** A job handed to this instance's worker. */
export interface QueuedJob<T = unknown> {
  id: string;
  data: T;
  /** 1 for the first run; higher after a failure or after the instance running it died. */
  attempt: number;
}

/** How many jobs of one queue are in each state, as `policywire status --json` shows them. */
export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** What a worker runs; a thrown error is a failed attempt, retried later with backoff. */
export type JobHandler<T = unknown> = (job: QueuedJob<T>) => Promise<void>;

/**
 * The distributed job engine shared by every instance on Redis (BullMQ) or PostgreSQL (pg-boss). Each
 * job runs on one instance at a time; a job whose instance died (its lock not renewed) is handed to
 * another, and a failed one is retried with exponential backoff. SQLite runs one instance and has none.
 */
export interface JobQueue {
  readonly engine: 'bullmq' | 'pg-boss';
  /** Adds jobs; returns how many were new (an id still queued, running or recently done is not added again). */
  enqueue<T>(queue: QueueName, jobs: JobSpec<T>[]): Promise<number>;
  /** Starts this instance's worker on a queue, running at most `concurrency` jobs at once. */
  work<T>(queue: QueueName, handler: JobHandler<T>, options: { concurrency: number }): Promise<void>;
  /** Jobs per state for every queue. */
  depths(): Promise<Record<QueueName, QueueDepth>>;
  /** Stops the workers (waiting for running jobs), then closes the engine's connections; safe to call twice. */
  close(): Promise<void>;
}

/** Engine settings shared by both implementations. */
export interface JobQueueTuning {
  /** How long a job stays with an instance that stopped renewing its lock before another takes it. */
  stallMs: number;
  /**
   * The longest a job may run. pg-boss has no lock renewal: a job active for longer is taken for dead and
   * retried, so this is also how soon a dead instance's job moves on there.
   */
  maxRunMs: number;
  /** Tries per job, the first included. */
  attempts: number;
  /** The first retry's delay; each further one doubles it. */
  backoffMs: number;
  /** How long finished jobs are kept, so a repeated add of the same id stays a no-op. */
  keepDoneMs: number;
}

/** Settings that suit production: a dead instance's job moves on within 30 s; done ids are kept a day. */
export const DEFAULT_JOB_TUNING: JobQueueTuning = {
  stallMs: 30_000,
  maxRunMs: 15 * 60_000,
  attempts: 8,
  backoffMs: 2_000,
  keepDoneMs: 24 * 3600_000,
};
