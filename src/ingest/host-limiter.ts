/** Caps how many requests run at once against one host, so a poll never hammers a publisher. */
export interface HostLimiter {
  /** Runs `work` once the host has a free place; a `signal` aborted while waiting leaves the queue and rejects. */
  run<T>(host: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Requests running now for a host (for tests and logs). */
  active(host: string): number;
}

/** Creates a per-host limiter; waiting requests start in arrival order. */
export function createHostLimiter(perHost: number): HostLimiter {
  const limit = Math.max(1, perHost);
  const running = new Map<string, number>();
  const waiting = new Map<string, (() => void)[]>();
  const release = (host: string) => {
    const next = waiting.get(host)?.shift();
    if (next) next();
    else {
      const count = (running.get(host) ?? 1) - 1;
      if (count <= 0) running.delete(host);
      else running.set(host, count);
    }
    if (waiting.get(host)?.length === 0) waiting.delete(host);
  };
  return {
    async run(host, work, signal) {
      const key = host.toLowerCase();
      signal?.throwIfAborted();
      if ((running.get(key) ?? 0) < limit) running.set(key, (running.get(key) ?? 0) + 1);
      else
        await new Promise<void>((resolve, reject) => {
          const onAbort = () => {
            // Leave the queue, so the place handed on later goes to a request that still wants it.
            const queue = waiting.get(key)?.filter((waiter) => waiter !== start) ?? [];
            if (queue.length > 0) waiting.set(key, queue);
            else waiting.delete(key);
            reject(signal?.reason);
          };
          const start = () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          };
          signal?.addEventListener('abort', onAbort, { once: true });
          waiting.set(key, [...(waiting.get(key) ?? []), start]);
        });
      try {
        return await work();
      } finally {
        release(key);
      }
    },
    active: (host) => running.get(host.toLowerCase()) ?? 0,
  };
}
