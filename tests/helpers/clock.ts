import type { Clock } from '../../src/core/ports/clock.ts';

/** A clock fixed at a moment that tests can move. */
export function createFixedClock(start: Date | string): Clock & { set(at: Date | string): void } {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set: (at) => {
      current = new Date(at);
    },
  };
}
