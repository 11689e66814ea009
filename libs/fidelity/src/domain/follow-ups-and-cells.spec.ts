import { CaseEvents, district } from '../testing/fidelity-events';
import { cellsOf } from './cells';
import { foldFacts } from './evolve-facts';
import { metricsOf } from './metrics';

// Follow-ups fall due at instants; their due date is taken in the district's zone (America/New_York).
const a = new CaseEvents('a')
  .identified('2025-09-02')
  .due('f1', '2025-09-10T13:00:00.000Z')
  .completed('f1', '2025-09-14')
  .due('f2', '2025-09-16T02:00:00.000Z') // 15 September, 22:00 in New York
  .due('f3', '2025-10-02T13:00:00.000Z')
  .completed('f3', '2025-10-03')
  .transferred('s2', '2025-10-05')
  .offered('2025-10-06');
const b = new CaseEvents('b').identified('2025-10-01', 's2').offered('2025-10-01');
const facts = foldFacts([...district('d1', 'CREC', ['s1', 's2']), ...a.events, ...b.events]);

describe('follow-up metrics', () => {
  it('counts follow-ups not completed by the cut as overdue and takes the median days to complete', () => {
    const all = metricsOf(facts, { districtId: 'd1' });
    expect(all.followUpsOverdue).toEqual({ numerator: 1, denominator: 3, value: 0.3333 });
    expect(all.daysDueToFollowUpCompleted).toEqual({ numerator: 5, denominator: 2, value: 2.5 });
  });

  it('dates a follow-up in the district time zone', () => {
    const window = metricsOf(facts, { districtId: 'd1', from: '2025-09-15', to: '2025-09-15' });
    expect(window.followUpsOverdue).toEqual({ numerator: 1, denominator: 1, value: 1 });
  });

  it('was overdue on a date before its completion', () => {
    const on = metricsOf(facts, { districtId: 'd1', onDate: '2025-09-12' });
    expect(on.followUpsOverdue).toEqual({ numerator: 1, denominator: 1, value: 1 });
  });
});

describe('cells per region, district, school and month', () => {
  const cells = cellsOf(facts, { districtId: 'd1' });

  it('has one cell per school and month with facts, ordered, each the same as the query for it', () => {
    expect(cells.map((cell) => [cell.regionId, cell.schoolId, cell.month])).toEqual([
      ['CREC', 's1', '2025-09'],
      ['CREC', 's1', '2025-10'],
      ['CREC', 's2', '2025-10'],
    ]);
    for (const cell of cells) {
      const to = `${cell.month}-31`;
      const query = { districtId: 'd1', schoolId: cell.schoolId, from: `${cell.month}-01`, to };
      expect(cell.metrics).toEqual(metricsOf(facts, query));
    }
  });

  it('puts a transferred case’s later facts in its new school', () => {
    const s2 = cells.find((cell) => cell.schoolId === 's2');
    expect(s2?.metrics.studentsIdentified.numerator).toBe(1);
    // b's offer and a's offer after the transfer.
    expect(s2?.metrics.consentGrantedRate.denominator).toBe(2);
  });

  it('sums to the district total for counted entries', () => {
    const total = metricsOf(facts, { districtId: 'd1' });
    const sum = cells.reduce((n, cell) => n + cell.metrics.studentsIdentified.numerator, 0);
    expect(sum).toBe(total.studentsIdentified.numerator);
  });
});
