import { CaseEvents, district, visitor } from '../testing/fidelity-events';
import { foldFacts } from '../domain/evolve-facts';
import { metricsOf } from '../domain/metrics';
import { textReport } from './text-report';

describe('text report', () => {
  const facts = foldFacts([
    ...district('d1', 'CREC', ['s1']),
    ...visitor('v1', 'school', '2025-08-20'),
    ...new CaseEvents('a')
      .identified('2025-09-02')
      .offered('2025-09-05')
      .granted('2025-09-06')
      .visit('a1', '2025-09-10', { barriers: ['food'] })
      .referred('r1', '2025-09-11', 'food', 'p1').events,
    ...new CaseEvents('b').identified('2025-09-03').events,
  ]);
  const report = textReport(metricsOf(facts, { districtId: 'd1', onDate: '2025-09-30' }), {
    districtId: 'd1',
    onDate: '2025-09-30',
    knownAt: null,
    eventsRead: 12,
  });

  it('prints every metric with its value, numerator and denominator', () => {
    const line = (label: string) =>
      report
        .split('\n')
        .find((l) => l.startsWith(label))
        ?.replace(/\s+/g, ' ');
    expect(report.split('\n')[0]).toBe('Fidelity of district d1 on 2025-09-30 (12 events replayed)');
    expect(line('Students identified')).toBe('Students identified 2 2');
    expect(line('Share offered visits')).toBe('Share offered visits 0.5 1 / 2');
    expect(line('  barrier food')).toBe(' barrier food 1');
    expect(line('  p1')).toBe(' p1 0 0 / 1');
  });
});
