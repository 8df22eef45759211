/** Caps how many requests run at once against one host, so a poll never hammers a publisher. */
export interface HostLimiter {
  run<T>(host: string, work: () => Promise<T>): Promise<T>;
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
    async run(host, work) {
      const key = host.toLowerCase();
      if ((running.get(key) ?? 0) < limit) running.set(key, (running.get(key) ?? 0) + 1);
      else await new Promise<void>((resolve) => waiting.set(key, [...(waiting.get(key) ?? []), resolve]));
      try {
        return await work();
      } finally {
        release(key);
      }
    },
    active: (host) => running.get(host.toLowerCase()) ?? 0,
  };
}
