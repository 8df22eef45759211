import type { Logger } from '../../logger.ts';
import type { StoreHealth } from '../ports/store-health.ts';

/** Options of the store probe. */
export interface StoreHealthOptions {
  /** One cheap round trip (PING, SELECT 1); rejects or hangs when the store is away. */
  ping(): Promise<unknown>;
  logger?: Logger;
  /** Between probes while the store answers, and while it does not. */
  everyMs?: number;
  downEveryMs?: number;
  /** A probe slower than this counts as a failure. */
  timeoutMs?: number;
  /** At most one "still unreachable" line per this long. */
  logEveryMs?: number;
  now?: () => number;
}

/**
 * Probes the store in the background and logs an outage as one line when it starts, at most one line a
 * minute while it lasts, and one when the store is back: a down store no longer floods the logs.
 */
export function createStoreHealth(options: StoreHealthOptions): StoreHealth {
  const now = options.now ?? Date.now;
  // Generous: on a loaded machine a healthy store can take this long, and a false outage is worse than a
  // late one (a store that is down refuses at once, and that needs no timeout).
  const timeoutMs = options.timeoutMs ?? 1_500;
  const logEveryMs = options.logEveryMs ?? 60_000;
  let reachable = true;
  let downSince: number | undefined;
  let lastLog = 0;
  let lastProbe = 0;
  let probing: Promise<boolean> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const note = (ok: boolean, error?: unknown) => {
    const at = now();
    if (ok && !reachable) {
      options.logger?.info({ downMs: at - (downSince ?? at) }, 'store reachable again');
      downSince = undefined;
    } else if (!ok && reachable) {
      downSince = at;
      lastLog = at;
      options.logger?.warn({ err: { message: messageOf(error) } }, 'store unreachable');
    } else if (!ok && at - lastLog >= logEveryMs) {
      lastLog = at;
      options.logger?.warn({ downMs: at - (downSince ?? at) }, 'store still unreachable');
    }
    reachable = ok;
  };

  const probe = (): Promise<boolean> => {
    probing ??= (async () => {
      try {
        await withTimeout(options.ping(), timeoutMs);
        note(true);
      } catch (error) {
        note(false, error);
      } finally {
        lastProbe = now();
        probing = undefined;
      }
      return reachable;
    })();
    return probing;
  };

  const schedule = () => {
    if (closed) return;
    timer = setTimeout(
      () => void probe().finally(schedule),
      reachable ? (options.everyMs ?? 5_000) : (options.downEveryMs ?? 1_000),
    );
    timer.unref();
  };
  schedule();

  return {
    get reachable() {
      return reachable;
    },
    get downSince() {
      return downSince;
    },
    async check() {
      // Only a fresh "down" is reused: a command that just failed must not be told "up" from before.
      if (!reachable && now() - lastProbe < 1_000) return false;
      return probe();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** Resolves as `work` does, or rejects once `ms` pass without an answer; the timer never outlives it. */
async function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  let timeout: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      work,
      new Promise((_, reject) => {
        timeout = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timeout);
  }
}

function messageOf(error: unknown): string {
  // Message only: driver errors may carry connection parameters, password included.
  return error instanceof Error ? error.message : String(error);
}
