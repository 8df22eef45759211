import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVegaChartRenderer } from '../../../src/charts/vega-chart-renderer.ts';
import { digestWithChart, expectReceivedChart } from '../../helpers/chart-replies.ts';
import { createTestCore, type TestCore, tempDir } from '../../helpers/temp-store.ts';
import { consoleOn } from './harness.ts';

describe('console digest with a chart', () => {
  let t: TestCore;
  const images = tempDir('pw-console-images-');
  beforeAll(async () => {
    t = await createTestCore();
  });
  afterAll(async () => {
    await t.close();
    images.cleanup();
  });

  it('writes the PNG to a file in its image folder and prints the path under the digest', async () => {
    const { adapter, printed: output } = consoleOn(t, { imageDir: images.dir });
    const reply = await digestWithChart(createVegaChartRenderer(), 'Weekly digest, 30 November 2026');
    const result = await adapter.post({ tenant: { platform: 'console', id: 'local' }, id: 'weekly' }, reply);
    expect(result.ok).toBe(true);
    const printed = output();
    const path = /Topic volume: (\S+\.png)/.exec(printed)?.[1];
    expect(path?.startsWith(images.dir)).toBe(true);
    expect(printed.indexOf('Weekly digest')).toBeLessThan(printed.indexOf('Topic volume:'));
    expectReceivedChart(readFileSync(path!), reply.kind === 'digest' ? reply.image?.alt : undefined);
  });
});
