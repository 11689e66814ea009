import { DEFAULT_SUPPRESSION_RULE } from '../suppression/suppression-rule';
import { rowsInScope, schoolYearMonths } from './export-table';
import { FIDELITY_FIGURES, leafCountsOf, type FidelityFigureName, type FoldCell } from './state-figures';
import { stateTable, type RegistrySchool } from './state-table';

const schools: RegistrySchool[] = [
  { regionId: 'CREC', districtId: 'd1', districtName: 'Hartford', schoolId: 'a', schoolName: 'Lincoln' },
  { regionId: 'CREC', districtId: 'd1', districtName: 'Hartford', schoolId: 'b', schoolName: 'Kennedy' },
  { regionId: 'CREC', districtId: 'd1', districtName: 'Hartford', schoolId: 'c', schoolName: 'Parks' },
  { regionId: 'LEARN', districtId: 'd2', districtName: 'New London', schoolId: 'a', schoolName: 'Bennie' },
];

/** A fold cell with `visits` held visits, `inPerson` of them in person, and nothing else. */
function cell(
  districtId: string,
  schoolId: string,
  month: string,
  visits: number,
  inPerson: number,
): FoldCell {
  const zero = { numerator: 0, denominator: 0 };
  const metrics = Object.fromEntries(FIDELITY_FIGURES.map((f) => [f.figure, zero])) as Record<
    FidelityFigureName,
    { numerator: number; denominator: number | null }
  >;
  return {
    regionId: null,
    districtId,
    schoolId,
    month,
    metrics: {
      ...metrics,
      visitsHeld: { numerator: visits, denominator: null },
      inPersonShare: { numerator: inPerson, denominator: visits },
      pairShare: { numerator: visits, denominator: visits },
      trainedVisitorsShare: { numerator: 0, denominator: visits },
      schoolStaffShare: { numerator: 0, denominator: visits },
      communityPartnerShare: { numerator: 0, denominator: visits },
      homeVisitLog: { visits, barriers: { transportation: Math.min(visits, 7) }, strengths: {} },
    },
  };
}

const cells = [
  cell('d1', 'a', '2026-10', 25, 3),
  cell('d1', 'b', '2026-10', 40, 30),
  cell('d1', 'c', '2026-10', 60, 45),
  cell('d2', 'a', '2026-10', 50, 40),
];
const table = stateTable('2026-27', schools, cells, DEFAULT_SUPPRESSION_RULE);
const find = (figure: string, level: string, schoolId: string | null, period: string, districtId = 'd1') =>
  table.find(
    (r) =>
      r.figure === figure &&
      r.cell.level === level &&
      r.cell.schoolId === schoolId &&
      r.cell.period === period &&
      (level === 'state' || level === 'region' || r.cell.districtId === districtId),
  )!;

describe('the state table', () => {
  it('runs July to June', () => {
    expect(schoolYearMonths('2026-27')).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
    ]);
  });

  it('publishes large cells as numbers and totals as sums of the schools', () => {
    expect(find('visitsHeld', 'district', null, '2026-10')).toMatchObject({
      numerator: 125,
      suppressed: false,
    });
    expect(find('visitsHeld', 'state', null, 'year')).toMatchObject({ numerator: 175, suppressed: false });
    expect(find('inPersonShare', 'school', 'c', '2026-10')).toMatchObject({ numerator: 45, denominator: 60 });
  });

  it('hides a small numerator, and the next smallest school of its district with it', () => {
    expect(find('inPersonShare', 'school', 'a', '2026-10')).toMatchObject({
      numerator: null,
      suppressed: true,
    });
    expect(find('inPersonShare', 'school', 'b', '2026-10')).toMatchObject({
      numerator: null,
      suppressed: true,
    });
    expect(find('inPersonShare', 'school', 'c', '2026-10').suppressed).toBe(false);
    // Visits held are large there: the denominator stays published.
    expect(find('inPersonShare', 'school', 'a', '2026-10').denominator).toBe(25);
  });

  it('hides months with fewer than 20 visits, zeros included', () => {
    expect(find('visitsHeld', 'school', 'a', '2026-11')).toMatchObject({ numerator: null, suppressed: true });
  });

  it('publishes one suppression for every export: visits held is the same count everywhere', () => {
    for (const row of table.filter(
      (r) => r.figure === 'pairShare' || r.figure === 'barrier:transportation',
    )) {
      const visits = table.find((r) => r.figure === 'visitsHeld' && r.cell.id === row.cell.id)!;
      expect(row.denominator).toBe(visits.numerator);
    }
  });

  it('gives a district reader its district and schools only, cut from the same table', () => {
    const rows = rowsInScope(table, { districtId: 'd1', schoolIds: null });
    expect(new Set(rows.map((r) => r.cell.level))).toEqual(new Set(['district', 'school']));
    expect(rows.every((r) => r.cell.districtId === 'd1')).toBe(true);
    expect(rows).toContainEqual(find('inPersonShare', 'school', 'a', '2026-10'));
    const oneSchool = rowsInScope(table, { districtId: 'd1', schoolIds: ['b'] });
    expect(new Set(oneSchool.map((r) => r.cell.schoolId))).toEqual(new Set(['b']));
  });

  it('refuses fold cells whose metrics disagree on a shared count', () => {
    const broken = cell('d1', 'a', '2026-10', 25, 3);
    broken.metrics.pairShare = { numerator: 2, denominator: 24 };
    expect(() => leafCountsOf(broken, 'CREC')).toThrow(/visits differs/);
  });
});
