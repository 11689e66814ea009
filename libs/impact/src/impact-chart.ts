import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { ImpactPoint, NaivePoint } from './domain/impact';
import type { ImpactView } from './impact.dto';

const BREAKDOWN_TITLES: Record<string, string> = {
  gradeBand: 'Grade band',
  englishLearner: 'English learner',
  firstVisitLocation: 'First visit',
  visitorOrganization: 'Visitor organisation',
  district: 'District',
};

interface Row {
  panel: string;
  curve: string;
  eventMonth: number;
  estimate: number;
  ciLow: number | null;
  ciHigh: number | null;
}

const shown = (panel: string, curve: string, points: (ImpactPoint | NaivePoint)[]): Row[] =>
  points.flatMap((p) =>
    p.estimate === null
      ? []
      : [
          {
            panel,
            curve,
            eventMonth: p.eventMonth,
            estimate: p.estimate,
            ciLow: 'ciLow' in p ? p.ciLow : null,
            ciHigh: 'ciHigh' in p ? p.ciHigh : null,
          },
        ],
  );

/**
 * The event-time curve with its 95% band and, beside it, the naive served-only before/after; below,
 * one panel per breakdown with a curve per value. Suppressed months are left out of the lines.
 */
export function impactChartSpec(impact: ImpactView): vl.TopLevelSpec {
  const main = [
    ...shown('All served students', 'Estimate (vs comparison)', impact.pooled),
    ...shown('All served students', 'Naive before/after', impact.naive),
  ];
  const breakdowns = Object.entries(impact.breakdowns).flatMap(([name, curves]) =>
    Object.entries(curves).flatMap(([value, points]) =>
      shown(BREAKDOWN_TITLES[name] ?? name, value, points as ImpactPoint[]),
    ),
  );
  const x = {
    field: 'eventMonth',
    type: 'quantitative' as const,
    title: 'School months from the first visit',
    scale: { domain: [-3, 9] },
  };
  const y = { field: 'estimate', type: 'quantitative' as const, title: 'Points of monthly attendance rate' };
  const band = {
    mark: { type: 'area' as const, opacity: 0.2 },
    encoding: { x, y: { field: 'ciLow', type: 'quantitative' as const }, y2: { field: 'ciHigh' } },
  };
  const line = (dash: boolean) => ({
    mark: { type: 'line' as const, point: true, strokeDash: dash ? [4, 3] : [1, 0] },
    encoding: {
      x,
      y,
      color: { field: 'curve', type: 'nominal' as const, title: null, legend: { labelLimit: 300 } },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `Change in monthly attendance rate after the first home visit (${impact.scope.districtId ?? impact.scope.regionId ?? 'state'})`,
    vconcat: [
      {
        width: 520,
        height: 240,
        data: { values: main },
        layer: [
          { ...band, transform: [{ filter: "datum.curve === 'Estimate (vs comparison)'" }] },
          line(false),
        ],
      },
      {
        data: { values: breakdowns },
        facet: { field: 'panel', type: 'nominal', title: null },
        columns: 3,
        spec: {
          width: 220,
          height: 150,
          layer: [
            {
              ...band,
              encoding: { ...band.encoding, color: { field: 'curve', type: 'nominal', title: null } },
            },
            line(false),
          ],
        },
        resolve: { scale: { color: 'independent' } },
      },
    ],
  };
}

/** Rendered on the server by vega's headless SVG renderer. */
export async function renderImpactChart(impact: ImpactView): Promise<string> {
  const view = new vega.View(vega.parse(vl.compile(impactChartSpec(impact)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
