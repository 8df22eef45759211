import { hostname } from 'node:os';
import type { ChatAdapter } from '../src/core/ports/chat-adapter.ts';
import type { Platform } from '../src/core/tenant.ts';
import { createIncidentAlerts, type IncidentAlerts } from './alerts/incident-alerts.ts';
import { createMentionJob, type MentionJob } from './mentions/mention-job.ts';
import type { DigestHost } from './wire.ts';

/** The alerts and mentions of a running bot. */
export interface RunningNotifications {
  alerts: IncidentAlerts;
  mentions: MentionJob;
  /** One pass of both: what the minute timer runs. */
  tick(): Promise<void>;
  /** Stops the timer and waits for a pass in flight. */
  stop(): Promise<void>;
}

/** Options of the notifications; tests shorten or stop the timer. */
export interface NotificationOptions {
  /** How often sources are checked and mentions looked for; 0 starts no timer. */
  intervalMs?: number;
  instanceId?: string;
}

/**
 * Starts the incident alerts (a sweep of sources and followed items every minute; the digest job reports deliveries through
 * `alerts.outcomes`) and the mention notifications, on the shared ledger. One instance is elected per
 * minute for the sweep; every DM and mention is claimed in the ledger anyway, so none goes out twice.
 */
export function startNotifications(
  host: DigestHost,
  adapters: Partial<Record<Platform, ChatAdapter>>,
  options: NotificationOptions = {},
): RunningNotifications {
  const owner =
    options.instanceId ?? `${hostname()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const logger = host.logger.child({ part: 'notifications' });
  const common = { adapters, ledger: host.stores.ledger, clock: host.core.clock, logger, owner };
  const alerts = createIncidentAlerts({
    ...common,
    incidents: host.digests.incidents,
    sources: host.core.sources,
    follows: host.digests.follows.follows,
  });
  const mentions = createMentionJob({ ...common, services: host.digests, stores: host.digests.mentions });
  const coordinator = host.stores.ledger.coordinator();
  let running: Promise<void> | undefined;

  const pass = async () => {
    const minute = host.core.clock.now().toISOString().slice(0, 16);
    if (!(await coordinator.shouldRun(`policywire-notifications:${minute}`, 55_000))) return;
    await alerts
      .sweepSources()
      .catch((error: unknown) => logger.error({ err: error }, 'source sweep failed'));
    await alerts
      .sweepFollows()
      .catch((error: unknown) => logger.error({ err: error }, 'follow sweep failed'));
    await mentions.run().catch((error: unknown) => logger.error({ err: error }, 'mention run failed'));
  };
  const tick = async () => {
    // A pass still running when the next minute comes is not doubled.
    running ??= pass()
      .catch((error: unknown) => logger.error({ err: error }, 'notification pass failed'))
      .finally(() => {
        running = undefined;
      });
    await running;
  };
  const interval = options.intervalMs ?? 60_000;
  const timer = interval > 0 ? setInterval(() => void tick(), interval) : undefined;
  timer?.unref();
  return {
    alerts,
    mentions,
    tick,
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
