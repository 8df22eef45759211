import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { ChartImage, ChartRenderer, TopicVolumeChart } from '../core/ports/chart-renderer.ts';
import { weekComparison } from '../core/topic-volume.ts';

/** Options of the Vega renderer: the picture's size and the font resvg draws text with. */
export interface VegaChartRendererOptions {
  /** Plot width in CSS pixels (axes and legend come on top); 640 by default. */
  width?: number;
  /** Plot height in CSS pixels; 240 by default. */
  height?: number;
  /** Pixels per CSS pixel in the PNG; 2 by default, sharp on high-density screens. */
  scale?: number;
  /** A font family installed on the system (fontconfig); DejaVu Sans by default, any sans-serif as fallback. */
  fontFamily?: string;
  /** Extra font files to load, e.g. when the host has no system fonts. */
  fontFiles?: string[];
}

const PERIOD_COLOURS = { earlier: '#b8c4d6', 'last week': '#6f8fbf', 'this week': '#d9541e' };

function periodOf(index: number, length: number): keyof typeof PERIOD_COLOURS {
  if (index >= length - 7) return 'this week';
  if (index >= length - 14) return 'last week';
  return 'earlier';
}

/** The Vega-Lite spec of a topic-volume chart: bars coloured by week for one topic, one line per topic for more. */
export function topicVolumeSpec(chart: TopicVolumeChart, width: number, height: number): TopLevelSpec {
  const single = chart.topics.length === 1;
  const values = chart.topics.flatMap((volume) =>
    volume.days.map((d, i) => ({
      day: d.day,
      count: d.count,
      topic: volume.label,
      period: periodOf(i, volume.days.length),
    })),
  );
  const subtitle = chart.topics.map((v) => (single ? weekComparison(v) : `${v.label}: ${weekComparison(v)}`));
  const x = {
    field: 'day',
    type: 'temporal' as const,
    timeUnit: 'utcyearmonthdate' as const,
    title: null,
    axis: { format: '%b %d', labelAngle: 0, tickCount: 6 },
  };
  const y = { field: 'count', type: 'quantitative' as const, title: 'stories', axis: { tickMinStep: 1 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    width,
    height,
    background: '#ffffff',
    padding: 12,
    title: { text: chart.title, subtitle, anchor: 'start' },
    config: { font: 'sans-serif', view: { stroke: null } },
    data: { values },
    ...(single
      ? {
          mark: { type: 'bar', cornerRadiusEnd: 1 },
          encoding: {
            x,
            y,
            color: {
              field: 'period',
              type: 'nominal',
              title: null,
              scale: { domain: Object.keys(PERIOD_COLOURS), range: Object.values(PERIOD_COLOURS) },
              legend: { orient: 'top', direction: 'horizontal' },
            },
          },
        }
      : {
          mark: { type: 'line', point: true, strokeWidth: 2 },
          encoding: { x, y, color: { field: 'topic', type: 'nominal', title: null } },
        }),
  } as TopLevelSpec;
}

/** A text alternative for the chart: the title and each topic's week comparison. */
export function topicVolumeAlt(chart: TopicVolumeChart): string {
  return [chart.title, ...chart.topics.map((v) => `${v.label}: ${weekComparison(v)}`)].join('. ');
}

// The spec's data is inline; a loader that refuses everything makes sure a chart never fetches anything.
function refusingLoader(): vega.Loader {
  const loader = vega.loader();
  const refuse = () => Promise.reject(new Error('charts load no external data'));
  return Object.assign(loader, { load: refuse, sanitize: refuse, http: refuse, file: refuse });
}

/** The chart renderer on Vega (spec to SVG, no canvas) and resvg (SVG to PNG, prebuilt binary from npm). */
export function createVegaChartRenderer(options: VegaChartRendererOptions = {}): ChartRenderer {
  const width = options.width ?? 640;
  const height = options.height ?? 240;
  const scale = options.scale ?? 2;
  const fontFamily = options.fontFamily ?? 'DejaVu Sans';
  return {
    async topicVolume(chart) {
      const spec = compile(topicVolumeSpec(chart, width, height)).spec;
      const view = new vega.View(vega.parse(spec), { renderer: 'none', loader: refusingLoader() });
      try {
        const svg = await view.toSVG();
        const resvg = new Resvg(svg, {
          background: '#ffffff',
          fitTo: { mode: 'zoom', value: scale },
          font: {
            loadSystemFonts: true,
            fontFiles: options.fontFiles ?? [],
            defaultFontFamily: fontFamily,
            sansSerifFamily: fontFamily,
          },
        });
        const image = resvg.render();
        const png: ChartImage = {
          png: new Uint8Array(image.asPng()),
          width: image.width,
          height: image.height,
          alt: topicVolumeAlt(chart),
        };
        return png;
      } finally {
        view.finalize();
      }
    },
  };
}
