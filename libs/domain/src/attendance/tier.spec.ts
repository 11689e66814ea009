import { isValidAttendance, tierOf } from './tier';

describe('when the tier of an attendance period is computed', () => {
  it.each([
    [20, 0, 'satisfactory'],
    [100, 4, 'satisfactory'],
    [20, 1, 'at_risk'], // exactly 5%
    [100, 9, 'at_risk'],
    [20, 2, 'chronic'], // exactly 10%
    [100, 19, 'chronic'],
    [10, 2, 'severe_chronic'], // exactly 20%
    [20, 20, 'severe_chronic'],
  ] as const)('puts %i enrolled / %i absent days in %s', (enrolled, absent, tier) => {
    expect(tierOf(enrolled, absent)).toBe(tier);
  });

  it('keeps shares just under a boundary in the lower band', () => {
    expect(tierOf(1000, 49)).toBe('satisfactory');
    expect(tierOf(1000, 99)).toBe('at_risk');
    expect(tierOf(1000, 199)).toBe('chronic');
  });

  it('lands on the boundary where float division would drift (3 of 30 days is chronic)', () => {
    expect(tierOf(30, 3)).toBe('chronic');
    expect(tierOf(60, 3)).toBe('at_risk');
  });

  it('treats a period with no enrolled days as satisfactory', () => {
    expect(tierOf(0, 0)).toBe('satisfactory');
  });
});

describe('when attendance figures are validated', () => {
  it('accepts whole non-negative days with absences within enrolment', () => {
    expect(isValidAttendance(20, 20)).toBe(true);
    expect(isValidAttendance(0, 0)).toBe(true);
  });

  it('rejects more absent than enrolled days, negatives and fractions', () => {
    expect(isValidAttendance(10, 11)).toBe(false);
    expect(isValidAttendance(-1, 0)).toBe(false);
    expect(isValidAttendance(10, 1.5)).toBe(false);
  });
});
