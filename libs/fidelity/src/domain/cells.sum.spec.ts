import { CaseEvents } from '../testing/fidelity-events';
import { randomHistories } from '../testing/random-histories';
import { cellsOf } from './cells';
import { foldFacts } from './evolve-facts';
import type { Metric } from './metric';
import { metricsOf, type FidelityMetrics } from './metrics';

/** Every additive figure of an answer: numerators, denominators and counts (never medians, rates). */
function figures(metrics: FidelityMetrics): Map<string, number> {
  const out = new Map<string, number>();
  const put = (key: string, n: number | null) => out.set(key, (out.get(key) ?? 0) + (n ?? 0));
  const metric = (name: string, m: Metric) => {
    put(`${name}.numerator`, m.numerator);
    put(`${name}.denominator`, m.denominator);
  };
  for (const [name, value] of Object.entries(metrics)) {
    if (name === 'homeVisitLog') continue;
    if (name.startsWith('connectionRateBy'))
      for (const [key, m] of Object.entries(value as Record<string, Metric>)) metric(`${name}.${key}`, m);
    else metric(name, value as Metric);
  }
  const log = metrics.homeVisitLog;
  put('homeVisitLog.visits', log.visits);
  for (const [code, n] of Object.entries(log.barriers)) put(`barrier.${code}`, n);
  for (const [code, n] of Object.entries(log.strengths)) put(`strength.${code}`, n);
  return out;
}

const sum = (maps: Map<string, number>[]) => {
  const out = new Map<string, number>();
  for (const map of maps) for (const [key, n] of map) out.set(key, (out.get(key) ?? 0) + n);
  return out;
};
const nonZero = (map: Map<string, number>) => new Map([...map].filter(([, n]) => n !== 0));

describe('month cells', () => {
  const year = { from: '2025-07-01', to: '2026-06-30' };

  it.each([1, 2, 3, 4])('sum to the figures of the year, per school and for the state (seed %i)', (seed) => {
    // Household visits are left out: one to siblings of two schools counts once in each school.
    const facts = foldFacts(randomHistories(seed, { households: false }));
    for (const cut of [year, { ...year, onDate: '2025-11-15' }, { ...year, to: '2025-10-31' }]) {
      const cells = cellsOf(facts, cut);
      const state = nonZero(figures(metricsOf(facts, cut)));
      expect(nonZero(sum(cells.map((cell) => figures(cell.metrics))))).toEqual(state);
      for (const school of new Set(cells.map((cell) => `${cell.districtId}/${cell.schoolId}`))) {
        const [districtId, schoolId] = school.split('/') as [string, string];
        const own = cells.filter((cell) => cell.districtId === districtId && cell.schoolId === schoolId);
        const whole = metricsOf(facts, { ...cut, districtId, schoolId });
        expect(nonZero(sum(own.map((cell) => figures(cell.metrics))))).toEqual(nonZero(figures(whole)));
      }
      expect(state.get('offeredShare.numerator')).toBeGreaterThan(5);
    }
  });

  it('count a student identified on 30 September and offered on 1 October as offered in September', () => {
    const events = randomHistories(1, { households: false }).filter((e) => !e.streamId.startsWith('case-'));
    const facts = foldFacts([
      ...events,
      ...new CaseEvents('a').identified('2025-09-30').offered('2025-10-01').events,
    ]);
    const [september, october] = cellsOf(facts, year);
    expect(september?.month).toBe('2025-09');
    expect(september?.metrics.offeredShare).toEqual({ numerator: 1, denominator: 1, value: 1 });
    expect(october?.metrics.offeredShare).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(october?.metrics.consentGrantedRate.denominator).toBe(1);
    expect(metricsOf(facts, year).offeredShare.numerator).toBe(1);
  });
});
