import { expect } from 'vitest';
import type { ChartRenderer } from '../../src/core/ports/chart-renderer.ts';
import type { Reply } from '../../src/core/reply.ts';
import { pngStats } from './png-stats.ts';

/** A weekly digest with a real topic-volume chart: 7 stories this week against 6 last week. */
export async function digestWithChart(charts: ChartRenderer, title: string): Promise<Reply> {
  const days = Array.from({ length: 30 }, (_, i) => ({
    day: `2026-11-${String(i + 1).padStart(2, '0')}`,
    count: i % 3,
  }));
  const image = await charts.topicVolume({
    title: 'Stories per day',
    from: '2026-11-01',
    until: '2026-11-30',
    topics: [{ topic: 'ai-regulation', label: 'AI regulation', days, thisWeek: 7, lastWeek: 6 }],
  });
  return {
    kind: 'digest',
    title,
    sections: [],
    image: { name: 'topic-volume.png', title: 'Topic volume', alt: image.alt, png: image.png },
  };
}

/** Checks that a platform received the chart of `digestWithChart`: a decodable, drawn PNG and its alt text. */
export function expectReceivedChart(bytes: Buffer, altText: string | undefined): void {
  expect(altText).toContain('7 this week against 6 last week');
  const stats = pngStats(bytes);
  expect(stats.width).toBeGreaterThan(1000);
  expect(stats.drawn).toBeGreaterThan(0.05);
}
