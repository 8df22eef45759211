import type { Clock } from '../src/core/clock.ts';
import type { Core } from '../src/core/core.ts';
import type { ChatAdapter } from '../src/core/ports/chat-adapter.ts';
import type { Platform } from '../src/core/tenant.ts';
import type { Logger } from '../src/logger.ts';
import type { RetryPolicy } from './deliver.ts';
import type { DeliveryLedger } from './ledger.ts';
import type { DigestServices } from './services.ts';

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
}

/** What one evaluation of due subscriptions did. */
export interface DigestRunReport {
  due: number;
  delivered: string[];
  skipped: number;
  failed: number;
  held: number;
  late: number;
}

/** The scheduled digest job: a cron tick every minute, a ledger so each digest goes out exactly once. */
export interface DigestJob {
  /** Starts the minute tick and runs one catch-up evaluation straight away. */
  start(): void;
  /** Stops ticking and waits for deliveries in flight. */
  stop(): Promise<void>;
  /** Evaluates due subscriptions now and delivers them. */
  runDue(): Promise<DigestRunReport>;
  /** Resolves once no evaluation is running. */
  idle(): Promise<void>;
}

/** Newest ids first, without repeats, capped so a channel's memory stays small. */
export function mergeIds(fresh: string[], old: string[], cap: number): string[] {
  return [...new Set([...fresh, ...old])].slice(0, cap);
}

/** Runs `work` over the items with at most `limit` in flight, in item order. */
export async function runLimited<T>(
  limit: number,
  items: T[],
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
