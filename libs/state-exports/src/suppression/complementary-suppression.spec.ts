import { complementarySuppression, type Relation } from './complementary-suppression';
import { determinedCells } from './derivation-attack';

const values = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('complementary suppression', () => {
  describe('when a district total has exactly one suppressed school', () => {
    const relations: Relation[] = [{ total: 'district', parts: ['a', 'b', 'c'] }];
    const counts = values({ district: 25, a: 3, b: 12, c: 10 });

    it('is attackable with primary suppression alone: the school follows by subtraction', () => {
      expect(determinedCells(new Set(['a']), relations)).toEqual(['a']);
    });

    it('also suppresses the next smallest school, and nothing is derivable any more', () => {
      const suppressed = complementarySuppression(counts, ['a'], relations);
      expect([...suppressed].sort()).toEqual(['a', 'c']);
      expect(determinedCells(suppressed, relations)).toEqual([]);
    });
  });

  describe('when a suppressed total has all its parts published', () => {
    it('suppresses its smallest part, since the total would be their sum', () => {
      const relations: Relation[] = [{ total: 'district', parts: ['a', 'b'] }];
      const suppressed = complementarySuppression(
        values({ district: 30, a: 20, b: 10 }),
        ['district'],
        relations,
      );
      expect([...suppressed].sort()).toEqual(['b', 'district']);
    });
  });

  describe('when a total has a single part', () => {
    it('suppresses the total together with the part (they are equal)', () => {
      const relations: Relation[] = [{ total: 'district', parts: ['a'] }];
      const suppressed = complementarySuppression(values({ district: 4, a: 4 }), ['a'], relations);
      expect([...suppressed].sort()).toEqual(['a', 'district']);
    });
  });

  describe('when suppressed parts of a published total add up to zero', () => {
    it('suppresses a part with a count too, so the zeros cannot be read off (counts are never negative)', () => {
      const relations: Relation[] = [{ total: 'district', parts: ['a', 'b', 'c'] }];
      const suppressed = complementarySuppression(
        values({ district: 10, a: 10, b: 0, c: 0 }),
        ['b', 'c'],
        relations,
      );
      expect([...suppressed].sort()).toEqual(['a', 'b', 'c']);
    });

    it('leaves them when they hold nobody (a zero there tells nothing about anyone)', () => {
      const relations: Relation[] = [{ total: 'district', parts: ['a', 'b', 'c'] }];
      const counts = values({ district: 10, a: 10, b: 0, c: 0 });
      const suppressed = complementarySuppression(counts, ['b', 'c'], relations, new Set(['b', 'c']));
      expect([...suppressed].sort()).toEqual(['b', 'c']);
    });
  });

  describe('when schools and months cross (a two-way table with margins)', () => {
    // rows: schools s1, s2; columns: months m1, m2; margins: school years and the district by month.
    const relations: Relation[] = [
      { total: 's1@y', parts: ['s1@m1', 's1@m2'] },
      { total: 's2@y', parts: ['s2@m1', 's2@m2'] },
      { total: 'd@m1', parts: ['s1@m1', 's2@m1'] },
      { total: 'd@m2', parts: ['s1@m2', 's2@m2'] },
      { total: 'd@y', parts: ['d@m1', 'd@m2'] },
      { total: 'd@y', parts: ['s1@y', 's2@y'] },
    ];
    const counts = values({
      's1@m1': 2,
      's1@m2': 30,
      's2@m1': 40,
      's2@m2': 50,
      's1@y': 32,
      's2@y': 90,
      'd@m1': 42,
      'd@m2': 80,
      'd@y': 122,
    });

    it('keeps suppressing until the fixed point: one pass over the margins is not enough', () => {
      const suppressed = complementarySuppression(counts, ['s1@m1'], relations);
      expect([...suppressed].sort()).toEqual(['s1@m1', 's1@m2', 's2@m1', 's2@m2']);
      expect(determinedCells(suppressed, relations)).toEqual([]);
    });

    it('would leave every hidden cell derivable if it stopped after the first round', () => {
      const firstRound = new Set(['s1@m1', 's1@m2', 's2@m1']);
      expect(determinedCells(firstRound, relations).sort()).toEqual(['s1@m1', 's1@m2', 's2@m1']);
    });
  });
});
