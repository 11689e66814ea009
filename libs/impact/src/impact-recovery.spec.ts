import { demoParameters, simulate, type DemoWorld, type PlantedEffect } from '@leap/demo';
import { panelOfDemo, realisedBySchoolMonth } from './demo-panel';
import { estimateImpact, type ImpactEstimates, type ImpactPoint } from './domain/impact';

/**
 * The estimator against the demo generator's planted effects, on its in-memory panel (no store).
 * Each world is simulated and estimated once per file and shared by the tests that read it.
 */
const STUDENTS = 12_000;
const TODAY = '2026-11-29';
const NO_EFFECT: Partial<PlantedEffect> = { month1: 0, month6: 0, month9: 0 };

function evaluated(effect: Partial<PlantedEffect>): () => { world: DemoWorld; impact: ImpactEstimates } {
  let cached: { world: DemoWorld; impact: ImpactEstimates } | null = null;
  return () => {
    if (!cached) {
      const world = simulate(
        demoParameters({ seed: 7, districts: 3, students: STUDENTS, attendance: 'monthly', effect }, TODAY),
      );
      cached = { world, impact: estimateImpact(panelOfDemo(world)) };
    }
    return cached;
  };
}
const defaults = evaluated({});
const noEffect = evaluated(NO_EFFECT);

const at = (curve: ImpactPoint[], eventMonth: number): ImpactPoint =>
  curve.find((point) => point.eventMonth === eventMonth)!;
const meanOver = (curve: ImpactPoint[], months: number[]) =>
  months.reduce((sum, month) => sum + at(curve, month).estimate!, 0) / months.length;
const POST = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('impact estimates on the demo panel', () => {
  jest.setTimeout(180_000);

  describe('with the default planted effect (+4 the month after, +15 after six months)', () => {
    it(`serves enough of the ${STUDENTS.toLocaleString('en-US')} students for a pooled standard error of at most 0.5 points`, () => {
      const { impact } = defaults();
      for (const point of impact.pooled) expect(point.standardError!).toBeLessThanOrEqual(0.5);
      expect(at(impact.pooled, 1).treated!).toBeGreaterThan(1000);
    });

    it.each([1, 6])(
      'recovers the realised effect at +%i school months within 2 points, inside its 95%% interval',
      (month) => {
        const { world, impact } = defaults();
        const truth = realisedBySchoolMonth(world).get(month)!;
        const point = at(impact.pooled, month);
        expect(truth).toBeGreaterThan(2);
        expect(Math.abs(point.estimate! - truth)).toBeLessThanOrEqual(2);
        expect(point.ciLow!).toBeLessThanOrEqual(truth);
        expect(point.ciHigh!).toBeGreaterThanOrEqual(truth);
      },
    );

    it('finds nothing in the month of the first visit, when the program has not acted yet', () => {
      const point = at(defaults().impact.pooled, 0);
      expect(point.ciLow!).toBeLessThanOrEqual(0);
      expect(point.ciHigh!).toBeGreaterThanOrEqual(0);
    });

    it('estimates a significantly larger effect for grades 6–12, planted twice as large', () => {
      const { gradeBand } = defaults().impact.breakdowns;
      expect(at(gradeBand['6-12']!, 6).ciLow!).toBeGreaterThan(at(gradeBand['PK-5']!, 6).ciHigh!);
      expect(meanOver(gradeBand['6-12']!, POST)).toBeGreaterThan(1.2 * meanOver(gradeBand['PK-5']!, POST));
    });

    it('estimates about half the effect for English learners, planted at half', () => {
      const { world, impact } = defaults();
      const { yes, no } = impact.breakdowns.englishLearner;
      const ratio = meanOver(yes!, POST) / meanOver(no!, POST);
      expect(ratio).toBeGreaterThan(0.4);
      expect(ratio).toBeLessThan(0.8);
      const truth = realisedBySchoolMonth(world, (s) => s.englishLearner).get(6)!;
      expect(at(yes!, 6).ciLow!).toBeLessThanOrEqual(truth);
      expect(at(yes!, 6).ciHigh!).toBeGreaterThanOrEqual(truth);
    });

    it('gives every breakdown value a curve from -3 to +9 in the pooled shape', () => {
      const { breakdowns } = defaults().impact;
      expect(Object.keys(breakdowns.gradeBand)).toEqual(['PK-5', '6-12']);
      expect(Object.keys(breakdowns.firstVisitLocation)).toEqual(['in_person', 'remote']);
      expect(Object.keys(breakdowns.district)).toEqual(['d01', 'd02', 'd03']);
      for (const curves of Object.values(breakdowns))
        for (const curve of Object.values(curves))
          expect(curve.map((p) => p.eventMonth)).toEqual([-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
  });

  describe('when no effect is planted', () => {
    it.each([1, 6])('covers zero at +%i school months', (month) => {
      const point = at(noEffect().impact.pooled, month);
      expect(point.ciLow!).toBeLessThanOrEqual(0);
      expect(point.ciHigh!).toBeGreaterThanOrEqual(0);
    });

    it('while the naive served-only before/after shows a spurious gain (regression to the mean)', () => {
      const { impact } = noEffect();
      for (const month of [1, 6]) {
        const naive = impact.naive.find((point) => point.eventMonth === month)!.estimate!;
        expect(naive).toBeGreaterThan(1);
        expect(naive).toBeGreaterThan(at(impact.pooled, month).ciHigh!);
      }
    });
  });
});
