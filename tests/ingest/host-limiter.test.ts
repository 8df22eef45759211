import { describe, expect, it } from 'vitest';
import { createHostLimiter } from '../../src/ingest/host-limiter.ts';

describe('host limiter', () => {
  it('runs at most N requests at once per host, the rest in arrival order, other hosts unaffected', async () => {
    const limiter = createHostLimiter(2);
    const order: string[] = [];
    let peak = 0;
    const releases: (() => void)[] = [];
    const job = (host: string, name: string) =>
      limiter.run(host, async () => {
        order.push(name);
        peak = Math.max(peak, limiter.active('a.example'));
        await new Promise<void>((resolve) => releases.push(resolve));
      });
    const all = [
      job('a.example', 'a1'),
      job('A.example', 'a2'),
      job('a.example', 'a3'),
      job('b.example', 'b1'),
    ];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['a1', 'a2', 'b1']);
    releases.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual(['a1', 'a2', 'b1', 'a3']);
    for (const release of releases.splice(0)) release();
    await new Promise((resolve) => setTimeout(resolve, 10));
    for (const release of releases.splice(0)) release();
    await Promise.all(all);
    expect(peak).toBe(2);
    expect(limiter.active('a.example')).toBe(0);
  });
});
