import * as vega from 'vega';
import * as vl from 'vega-lite';
import { METRIC_DEFINITIONS } from '../domain/definitions';
import type { FidelityMetrics } from '../domain/metrics';
import type { SeriesPoint } from '../domain/series';

/** The shares the chart draws: the program's core components, each a line from 0 to 100%. */
export const CHARTED_METRICS = [
  'offeredShare',
  'consentGrantedRate',
  'twoOrMoreVisitsShare',
  'inPersonShare',
  'pairShare',
  'trainedVisitorsShare',
  'referralOutcomeShare',
] as const satisfies readonly (keyof FidelityMetrics)[];

/**
 * The series as an SVG line chart, drawn by Vega-Lite through vega's headless renderer (no
 * browser, no hand-built SVG). A point whose share has no denominator yet is left out of its line.
 */
export async function seriesChartSvg(points: SeriesPoint[], title: string): Promise<string> {
  const values = points.flatMap((point) =>
    CHARTED_METRICS.flatMap((name) => {
      const value = point.metrics[name].value;
      return value === null ? [] : [{ date: point.date, metric: METRIC_DEFINITIONS[name].label, value }];
    }),
  );
  const spec: vl.TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 720,
    height: 320,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'date', type: 'temporal', title: 'Business date' },
      y: {
        field: 'value',
        type: 'quantitative',
        title: 'Share',
        axis: { format: '%' },
        scale: { domain: [0, 1] },
      },
      color: {
        field: 'metric',
        type: 'nominal',
        title: null,
        sort: CHARTED_METRICS.map((n) => METRIC_DEFINITIONS[n].label),
      },
    },
    config: { font: 'sans-serif' },
  };
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
