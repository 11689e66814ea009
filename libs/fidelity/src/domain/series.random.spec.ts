import { randomHistories as histories } from '../testing/random-histories';
import { foldFacts } from './evolve-facts';
import { metricsOf } from './metrics';
import { seriesOf, stepDates } from './series';

describe('a series over random histories', () => {
  const queries = [
    { from: '2025-09-01', to: '2026-01-31' },
    { districtId: 'd1', from: '2025-09-15', to: '2026-02-20' },
    { regionId: 'CREC', schoolId: 's2', from: '2025-08-25', to: '2025-12-31' },
    { districtId: 'd1', from: '2025-09-01', to: '2026-01-31', onDate: '2025-11-20' },
    { from: '2025-09-01', to: '2026-01-31', knownAt: Date.parse('2025-11-01T00:00:00Z') },
  ];

  it.each([1, 2, 3, 4, 5])('equals metricsOf at every step (seed %i)', (seed) => {
    const facts = foldFacts(histories(seed));
    for (const query of queries) {
      for (const step of ['week', 'month'] as const) {
        const points = seriesOf(facts, query, step);
        expect(points.map((p) => p.date)).toEqual(stepDates(query.from, query.to, step));
        for (const point of points) {
          const onDate = query.onDate !== undefined && query.onDate < point.date ? query.onDate : point.date;
          expect(point.metrics).toEqual(metricsOf(facts, { ...query, onDate }));
        }
      }
    }
    // The histories are not trivial: something of every kind counted by the end.
    const end = metricsOf(facts, queries[0]!);
    expect(end.visitsHeld.numerator).toBeGreaterThan(10);
    expect(end.referralsMade.numerator).toBeGreaterThan(3);
    expect(end.followUpsOverdue.denominator).toBeGreaterThan(3);
  });
});
