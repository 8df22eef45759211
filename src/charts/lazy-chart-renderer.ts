import type { ChartRenderer } from '../core/ports/chart-renderer.ts';
import type { VegaChartRendererOptions } from './vega-chart-renderer.ts';

/**
 * A chart renderer that loads Vega and resvg on the first chart only: most runs (and every CLI verb but
 * `chart`) never draw one, and the libraries take a noticeable moment to load.
 */
export function createLazyChartRenderer(options: VegaChartRendererOptions = {}): ChartRenderer {
  let renderer: Promise<ChartRenderer> | undefined;
  const load = () => {
    renderer ??= import('./vega-chart-renderer.ts').then((m) => m.createVegaChartRenderer(options));
    return renderer;
  };
  return { topicVolume: async (chart) => (await load()).topicVolume(chart) };
}
