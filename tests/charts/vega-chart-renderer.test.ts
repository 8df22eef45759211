import { describe, expect, it } from 'vitest';
import { createVegaChartRenderer } from '../../src/charts/vega-chart-renderer.ts';
import type { TopicVolume, TopicVolumeChart } from '../../src/core/ports/chart-renderer.ts';
import { pngStats } from '../helpers/png-stats.ts';

const COLOURS = { thisWeek: '#d9541e', lastWeek: '#6f8fbf', earlier: '#b8c4d6' };

function volume(label: string, countOf: (i: number) => number): TopicVolume {
  const days = Array.from({ length: 30 }, (_, i) => ({
    day: new Date(Date.UTC(2026, 10, 3 + i)).toISOString().slice(0, 10),
    count: countOf(i),
  }));
  const sum = (from: number, to: number) => days.slice(from, to).reduce((a, d) => a + d.count, 0);
  return { topic: label.toLowerCase(), label, days, thisWeek: sum(23, 30), lastWeek: sum(16, 23) };
}

function chartOf(...topics: TopicVolume[]): TopicVolumeChart {
  return { title: 'Stories per day', from: '2026-11-03', until: '2026-12-02', topics };
}

describe('the Vega chart renderer', () => {
  const renderer = createVegaChartRenderer();

  it('renders the same fixed data to the same picture, measured by size, ink and colour buckets', async () => {
    const chart = chartOf(volume('AI', (i) => ((i * 7) % 5) + (i > 22 ? 4 : 0)));
    const first = await renderer.topicVolume(chart);
    const second = await renderer.topicVolume(chart);
    const a = pngStats(first.png, COLOURS);
    const b = pngStats(second.png, COLOURS);
    expect(a).toEqual(b);
    // 640×240 plot at scale 2 plus title, axes and legend.
    expect(first.width).toBeGreaterThan(1280);
    expect(first.width).toBeLessThan(1600);
    expect(first.height).toBeGreaterThan(480);
    expect(first.height).toBeLessThan(800);
    expect(a.width).toBe(first.width);
    expect(a.drawn).toBeGreaterThan(0.1);
    expect(a.drawn).toBeLessThan(0.6);
    // This week's 7 bars are taller than last week's 7: more of its colour.
    expect(a.near.thisWeek!).toBeGreaterThan(a.near.lastWeek! * 1.5);
    expect(a.near.earlier!).toBeGreaterThan(0.02);
  });

  it('draws no bars for a quiet topic, only the axes and legend', async () => {
    const busy = pngStats((await renderer.topicVolume(chartOf(volume('AI', () => 5)))).png, COLOURS);
    const quiet = pngStats((await renderer.topicVolume(chartOf(volume('AI', () => 0)))).png, COLOURS);
    expect(quiet.near.thisWeek!).toBeLessThan(0.002);
    expect(busy.near.thisWeek!).toBeGreaterThan(0.05);
    expect(quiet.drawn).toBeLessThan(busy.drawn / 3);
  });

  it('draws one line per topic and states each week comparison in the alt text', async () => {
    const image = await renderer.topicVolume(
      chartOf(
        volume('AI', (i) => i % 4),
        volume('Privacy', (i) => (i > 15 ? 0 : 3)),
      ),
    );
    expect(image.alt).toContain('AI: 10 this week against 9 last week (+11%)');
    expect(image.alt).toContain('Privacy: 0 this week against 0 last week (no change)');
    const stats = pngStats(image.png, { first: '#4c78a8', second: '#f58518' });
    expect(stats.near.first!).toBeGreaterThan(0.003);
    expect(stats.near.second!).toBeGreaterThan(0.003);
  });
});
