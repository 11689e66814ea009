import { seededUniform as random } from '@leap/domain';
import { determinedCells } from './derivation-attack';
import { buildGrid, type Place } from './grid';
import { suppressCounts, type LeafCounts, type Ratio } from './suppress-counts';
import { DEFAULT_SUPPRESSION_RULE } from './suppression-rule';

const MONTHS = ['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02'];
const RATIOS: Ratio[] = [{ numerator: 'visitsInPerson', denominator: 'visits' }];

/** A state of 1-3 regions, 1-3 districts each, 1-4 schools each; counts mostly small, some large. */
function randomTable(seed: number): { places: Place[]; leaves: LeafCounts[] } {
  const next = random(seed);
  const pick = (n: number) => 1 + Math.floor(next() * n);
  const places: Place[] = [];
  for (let r = 0; r < pick(3); r++) {
    for (let d = 0; d < pick(3); d++) {
      for (let s = 0; s < pick(4); s++)
        places.push({ regionId: `R${r}`, districtId: `d${r}-${d}`, schoolId: `s${s}` });
    }
  }
  const leaves = places.flatMap((place) =>
    MONTHS.map((month) => {
      const visits = next() < 0.3 ? 0 : Math.floor(next() * (next() < 0.5 ? 25 : 60));
      return { place, month, counts: { visits, visitsInPerson: Math.floor(visits * next()) } };
    }),
  );
  return { places, leaves };
}

describe('the derivation attack on random tables', () => {
  const seeds = Array.from({ length: 25 }, (_, i) => 1000 + i);

  it.each(seeds)('seed %i: no suppressed cell of any count is determined by what is published', (seed) => {
    const { places, leaves } = randomTable(seed);
    const grid = buildGrid(places, MONTHS);
    const tables = suppressCounts(
      grid,
      ['visits', 'visitsInPerson'],
      leaves,
      RATIOS,
      DEFAULT_SUPPRESSION_RULE,
    );
    for (const { suppressed } of tables.values()) {
      expect(determinedCells(suppressed, grid.relations)).toEqual([]);
    }
    // Not vacuous: the state's year total of visits is large enough to be published.
    expect(tables.get('visits')!.suppressed.has('state@year')).toBe(false);
  });

  it('has teeth: primary suppression alone leaves cells derivable in most of these tables', () => {
    let attackable = 0;
    for (const seed of seeds) {
      const { places, leaves } = randomTable(seed);
      const grid = buildGrid(places, MONTHS);
      const { values } = suppressCounts(grid, ['visits'], leaves, [], DEFAULT_SUPPRESSION_RULE).get(
        'visits',
      )!;
      const primary = new Set(grid.cells.map((c) => c.id).filter((id) => values.get(id)! < 6));
      if (determinedCells(primary, grid.relations).length > 0) attackable++;
    }
    expect(attackable).toBeGreaterThan(seeds.length / 2);
  });

  it('applies the primary rule: every numerator below 6 or denominator below 20 is hidden', () => {
    const { places, leaves } = randomTable(7);
    const grid = buildGrid(places, MONTHS);
    const tables = suppressCounts(
      grid,
      ['visits', 'visitsInPerson'],
      leaves,
      RATIOS,
      DEFAULT_SUPPRESSION_RULE,
    );
    const visits = tables.get('visits')!;
    const inPerson = tables.get('visitsInPerson')!;
    for (const { id } of grid.cells) {
      if (visits.values.get(id)! < 20) {
        expect(visits.suppressed.has(id)).toBe(true);
        expect(inPerson.suppressed.has(id)).toBe(true);
      }
      if (inPerson.values.get(id)! < 6) expect(inPerson.suppressed.has(id)).toBe(true);
    }
  });

  it('never lets hidden zeros about someone be read off a published total (counts are never negative)', () => {
    let zeroNumerators = 0;
    for (const seed of seeds) {
      const { places, leaves } = randomTable(seed);
      const grid = buildGrid(places, MONTHS);
      const tables = suppressCounts(
        grid,
        ['visits', 'visitsInPerson'],
        leaves,
        RATIOS,
        DEFAULT_SUPPRESSION_RULE,
      );
      const visits = tables.get('visits')!.values;
      const { values, suppressed } = tables.get('visitsInPerson')!;
      for (const { total, parts } of grid.relations) {
        const hidden = parts.filter((part) => suppressed.has(part));
        if (suppressed.has(total) || hidden.length === 0) continue;
        if (hidden.reduce((sum, part) => sum + values.get(part)!, 0) > 0) continue;
        // Only months or schools without a single visit may be known to have had no in-person visit.
        expect(hidden.map((part) => visits.get(part))).toEqual(hidden.map(() => 0));
      }
      zeroNumerators += grid.cells.filter((c) => values.get(c.id) === 0 && visits.get(c.id)! > 0).length;
    }
    expect(zeroNumerators).toBeGreaterThan(0);
  });
});

describe('a crafted state where primary suppression alone is attackable', () => {
  // One region, one district, schools a (3 in-person visits of 25), b and c (large): the district's
  // published month total minus b and c gives a; the school's year total minus its other months too.
  const places: Place[] = ['a', 'b', 'c'].map((schoolId) => ({
    regionId: 'CREC',
    districtId: 'd1',
    schoolId,
  }));
  const leaves: LeafCounts[] = places.flatMap((place) =>
    MONTHS.map((month) => ({
      place,
      month,
      counts:
        place.schoolId === 'a' && month === '2026-10'
          ? { visits: 25, visitsInPerson: 3 }
          : { visits: 40, visitsInPerson: 30 },
    })),
  );
  const grid = buildGrid(places, MONTHS);
  const inPerson = suppressCounts(
    grid,
    ['visits', 'visitsInPerson'],
    leaves,
    RATIOS,
    DEFAULT_SUPPRESSION_RULE,
  ).get('visitsInPerson')!;
  const small = grid.leafId(places[0]!, '2026-10');

  it('is broken by subtraction when only the small cell is hidden', () => {
    expect(determinedCells(new Set([small]), grid.relations)).toEqual([small]);
  });

  it('hides the small cell and enough others that it cannot be solved for', () => {
    expect(inPerson.suppressed.has(small)).toBe(true);
    expect(inPerson.suppressed.size).toBeGreaterThanOrEqual(4);
    expect(determinedCells(inPerson.suppressed, grid.relations)).toEqual([]);
  });
});
