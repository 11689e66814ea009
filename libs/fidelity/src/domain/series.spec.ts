import { CaseEvents, district, visitor } from '../testing/fidelity-events';
import { foldFacts } from './evolve-facts';
import { metricsOf } from './metrics';
import { seriesOf, stepDates } from './series';

describe('series steps', () => {
  it('steps by seven days from `from`, `to` closing the last step', () => {
    expect(stepDates('2025-09-01', '2025-09-20', 'week')).toEqual(['2025-09-07', '2025-09-14', '2025-09-20']);
    expect(stepDates('2025-09-01', '2025-09-14', 'week')).toEqual(['2025-09-07', '2025-09-14']);
  });

  it('steps by calendar month ends', () => {
    expect(stepDates('2025-11-15', '2026-02-10', 'month')).toEqual([
      '2025-11-30',
      '2025-12-31',
      '2026-01-31',
      '2026-02-10',
    ]);
    expect(stepDates('2025-01-01', '2025-02-28', 'month')).toEqual(['2025-01-31', '2025-02-28']);
  });
});

describe('a series', () => {
  const events = [
    ...district('d1', 'CREC', ['s1']),
    ...visitor('v1', 'school', '2025-08-20'),
    ...new CaseEvents('a')
      .identified('2025-09-02')
      .offered('2025-09-05')
      .granted('2025-09-06')
      .visit('a1', '2025-09-10')
      .visit('a2', '2025-10-01').events,
    ...new CaseEvents('b').identified('2025-09-20').offered('2025-10-02').declined('2025-10-03').events,
    ...new CaseEvents('c').identified('2025-10-10').events,
  ];
  const facts = foldFacts(events);

  it('equals the onDate replays it stands for, at every step', () => {
    const query = { districtId: 'd1', from: '2025-09-01', to: '2025-10-31' };
    const points = seriesOf(facts, query, 'week');
    expect(points).toHaveLength(9);
    for (const point of points) {
      const replayed = metricsOf(foldFacts(events), { ...query, onDate: point.date });
      expect(point.metrics).toEqual(replayed);
    }
    expect(points.map((p) => p.metrics.studentsIdentified.numerator)).toEqual([1, 1, 2, 2, 2, 3, 3, 3, 3]);
  });
});
