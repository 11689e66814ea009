import { attendanceRate, DEFAULT_TARGETING, isTargeted, tierAfterMinimum } from './targeting';

describe('when a tier needs a minimum of enrolled days', () => {
  it('gives no tier below the minimum, however many days were missed', () => {
    expect(tierAfterMinimum(9, 9, 10)).toBeNull();
    expect(tierAfterMinimum(0, 0, 10)).toBeNull();
  });

  it('gives the tier from the minimum on, with the bands landing on their boundaries', () => {
    expect(tierAfterMinimum(10, 0, 10)).toBe('satisfactory');
    expect(tierAfterMinimum(20, 1, 10)).toBe('at_risk'); // exactly 5%
    expect(tierAfterMinimum(10, 1, 10)).toBe('chronic'); // exactly 10%
    expect(tierAfterMinimum(10, 2, 10)).toBe('severe_chronic'); // exactly 20%
  });

  it('follows the district minimum', () => {
    expect(tierAfterMinimum(5, 1, 5)).toBe('severe_chronic');
    expect(tierAfterMinimum(19, 2, 20)).toBeNull();
  });
});

describe('when an attendance rate is computed', () => {
  it('is the share of enrolled days present, in percent with one decimal', () => {
    expect(attendanceRate(8, 1)).toBe(87.5);
    expect(attendanceRate(3, 1)).toBe(66.7);
    expect(attendanceRate(20, 0)).toBe(100);
    expect(attendanceRate(20, 20)).toBe(0);
  });

  it('is null without an enrolled day', () => {
    expect(attendanceRate(0, 0)).toBeNull();
  });
});

describe("when a district's targeting approach decides who is served first", () => {
  const student = {
    schoolId: 'sch-1',
    grade: '6' as const,
    flags: { englishLearner: false, freeReducedLunch: true, housingInsecure: false, iep: false },
  };

  it('takes every student district-wide', () => {
    expect(isTargeted(student, DEFAULT_TARGETING)).toBe(true);
  });

  it('takes the students of the chosen schools only', () => {
    expect(
      isTargeted(student, { ...DEFAULT_TARGETING, approach: 'school_subset', schoolIds: ['sch-1'] }),
    ).toBe(true);
    expect(
      isTargeted(student, { ...DEFAULT_TARGETING, approach: 'school_subset', schoolIds: ['sch-2'] }),
    ).toBe(false);
  });

  it('takes transition grades (K, 6, 9 by default)', () => {
    expect(isTargeted(student, { ...DEFAULT_TARGETING, approach: 'transition_grade' })).toBe(true);
    expect(
      isTargeted({ ...student, grade: '7' }, { ...DEFAULT_TARGETING, approach: 'transition_grade' }),
    ).toBe(false);
  });

  it('takes students with at least one of the focus flags', () => {
    const focus = { ...DEFAULT_TARGETING, approach: 'demographic_focus' as const };
    expect(isTargeted(student, focus)).toBe(true);
    expect(isTargeted(student, { ...focus, flags: ['englishLearner', 'iep'] })).toBe(false);
  });
});
