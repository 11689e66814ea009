import { estimateImpact, type ImpactPoint } from './impact';
import { schoolMonthIndex, type PanelFirstVisit, type PanelStudent } from './panel';

const SCHOOL_MONTHS = [
  '2024-09',
  '2024-10',
  '2024-11',
  '2024-12',
  '2025-01',
  '2025-02',
  '2025-03',
  '2025-04',
  '2025-05',
  '2025-06',
  '2025-09',
  '2025-10',
  '2025-11',
];

/** A student absent `absent(month)` of 20 days each school month, in school s1 of district d1. */
function student(
  id: string,
  absent: (month: string) => number,
  firstVisit: Partial<PanelFirstVisit> | null = null,
  more: Partial<PanelStudent> = {},
): PanelStudent {
  return {
    student: id,
    districtId: 'd1',
    englishLearner: false,
    firstVisit: firstVisit && {
      date: '2025-01-15',
      location: 'in_person',
      organization: 'school',
      ...firstVisit,
    },
    months: SCHOOL_MONTHS.map((month) => ({
      month,
      schoolId: 's1',
      gradeBand: 'PK-5',
      daysEnrolled: 20,
      daysAbsent: absent(month),
    })),
    ...more,
  };
}
const many = (n: number, make: (i: number) => PanelStudent) => Array.from({ length: n }, (_, i) => make(i));
const at = (curve: ImpactPoint[], eventMonth: number) => curve.find((p) => p.eventMonth === eventMonth)!;

/** 25 served in January, absent 4 of 20 days before and 2 after; 25 never served, always 4. */
const served = (i: number, visit: Partial<PanelFirstVisit> = {}) =>
  student(`t${i}`, (month) => (month >= '2025-02' ? 2 : 4), visit);
const unserved = (i: number) => student(`c${i}`, () => 4);
const SIMPLE = [...many(25, (i) => served(i)), ...many(25, unserved)];

describe('the impact estimator', () => {
  describe('school months', () => {
    it('skip the summer: June is followed by September, and January + 6 is September', () => {
      expect(schoolMonthIndex('2025-09') - schoolMonthIndex('2025-06')).toBe(1);
      expect(schoolMonthIndex('2025-09') - schoolMonthIndex('2025-01')).toBe(6);
      expect(schoolMonthIndex('2025-07')).toBe(schoolMonthIndex('2025-09'));
    });
  });

  describe('when served students gain 10 points and matched comparisons stay flat', () => {
    const impact = estimateImpact(SIMPLE, { replicates: 50 });

    it('estimates +10 points from the month after the first visit, with a degenerate interval', () => {
      expect(at(impact.pooled, 1)).toEqual({
        eventMonth: 1,
        estimate: 10,
        ciLow: 10,
        ciHigh: 10,
        standardError: 0,
        treated: 25,
        comparison: 25,
        suppressed: false,
      });
      expect(at(impact.pooled, 0).estimate).toBe(0);
      expect(at(impact.pooled, -2).estimate).toBe(0);
    });

    it('reports the naive before/after beside it', () => {
      expect(impact.naive.find((p) => p.eventMonth === 6)).toEqual({
        eventMonth: 6,
        estimate: 10,
        treated: 25,
        suppressed: false,
      });
    });

    it('counts school months across the summer: +6 from January is September', () => {
      expect(at(impact.pooled, 6).estimate).toBe(10);
      expect(at(impact.pooled, 9)).toMatchObject({ estimate: null, suppressed: true });
    });
  });

  describe('when comparisons improve too', () => {
    it('subtracts their change: only the difference is the estimate', () => {
      const improving = many(25, (i) => student(`c${i}`, (month) => (month >= '2025-02' ? 3 : 4)));
      const impact = estimateImpact([...many(25, (i) => served(i)), ...improving], { replicates: 20 });
      expect(at(impact.pooled, 3).estimate).toBe(5);
      expect(impact.naive.find((p) => p.eventMonth === 3)!.estimate).toBe(10);
    });
  });

  describe('when a comparison is served later', () => {
    it('counts it only while it is not yet served', () => {
      const later = many(5, (i) => student(`l${i}`, () => 4, { date: '2025-03-10' }));
      const impact = estimateImpact([...SIMPLE, ...later], { replicates: 10 });
      expect(at(impact.pooled, 1).comparison).toBe(30);
      expect(at(impact.pooled, 2).comparison).toBe(25);
    });
  });

  describe('when the only unserved students are in another attendance tier', () => {
    it('matches nobody: no estimate rather than a comparison of unlike students', () => {
      const satisfactory = many(25, (i) => student(`c${i}`, () => 0));
      const impact = estimateImpact([...many(25, (i) => served(i)), ...satisfactory], { minTreated: 0 });
      expect(at(impact.pooled, 1)).toMatchObject({ estimate: null, treated: 0, suppressed: false });
      expect(impact.naive.find((p) => p.eventMonth === 1)!.estimate).toBe(10);
    });
  });

  describe('suppression', () => {
    const mixed = [
      ...many(22, (i) => served(i)),
      ...many(6, (i) => served(100 + i, { location: 'remote' })),
      ...many(25, unserved),
    ];

    it('reports cells under the threshold as suppressed with null numbers', () => {
      const impact = estimateImpact(mixed, { replicates: 10 });
      expect(at(impact.breakdowns.firstVisitLocation.remote!, 1)).toEqual({
        eventMonth: 1,
        estimate: null,
        ciLow: null,
        ciHigh: null,
        standardError: null,
        treated: null,
        comparison: null,
        suppressed: true,
      });
      expect(at(impact.breakdowns.firstVisitLocation.in_person!, 1)).toMatchObject({
        treated: 22,
        suppressed: false,
      });
      expect(at(impact.pooled, 1)).toMatchObject({ treated: 28, suppressed: false });
    });

    it('takes the threshold as a parameter', () => {
      const impact = estimateImpact(mixed, { replicates: 10, minTreated: 5 });
      expect(at(impact.breakdowns.firstVisitLocation.remote!, 1)).toMatchObject({ treated: 6, estimate: 10 });
      const strict = estimateImpact(mixed, { replicates: 10, minTreated: 30 });
      expect(at(strict.pooled, 1).suppressed).toBe(true);
      expect(strict.naive.find((p) => p.eventMonth === 1)!.estimate).toBeNull();
    });
  });

  describe('bootstrap', () => {
    /** Four days absent before the first visit (one tier), then between 2 and 6. */
    const noise = (month: string, salt: number) =>
      month < '2025-01' ? 4 : ((salt + month.charCodeAt(6)) % 5) + 2;
    const noisy = [
      ...many(30, (i) => student(`t${i}`, (month) => noise(month, i * 7), {})),
      ...many(40, (i) => student(`c${i}`, (month) => noise(month, i * 3))),
    ];

    it('gives the same intervals for the same panel and seed', () => {
      expect(estimateImpact(noisy, { replicates: 50 })).toEqual(estimateImpact(noisy, { replicates: 50 }));
    });

    it('draws other resamples from another seed, around the same estimate', () => {
      const one = at(estimateImpact(noisy, { replicates: 50, seed: 1 }).pooled, 2);
      const two = at(estimateImpact(noisy, { replicates: 50, seed: 2 }).pooled, 2);
      expect(two.estimate).toBe(one.estimate);
      expect([two.ciLow, two.ciHigh]).not.toEqual([one.ciLow, one.ciHigh]);
    });
  });
});
