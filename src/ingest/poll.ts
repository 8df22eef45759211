import cron, { type ScheduledTask } from 'node-cron';
import pMap from 'p-map';
import type { Clock } from '../core/ports/clock.ts';
import type { JobQueue } from '../core/ports/job-queue.ts';
import type { TenantStore } from '../core/ports/tenant-store.ts';
import { type Source, sourceIdFor } from '../core/sources.ts';
import { createPollJobs } from './poll-jobs.ts';
import { createSourcePoller, type PollerDeps, type SourcePollResult, STARTER_TENANT } from './poll-source.ts';

export { backoffMs, type PollerDeps, type SourcePollResult, STARTER_TENANT } from './poll-source.ts';

import type { Tenant } from '../core/tenant.ts';
import type { OpmlSource } from './opml.ts';

/**
 * Polls due sources. `start` runs it every minute under node-cron with noOverlap, or, given a job engine
 * (Redis or PostgreSQL), queues each due source as a job that exactly one instance runs.
 */
export interface Poller {
  pollDue(options?: { all?: boolean }): Promise<SourcePollResult[]>;
  pollSource(tenant: Tenant, source: Source): Promise<SourcePollResult>;
  start(expression?: string): void;
  stop(): Promise<void>;
}

/** The job engine settings of a poller shared by several instances. */
export interface PollerEngine {
  queue: JobQueue;
  /** How often each instance looks for due sources; 60 s by default. */
  tickMs?: number;
  /** Spacing between two polls of one host; 2 s by default. */
  hostSpacingMs?: number;
}

/** True when a source should be polled now. */
export function isDue(source: Source, now: Date): boolean {
  const next = source.health.nextPollAt;
  return !next || Date.parse(next) <= now.getTime();
}

/** Creates the poller the composition root starts and `policywire poll` runs once. */
export function createPoller(deps: PollerDeps, engine?: PollerEngine): Poller {
  let task: ScheduledTask | undefined;
  const log = deps.logger.child({ part: 'poller' });

  const pollSource = createSourcePoller(deps, log);
  const jobs = engine
    ? createPollJobs({
        queue: engine.queue,
        sources: deps.sources,
        now: () => deps.clock.now(),
        isDue,
        pollSource,
        log,
        tickMs: engine.tickMs ?? 60_000,
        hostSpacingMs: engine.hostSpacingMs ?? 2_000,
        concurrency: Math.max(1, deps.concurrency ?? 4),
      })
    : undefined;

  async function pollDue(options: { all?: boolean } = {}): Promise<SourcePollResult[]> {
    const now = deps.clock.now();
    const due: { tenant: Tenant; source: Source }[] = [];
    try {
      for await (const entry of deps.sources.listAll()) {
        if (options.all || isDue(entry.value, now)) due.push({ tenant: entry.tenant, source: entry.value });
      }
    } catch (error) {
      log.error({ err: error }, 'could not list sources');
      return [];
    }
    const results: SourcePollResult[] = [];
    await pMap(
      due,
      async (job: { tenant: Tenant; source: Source }) => {
        try {
          results.push(await pollSource(job.tenant, job.source));
        } catch (error) {
          // pollSource does not throw; this is the last line of defence for the poller itself.
          log.error({ err: error, source: job.source.url }, 'poll crashed for one source');
        }
      },
      { concurrency: Math.max(1, deps.concurrency ?? 4) },
    );
    return results;
  }

  return {
    pollDue,
    pollSource,
    start(expression = '* * * * *') {
      if (jobs) {
        jobs.start().catch((error: unknown) => log.error({ err: error }, 'could not start the poll worker'));
        return;
      }
      if (task) return;
      task = cron.schedule(
        expression,
        async () => {
          try {
            await pollDue();
          } catch (error) {
            log.error({ err: error }, 'poll run failed');
          }
        },
        { name: 'policywire-poll', noOverlap: true },
      );
    },
    async stop() {
      await jobs?.stop();
      await task?.destroy();
      task = undefined;
    },
  };
}

/** Adds the starter OPML's sources as public sources once; existing ones keep their health. */
export async function loadStarterSources(
  store: TenantStore<Source>,
  starters: OpmlSource[],
  clock: Clock,
  intervalMinutes: number,
): Promise<number> {
  let added = 0;
  for (const starter of starters) {
    const id = sourceIdFor(starter.url);
    if (await store.get(STARTER_TENANT, id)) continue;
    await store.put(STARTER_TENANT, id, {
      id,
      url: starter.url,
      name: starter.name.slice(0, 100),
      intervalMinutes,
      createdAt: clock.now().toISOString(),
      addedBy: 'starter.opml',
      health: { itemsSeen: 0, failures: 0 },
    });
    added += 1;
  }
  return added;
}
