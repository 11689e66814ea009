import { demoParameters, plantedEffectAt, type PlantedEffect } from './parameters';
import { simulate } from './simulate';
import { servedBeforeAfter } from './truth';

const TODAY = '2026-11-29';
const world = (effect: Partial<PlantedEffect> = {}, students = 2500) =>
  simulate(demoParameters({ seed: 7, districts: 3, students, attendance: 'monthly', effect }, TODAY));
const NO_EFFECT = { month1: 0, month6: 0, month9: 0 };

describe('the demo simulation', () => {
  describe('when built twice from the same parameters', () => {
    it('draws the same world', () => {
      expect(JSON.stringify(world({}, 300))).toBe(JSON.stringify(world({}, 300)));
    });

    it('draws another world from another seed', () => {
      const other = simulate(
        demoParameters({ seed: 8, districts: 3, students: 300, attendance: 'monthly' }, TODAY),
      );
      expect(JSON.stringify(other.months)).not.toBe(JSON.stringify(world({}, 300).months));
    });
  });

  describe('when no effect is planted', () => {
    const built = world(NO_EFFECT);

    it('realises no effect in any month', () => {
      expect(built.truth.realised.pooled.every((month) => month.effect === 0)).toBe(true);
    });

    it('still shows served students improving by at least 3 points at +6 months against their baseline (regression to the mean)', () => {
      expect(servedBeforeAfter(built, 6)).toBeGreaterThanOrEqual(3);
    });
  });

  describe('with the defaults', () => {
    const built = world();
    const yearly = new Map<number, { enrolled: number; absent: number }>();
    for (const record of built.months.filter((r) => r.schoolYear === built.calendars[0].schoolYear)) {
      const year = yearly.get(record.student) ?? { enrolled: 0, absent: 0 };
      year.enrolled += record.daysEnrolled;
      year.absent += record.daysAbsentWithout;
      yearly.set(record.student, year);
    }

    it('has roughly a quarter of the students chronically absent over the first year', () => {
      const chronic = [...yearly.values()].filter((y) => y.absent / y.enrolled >= 0.1).length / yearly.size;
      expect(chronic).toBeGreaterThan(0.2);
      expect(chronic).toBeLessThan(0.32);
    });

    it('runs two school years of about 180 days from September to June, ending at the last ended school year', () => {
      const [first, second] = built.calendars;
      expect([first.schoolYear, second.schoolYear]).toEqual(['2024-25', '2025-26']);
      expect([...first.months.keys()][0]).toBe('2024-09');
      expect([...second.months.keys()].at(-1)).toBe('2026-06');
      expect([...second.months.values()].flat()).toHaveLength(180);
    });

    it('never lets the program push attendance past 100% nor below what it would have been', () => {
      const wrong = built.months.filter(
        (r) => r.daysAbsent < 0 || r.daysAbsent > r.daysAbsentWithout || r.codes.length !== r.daysEnrolled,
      );
      expect(wrong).toEqual([]);
      expect(built.months.some((r) => r.daysAbsent < r.daysAbsentWithout)).toBe(true);
    });

    it('identifies students only in the first school year, each case ending in a closure', () => {
      expect(built.cases.length).toBeGreaterThan(100);
      for (const c of built.cases) {
        expect(c.schoolYear).toBe('2024-25');
        expect(c.actions[0]!.kind).toBe('identify');
        expect(c.actions.at(-1)!.kind).toBe('close');
      }
    });

    it('writes the truth from event month -3 to 9, zero before the first visit, for each breakdown', () => {
      const { pooled, breakdowns } = built.truth.realised;
      expect(pooled.map((m) => m.eventMonth)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(pooled.filter((m) => m.eventMonth <= 0).every((m) => m.effect === 0)).toBe(true);
      expect(pooled.find((m) => m.eventMonth === 1)!.effect).toBeGreaterThan(2);
      expect(Object.keys(breakdowns.gradeBand).sort()).toEqual(['6-8', '9-12', 'PK-5']);
      expect(Object.keys(breakdowns.englishLearner).sort()).toEqual(['false', 'true']);
      expect(Object.keys(breakdowns.firstVisitLocation)).toEqual(
        expect.arrayContaining(['home', 'school', 'virtual']),
      );
      expect(Object.keys(breakdowns.visitorOrganization)).toEqual(
        expect.arrayContaining(['school', 'community']),
      );
    });
  });

  describe('when a small effect leaves room under 100%', () => {
    it('realises about the planted effect at month 6', () => {
      const built = world({ month1: 2, month6: 3, month9: 3, secondary: 1, englishLearner: 1, remote: 1 });
      const month6 = built.truth.realised.pooled.find((m) => m.eventMonth === 6)!;
      expect(month6.effect).toBeGreaterThan(3 - 1.5);
      expect(month6.effect).toBeLessThanOrEqual(3.3);
    });
  });
});

describe('consent', () => {
  /** Mean attendance before identification of families who granted minus those who declined, in points. */
  const consentGap = (selection: number) => {
    const built = simulate(
      demoParameters({ seed: 7, students: 2500, attendance: 'monthly', selection }, TODAY),
    );
    const before = (c: (typeof built.cases)[number]) => {
      const months = built.months.filter((r) => r.student === c.student && r.month <= c.baseline.month);
      const enrolled = months.reduce((sum, r) => sum + r.daysEnrolled, 0);
      return 100 * (1 - months.reduce((sum, r) => sum + r.daysAbsent, 0) / enrolled);
    };
    const mean = (decision: string) => {
      const rates = built.cases
        .filter((c) => c.actions.some((a) => a.kind === 'respond' && a.decision === decision))
        .map(before);
      return rates.reduce((a, b) => a + b, 0) / rates.length;
    };
    return mean('granted') - mean('declined');
  };

  it('is given more often by families whose child attended more before identification, as strongly as --selection says', () => {
    const strong = consentGap(3);
    expect(strong).toBeGreaterThan(2);
    expect(strong).toBeGreaterThan(consentGap(0) + 1.5);
  });
});

describe('the planted effect', () => {
  const effect = { month1: 4, month6: 15, month9: 18, secondary: 2, englishLearner: 0.5, remote: 0.5 };

  it('is nothing up to the month of the first visit, then interpolates between months 1, 6 and 9 and holds', () => {
    expect([0, 1, 3.5, 6, 7, 9, 12].map((m) => plantedEffectAt(effect, m))).toEqual([
      0, 4, 9.5, 15, 16, 18, 18,
    ]);
  });
});
