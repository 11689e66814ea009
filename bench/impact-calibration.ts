/**
 * Calibration of the impact estimator: over 100 demo states (seeds 1…100, each small enough to
 * simulate and estimate in about a second or two), how often the 95% bootstrap intervals of the
 * pooled estimate cover the effect the demo realised. The estimator's promise is at least 90%.
 */
import { demoParameters, simulate } from '@leap/demo';
import { estimateImpact } from '@leap/impact';
import { panelOfDemo, realisedBySchoolMonth } from '../libs/impact/src/demo-panel';
import type { BenchRow } from './event-store-appends';

const SEEDS = 100;
const STUDENTS = 2_500;
const CHECKED = [1, 6];
const POST = [1, 2, 3, 4, 5, 6, 7, 8, 9];

export async function runImpactCalibrationBench(): Promise<BenchRow[]> {
  const covered = new Map<number, number>();
  const counted = new Map<number, number>();
  const errors: number[] = [];
  const widths: number[] = [];
  let estimateMs = 0;
  const started = Date.now();
  for (let seed = 1; seed <= SEEDS; seed++) {
    const world = simulate(
      demoParameters({ seed, districts: 2, students: STUDENTS, attendance: 'monthly' }, '2026-11-29'),
    );
    const truth = realisedBySchoolMonth(world);
    const before = Date.now();
    const impact = estimateImpact(panelOfDemo(world), { minTreated: 0 });
    estimateMs += Date.now() - before;
    for (const point of impact.pooled) {
      const realised = truth.get(point.eventMonth);
      if (!POST.includes(point.eventMonth) || realised === undefined || point.estimate === null) continue;
      counted.set(point.eventMonth, (counted.get(point.eventMonth) ?? 0) + 1);
      if (point.ciLow! <= realised && realised <= point.ciHigh!)
        covered.set(point.eventMonth, (covered.get(point.eventMonth) ?? 0) + 1);
      errors.push(point.estimate - realised);
      widths.push(point.ciHigh! - point.ciLow!);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const share = (months: number[]) =>
    months.reduce((s, m) => s + (covered.get(m) ?? 0), 0) /
    Math.max(
      1,
      months.reduce((s, m) => s + (counted.get(m) ?? 0), 0),
    );
  const percent = (value: number) => Math.round(value * 1000) / 10;
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
  return [
    ...CHECKED.map((month) => ({
      name: `coverage of the realised effect at +${month}`,
      value: percent(share([month])),
      unit: '%',
      note: `${covered.get(month) ?? 0} of ${counted.get(month) ?? 0} seeds; promised ≥ 90%`,
    })),
    { name: 'coverage over +1 … +9', value: percent(share(POST)), unit: '%', note: 'every seed and month' },
    {
      name: 'mean error (estimate − realised), +1 … +9',
      value: Math.round(mean(errors) * 100) / 100,
      unit: 'points',
    },
    { name: 'mean 95% interval width', value: Math.round(mean(widths) * 100) / 100, unit: 'points' },
    {
      name: 'estimate (200 resamples) per seed',
      value: Math.round(estimateMs / SEEDS),
      unit: 'ms',
      note: `${STUDENTS.toLocaleString('en-US')} students, 2 districts`,
    },
    { name: 'whole run (simulation included)', value: Math.round((Date.now() - started) / 1000), unit: 's' },
  ];
}
