import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/core/system-clock.ts';
import { makeArticle } from '../helpers/articles.ts';
import { runCli } from '../helpers/cli.ts';
import { pngStats } from '../helpers/png-stats.ts';
import { createTestCore, tempDir } from '../helpers/temp-store.ts';

const temp = tempDir('pw-cli-chart-');
const storeUrl = `sqlite://${join(temp.dir, 'store.sqlite')}`;

beforeAll(async () => {
  // The test core's prefix is the default one the CLI opens, as a real install does.
  const { core, close } = await createTestCore({ dir: temp.dir, clock: systemClock });
  const today = Date.now();
  for (let i = 0; i < 12; i += 1)
    await core.articles.put(
      makeArticle(`c${i}`, {
        topics: ['ai-regulation'],
        publishedAt: new Date(today - (i % 6) * 86_400_000).toISOString(),
      }),
    );
  await close();
});
afterAll(() => temp.cleanup());

describe('policywire chart', () => {
  it('writes a PNG of the topic’s stories per day and prints its path and the week comparison', () => {
    const out = join(temp.dir, 'ai.png');
    const result = runCli(['chart', 'ai-regulation', '--out', out], { STORE_URL: storeUrl });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(out);
    expect(result.stdout).toContain('12 this week against 0 last week (new)');
    const stats = pngStats(readFileSync(out), { thisWeek: '#d9541e' });
    expect(stats.width).toBeGreaterThan(1000);
    expect(stats.near.thisWeek!).toBeGreaterThan(0.01);
  });

  it('refuses a --days outside 14 to 365 with the reason and exit code 2, writing nothing', () => {
    const out = join(temp.dir, 'bad.png');
    const result = runCli(['chart', 'ai-regulation', '--days', '5000', '--out', out], {
      STORE_URL: storeUrl,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--days "5000" must be a whole number from 14 to 365');
    expect(existsSync(out)).toBe(false);
  });

  it('asks for --out when it is missing', () => {
    const result = runCli(['chart', 'ai-regulation'], { STORE_URL: storeUrl });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('usage: policywire chart');
  });
});
