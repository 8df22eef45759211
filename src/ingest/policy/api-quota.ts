/**
 * A stated request quota (regulations.gov about 1,000 an hour, congress.gov 5,000 an hour) kept on our
 * side, so Policy Wire stays under it across every source and tenant that reads the same API. A 429 from
 * the API pauses the quota until its Retry-After, so the next source waits instead of asking again.
 */
export interface ApiQuota {
  /** Takes one request's place now, or says how long until one is free. */
  take(): { ok: true } | { ok: false; retryAfterMs: number };
  /** No request until `ms` from now (the API said so with a 429 and Retry-After). */
  pause(ms: number): void;
}

/** Creates a sliding-window quota of `perHour` requests; `now` is injected so tests can move time. */
export function createApiQuota(perHour: number, now: () => number = Date.now): ApiQuota {
  const windowMs = 3_600_000;
  const taken: number[] = [];
  let pausedUntil = 0;
  return {
    take() {
      const at = now();
      if (at < pausedUntil) return { ok: false, retryAfterMs: pausedUntil - at };
      while (taken.length > 0 && (taken[0] as number) <= at - windowMs) taken.shift();
      if (taken.length >= perHour) return { ok: false, retryAfterMs: (taken[0] as number) + windowMs - at };
      taken.push(at);
      return { ok: true };
    },
    pause(ms) {
      pausedUntil = Math.max(pausedUntil, now() + Math.max(0, ms));
    },
  };
}
