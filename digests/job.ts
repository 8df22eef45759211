import { hostname } from 'node:os';
import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Core } from '../src/core/core.ts';
import type { ChatAdapter } from '../src/core/ports/chat-adapter.ts';
import type { Clock } from '../src/core/ports/clock.ts';
import type { DeliveryLedger } from '../src/core/ports/delivery-ledger.ts';
import type { JobQueue } from '../src/core/ports/job-queue.ts';
import type { StoreHealth } from '../src/core/ports/store-health.ts';
import type { Platform } from '../src/core/tenant.ts';
import type { Logger } from '../src/logger.ts';
import { createChannelDelivery, type DigestRunReport } from './channel-delivery.ts';
import { DEFAULT_RETRY, type RetryPolicy } from './deliver.ts';
import type { DeliveryOutcomes } from './delivery-outcomes.ts';
import { createDeliveryRun } from './delivery-run.ts';
import { createDigestJobs } from './digest-jobs.ts';
import type { DigestServices } from './services.ts';
import { createStoryUpdates, type StoryUpdateReport } from './story-updates.ts';
import { logTickFailure } from './tick-errors.ts';

export type { DigestRunReport } from './channel-delivery.ts';

const MINUTE = 60_000;

/** Options of the digest job; everything but core, services, adapters, ledger and logger has a default. */
export interface DigestJobOptions {
  core: Core;
  services: DigestServices;
  /** The chat adapter of each platform this instance delivers to; subscriptions elsewhere are left alone. */
  adapters: Partial<Record<Platform, ChatAdapter>>;
  ledger: DeliveryLedger;
  logger: Logger;
  clock?: Clock;
  instanceId?: string;
  /** When the scheduler wakes up: every minute. Tests may use a seconds field. */
  cron?: string;
  /** Coordination key prefix shared by every instance. */
  name?: string;
  /** How long a claim lives; a delivery (retries included) must finish well within it. */
  leaseMs?: number;
  /** A digest posted this long after its time is marked late. */
  lateAfterMs?: number;
  /** News arriving in the last moments before a digest waits for the next one, so none slips between two. */
  settleMs?: number;
  retry?: RetryPolicy;
  /** Digests claimed and composed together. */
  chunkSize?: number;
  /** Posts in flight at once. */
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Told of failed and recovered deliveries (the incident alerts). */
  outcomes?: DeliveryOutcomes;
  /** The shared job engine (Redis, PostgreSQL): each due digest becomes one job that one instance works. */
  queue?: JobQueue;
}

/** The scheduled digest job: a cron tick every minute, a ledger so each digest goes out exactly once. */
export interface DigestJob {
  /** Starts the minute tick and runs one catch-up evaluation straight away. */
  start(): void;
  /** Stops ticking and waits for deliveries in flight. */
  stop(): Promise<void>;
  /** Evaluates due subscriptions now and delivers them. */
  runDue(): Promise<DigestRunReport>;
  /** Posts what changed in stories channels already received, as thread replies under their cards. */
  runUpdates(): Promise<StoryUpdateReport>;
  /** Resolves once no evaluation is running. */
  idle(): Promise<void>;
}

/** Creates the digest job. */
export function createDigestJob(options: DigestJobOptions): DigestJob {
  const { core, ledger, logger } = options;
  const clock = options.clock ?? core.clock;
  const owner =
    options.instanceId ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const log = logger.child({ part: 'digests', instance: owner });
  const inflight = new Set<Promise<unknown>>();
  let task: ScheduledTask | undefined;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inflight.add(work);
    void work.catch(() => undefined).finally(() => inflight.delete(work));
    return work;
  };

  const { deliverDue, updates, engine } = createDigestParts(options, { clock, log, owner, sleep });
  // Read once, before any I/O: every decision in this run is about this instant.
  const runDue = () => deliverDue.runDue(clock.now());
  const runUpdates = () => updates.run(clock.now());

  const tick = () => runTick({ engine, runDue, runUpdates, log, health: core.health });

  // Ticks elected by the coordinator but not yet started count as in flight, so idle() and stop() wait for them.
  const electedStarts: (() => void)[] = [];
  const coordinator = ledger.coordinator();
  const trackedCoordinator = trackCoordinator(coordinator, track, electedStarts);

  return {
    start() {
      if (task) return;
      if (engine) {
        // On a job engine every instance queues what is due; the engine hands each digest to one of them.
        void track(engine.start().then(tick));
        task = cron.schedule(options.cron ?? '* * * * *', () => track(tick()), {
          name: options.name ?? 'policywire-digests',
          noOverlap: true,
        });
        return;
      }
      task = createDistributedTask(options, trackedCoordinator, log, () => {
        const running = track(tick());
        electedStarts.shift()?.();
        return running;
      });
      void task.start();
      // Catch up at once on digests missed while the bot was down; the ledger keeps this to once.
      void track(tick());
    },
    async stop() {
      if (task) {
        await task.stop();
        await task.destroy();
        task = undefined;
      }
      await this.idle();
    },
    runDue: () => track(runDue()),
    runUpdates: () => track(runUpdates()),
    async idle() {
      while (inflight.size > 0) await Promise.allSettled([...inflight]);
    },
  };
}

/** What the digest job's parts are built with besides its options. */
interface DigestJobContext {
  clock: Clock;
  log: Logger;
  owner: string;
  sleep: (ms: number) => Promise<void>;
}

/** Builds the channel delivery, the delivery run, the story updates and (on a job engine) the digest jobs. */
function createDigestParts(options: DigestJobOptions, context: DigestJobContext) {
  const { core, services, ledger } = options;
  const { clock, log, owner, sleep } = context;
  const settled = new Map<string, string>();
  const channel = createChannelDelivery({
    services,
    adapters: options.adapters,
    ledger,
    clock,
    log,
    owner,
    lateAfterMs: options.lateAfterMs ?? 10 * MINUTE,
    retry: options.retry ?? DEFAULT_RETRY,
    sleep,
    settled,
    ...(options.outcomes ? { outcomes: options.outcomes } : {}),
  });
  const deliverDue = createDeliveryRun({
    core,
    services,
    ledger,
    channel,
    log,
    owner,
    delivers: (subscription) => Boolean(options.adapters[subscription.tenant.platform]),
    settled,
    leaseMs: options.leaseMs ?? 10 * MINUTE,
    settleMs: options.settleMs ?? 2 * MINUTE,
    chunkSize: options.chunkSize ?? 200,
    concurrency: options.concurrency ?? 4,
  });
  const updates = createStoryUpdates({
    core,
    services,
    adapters: options.adapters,
    ledger,
    log,
    owner,
    leaseMs: options.leaseMs ?? 10 * MINUTE,
  });
  const engine = options.queue
    ? createDigestJobs({
        queue: options.queue,
        run: deliverDue,
        now: () => clock.now(),
        log,
        leaseMs: options.leaseMs ?? 10 * MINUTE,
        concurrency: options.concurrency ?? 4,
      })
    : undefined;
  return { deliverDue, updates, engine };
}

/** One minute's work: queue (or deliver) what is due, then the story-update pass; never throws. */
async function runTick(steps: {
  engine: ReturnType<typeof createDigestParts>['engine'];
  runDue: () => Promise<DigestRunReport>;
  runUpdates: () => Promise<StoryUpdateReport>;
  log: Logger;
  health: StoreHealth;
}): Promise<void> {
  const { engine, runDue, runUpdates, log, health } = steps;
  try {
    // On a job engine the tick only queues what is due; the engine hands each digest to one instance.
    if (engine) await engine.enqueueDue();
    else {
      const report = await runDue();
      if (report.due > 0) log.debug(report, 'digest tick');
    }
  } catch (error) {
    await logTickFailure(health, log, error, 'digest tick failed');
  }
  try {
    const report = await runUpdates();
    if (report.posted.length > 0) log.info(report, 'story updates posted');
  } catch (error) {
    await logTickFailure(health, log, error, 'story update pass failed');
  }
}

/** A coordinator whose elected-but-not-started ticks are tracked, each released by the start it was elected for. */
function trackCoordinator(
  coordinator: RunCoordinator,
  track: <T>(work: Promise<T>) => Promise<T>,
  electedStarts: (() => void)[],
): RunCoordinator {
  return {
    shouldRun(key, ttlMs) {
      let release: () => void = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      void track(gate);
      return Promise.resolve(coordinator.shouldRun(key, ttlMs)).then(
        (elected) => {
          if (elected) electedStarts.push(release);
          else release();
          return elected;
        },
        (error: unknown) => {
          release();
          throw error;
        },
      );
    },
  };
}

/** The minute task without a job engine: node-cron elects one instance per tick through the ledger. */
function createDistributedTask(
  options: DigestJobOptions,
  runCoordinator: RunCoordinator,
  log: Logger,
  run: () => Promise<unknown>,
): ScheduledTask {
  return cron.createTask(options.cron ?? '* * * * *', run, {
    name: options.name ?? 'policywire-digests',
    distributed: true,
    runCoordinator,
    distributedLease: 5 * MINUTE,
    noOverlap: true,
    missedExecutionTolerance: 30_000,
    logger: {
      info: (message) => log.debug(message),
      warn: (message) => log.debug(message),
      error: (message, err) => log.error({ err: err ?? message }, 'node-cron error'),
      debug: (message) => log.trace(String(message)),
    },
  });
}
