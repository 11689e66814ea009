import { determinedCells } from '../suppression/derivation-attack';
import { buildGrid } from '../suppression/grid';
import { DEFAULT_SUPPRESSION_RULE } from '../suppression/suppression-rule';
import { schoolYearMonths } from './export-table';
import { FIDELITY_FIGURES, STATE_FIGURES, type FidelityFigureName, type FoldCell } from './state-figures';
import { stateTable, type RegistrySchool } from './state-table';

/** Park-Miller: a seeded generator, so the state below can be rebuilt from its seed. */
function random(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 16807) % 2147483647;
    return Math.floor((state / 2147483647) * below);
  };
}

/** A state of 2 regions, 4 districts, 3 schools each, with counts that agree where metrics share one. */
function randomState(seed: number): { schools: RegistrySchool[]; cells: FoldCell[] } {
  const next = random(seed);
  const schools: RegistrySchool[] = [];
  for (let d = 0; d < 4; d++) {
    for (let s = 0; s < 3; s++) {
      schools.push({
        regionId: `R${d % 2}`,
        districtId: `d${d}`,
        districtName: `D${d}`,
        schoolId: `s${s}`,
        schoolName: `S${s}`,
      });
    }
  }
  const cells = schools.flatMap((school) =>
    schoolYearMonths('2026-27')
      .slice(2)
      .map((month): FoldCell => {
        const of = (denominator: number | null) => ({
          numerator: denominator === null ? next(40) : next(denominator + 1),
          denominator,
        });
        const identified = next(45);
        const offered = next(35);
        const consented = next(30);
        const visits = next(50);
        const referrals = next(25);
        const metrics = Object.fromEntries(
          FIDELITY_FIGURES.map((f) => [f.figure, of(f.denominator ? next(30) : null)]),
        ) as Record<FidelityFigureName, { numerator: number; denominator: number | null }>;
        Object.assign(metrics, {
          studentsIdentified: { numerator: identified, denominator: null },
          offeredShare: of(identified),
          consentGrantedRate: of(offered),
          consentDeclinedRate: of(offered),
          consentWithdrawnRate: of(consented),
          visitsPerConsentedFamily: { numerator: next(3 * consented + 1), denominator: consented },
          twoOrMoreVisitsShare: of(consented),
          referralsPerFamily: { numerator: next(2 * consented + 1), denominator: consented },
          visitsHeld: { numerator: visits, denominator: null },
          inPersonShare: of(visits),
          pairShare: of(visits),
          trainedVisitorsShare: of(visits),
          schoolStaffShare: of(visits),
          communityPartnerShare: of(visits),
          referralsMade: { numerator: referrals, denominator: null },
          referralOutcomeShare: of(referrals),
          referralConnectionRate: of(referrals),
        });
        const homeVisitLog = {
          visits,
          barriers: { transportation: next(visits + 1), housing: next(Math.ceil(visits / 4) + 1) },
          strengths: { resilience: next(visits + 1) },
        };
        return { ...school, regionId: null, month, metrics: { ...metrics, homeVisitLog } };
      }),
  );
  return { schools, cells };
}

describe('the derivation attack on a whole state table', () => {
  it.each([11, 12, 13])(
    'seed %i: no suppressed value of any figure is determined by the published rows',
    (seed) => {
      const { schools, cells } = randomState(seed);
      const rows = stateTable('2026-27', schools, cells, DEFAULT_SUPPRESSION_RULE);
      const { relations } = buildGrid(schools, schoolYearMonths('2026-27'));
      let hidden = 0;
      for (const figure of STATE_FIGURES) {
        const own = rows.filter((row) => row.figure === figure.figure);
        const numerators = new Set(own.filter((row) => row.numerator === null).map((row) => row.cell.id));
        expect(determinedCells(numerators, relations)).toEqual([]);
        hidden += numerators.size;
        if (figure.denominator === null) continue;
        const denominators = new Set(own.filter((row) => row.denominator === null).map((row) => row.cell.id));
        expect(determinedCells(denominators, relations)).toEqual([]);
      }
      // Not vacuous: values are hidden, and others published.
      expect(hidden).toBeGreaterThan(0);
      expect(rows.filter((row) => !row.suppressed).length).toBeGreaterThan(0);
    },
  );

  it('publishes a count shared by several figures identically in every cell', () => {
    const { schools, cells } = randomState(21);
    const rows = stateTable('2026-27', schools, cells, DEFAULT_SUPPRESSION_RULE);
    const byCount = new Map<string, Map<string, number | null>>();
    for (const figure of STATE_FIGURES) {
      for (const row of rows.filter((r) => r.figure === figure.figure)) {
        const pairs: [string, number | null][] = [[figure.numerator, row.numerator]];
        if (figure.denominator !== null) pairs.push([figure.denominator, row.denominator]);
        for (const [count, value] of pairs) {
          const seen = byCount.get(count) ?? new Map<string, number | null>();
          if (seen.has(row.cell.id)) expect(value).toBe(seen.get(row.cell.id));
          seen.set(row.cell.id, value);
          byCount.set(count, seen);
        }
      }
    }
    expect(byCount.get('visits')!.size).toBeGreaterThan(0);
  });
});
