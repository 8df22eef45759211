import type { JobQueue, JobSpec } from '../core/ports/job-queue.ts';
import type { TenantStore } from '../core/ports/tenant-store.ts';
import type { Source } from '../core/sources.ts';
import { type Tenant, tenantKey } from '../core/tenant.ts';
import type { Logger } from '../logger.ts';
import type { SourcePollResult } from './poll-source.ts';

/** The job that polls one source once: which tenant's source, read afresh when it runs. */
export interface PollJobData {
  tenant: Tenant;
  sourceId: string;
}

/** What the engine-driven poller needs. */
export interface PollJobsDeps {
  queue: JobQueue;
  sources: TenantStore<Source>;
  now: () => Date;
  isDue: (source: Source, now: Date) => boolean;
  pollSource: (tenant: Tenant, source: Source) => Promise<SourcePollResult>;
  log: Logger;
  /** How often this instance looks for due sources. */
  tickMs: number;
  /** Two polls of one host start at least this far apart, whichever instances run them. */
  hostSpacingMs: number;
  concurrency: number;
}

/** The poller on a shared job engine: every instance enqueues what is due; the engine runs each poll once. */
export interface PollJobs {
  start(): Promise<void>;
  /** Enqueues the sources due now; returns how many jobs were new. */
  enqueueDue(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * One poll is one job whose id names the source and the due time it answers (`nextPollAt`), so however
 * many instances see the source due, the engine queues it once; the poll moves `nextPollAt` on, and the
 * next due time is a new job. A job also re-reads its source and does nothing if it is no longer due.
 */
export function createPollJobs(deps: PollJobsDeps): PollJobs {
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<unknown> = Promise.resolve();

  const enqueueDue = async (): Promise<number> => {
    const now = deps.now();
    const perHost = new Map<string, number>();
    const jobs: JobSpec<PollJobData>[] = [];
    for await (const { tenant, value: source } of deps.sources.listAll()) {
      if (!deps.isDue(source, now)) continue;
      const host = hostOf(source.feedUrl ?? source.url);
      const place = perHost.get(host) ?? 0;
      perHost.set(host, place + 1);
      jobs.push({
        id: `poll:${tenantKey(tenant)}:${source.id}:${source.health.nextPollAt ?? source.createdAt}`,
        data: { tenant, sourceId: source.id },
        // The engine holds later polls of a busy host back, so one host is never hit by every source at once.
        delayMs: place * deps.hostSpacingMs,
      });
    }
    return deps.queue.enqueue('poll', jobs);
  };

  const tick = () => {
    ticking = enqueueDue().catch((error: unknown) =>
      deps.log.warn({ err: { message: (error as Error)?.message } }, 'could not queue due sources'),
    );
  };

  return {
    async start() {
      if (timer) return;
      await deps.queue.work<PollJobData>(
        'poll',
        async (job) => {
          const source = await deps.sources.get(job.data.tenant, job.data.sourceId);
          // Removed, or polled already by an earlier job for the same due time.
          if (!source || !deps.isDue(source, deps.now())) return;
          await deps.pollSource(job.data.tenant, source);
        },
        { concurrency: deps.concurrency },
      );
      timer = setInterval(tick, deps.tickMs);
      tick();
    },
    enqueueDue,
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await ticking;
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return url;
  }
}
