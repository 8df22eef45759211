import { describe, expect, it } from 'vitest';
import { createStoreHealth } from '../../../src/core/store/store-health.ts';
import { captureLogger } from '../../helpers/capture-logger.ts';

describe('store health probe', () => {
  it('logs an outage once, at most once a minute while it lasts, and once when the store is back', async () => {
    const { logger, lines } = captureLogger('info');
    let at = 1_000_000;
    let up = true;
    const health = createStoreHealth({
      ping: async () => {
        if (!up) throw new Error('connect ECONNREFUSED 127.0.0.1:6390');
      },
      logger,
      now: () => at,
      everyMs: 3_600_000,
    });
    expect(await health.check()).toBe(true);
    up = false;
    // Commands failing every few hundred milliseconds for 50 seconds.
    for (let i = 0; i < 200; i++) {
      at += 250;
      expect(await health.check()).toBe(false);
    }
    expect(lines.map((line) => line.msg)).toEqual(['store unreachable']);
    expect(health.downSince).toBe(1_000_250);
    at += 15_000;
    await health.check();
    expect(lines.map((line) => line.msg)).toEqual(['store unreachable', 'store still unreachable']);
    up = true;
    at += 2_000;
    expect(await health.check()).toBe(true);
    expect(lines.map((line) => line.msg)).toEqual([
      'store unreachable',
      'store still unreachable',
      'store reachable again',
    ]);
    expect(lines[2]).toMatchObject({ downMs: 66_750 });
    expect(health.downSince).toBeUndefined();
    health.close();
  });

  it('counts a ping that hangs past the timeout as down', async () => {
    const health = createStoreHealth({
      ping: () => new Promise(() => undefined),
      timeoutMs: 50,
      everyMs: 3_600_000,
    });
    expect(await health.check()).toBe(false);
    expect(health.reachable).toBe(false);
    health.close();
  });
});
