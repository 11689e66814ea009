import { DEFAULT_TARGETING, type StudentFlags } from '@leap/domain';
import type { StudentAttendanceDoc } from '@leap/attendance';
import { byNeed, candidateOf, needScoreOf, trendOf } from './need-score';

const noFlags: StudentFlags = {
  englishLearner: false,
  freeReducedLunch: false,
  housingInsecure: false,
  iep: false,
};
const doc = (
  student: string,
  months: Array<[string, number, number]>,
  roster: Partial<NonNullable<StudentAttendanceDoc['roster']>> = {},
): StudentAttendanceDoc => ({
  student,
  studentId: null,
  attendanceDistrictId: 'd1',
  roster: { districtId: 'd1', schoolId: 's1', grade: '6', flags: noFlags, homeLanguage: null, ...roster },
  years: {
    '2025-26': Object.fromEntries(
      months.map(([month, daysEnrolled, daysAbsent]) => [
        `s1|${month}`,
        { schoolId: 's1', month, daysEnrolled, daysAbsent },
      ]),
    ),
  },
});
const settings = { targeting: DEFAULT_TARGETING, minimumEnrolledDays: 10 };
const month = (m: string, daysEnrolled: number, daysAbsent: number) => ({
  month: m,
  daysEnrolled,
  daysAbsent,
  rate: null,
  tier: daysEnrolled >= 10 ? ('chronic' as const) : null,
});

describe('when the trend of the last months is read', () => {
  it('compares the latest month with the mean of the two before it', () => {
    const trend = trendOf([month('2025-09', 20, 0), month('2025-10', 20, 2), month('2025-11', 20, 4)]);
    expect(trend).toEqual({ direction: 'worsening', change: 15, months: ['2025-09', '2025-10', '2025-11'] });
    expect(trendOf([month('2025-09', 20, 4), month('2025-10', 20, 2)]).direction).toBe('improving');
    expect(trendOf([month('2025-09', 20, 2), month('2025-10', 20, 2)]).direction).toBe('steady');
  });

  it('is unknown with fewer than two months that have a tier', () => {
    expect(trendOf([month('2025-09', 5, 1), month('2025-10', 20, 2)])).toEqual({
      direction: 'unknown',
      change: null,
      months: ['2025-10'],
    });
  });
});

describe('when candidates are scored', () => {
  it('orders by tier, then trend, then free/reduced lunch, English learner and housing insecurity', () => {
    const ytd = { daysEnrolled: 40, daysAbsent: 4, rate: 90, tier: 'chronic' as const };
    expect(needScoreOf('severe_chronic', 'improving', noFlags, ytd)).toBeGreaterThan(
      needScoreOf('chronic', 'worsening', { ...noFlags, freeReducedLunch: true }, ytd),
    );
    expect(needScoreOf('chronic', 'worsening', noFlags, ytd)).toBeGreaterThan(
      needScoreOf('chronic', 'steady', { ...noFlags, freeReducedLunch: true, englishLearner: true }, ytd),
    );
    expect(needScoreOf('chronic', 'steady', { ...noFlags, freeReducedLunch: true }, ytd)).toBeGreaterThan(
      needScoreOf('chronic', 'steady', { ...noFlags, englishLearner: true, housingInsecure: true }, ytd),
    );
  });

  it('lists students at risk or worse, none below the minimum of enrolled days', () => {
    expect(candidateOf(doc('a', [['2025-09', 20, 1]]), settings, '2025-26')).toMatchObject({
      tier: 'at_risk',
      reasons: ['year_to_date_at_risk'],
    });
    expect(candidateOf(doc('b', [['2025-09', 20, 0]]), settings, '2025-26')).toBeNull();
    expect(candidateOf(doc('c', [['2025-09', 9, 5]]), settings, '2025-26')).toBeNull();
  });

  it('leaves out students the targeting approach does not cover', () => {
    const transition = {
      ...settings,
      targeting: { ...DEFAULT_TARGETING, approach: 'transition_grade' as const },
    };
    expect(candidateOf(doc('a', [['2025-09', 20, 4]], { grade: '7' }), transition, '2025-26')).toBeNull();
    expect(
      candidateOf(doc('a', [['2025-09', 20, 4]], { grade: '9' }), transition, '2025-26')?.reasons,
    ).toEqual(['year_to_date_severe_chronic', 'latest_month_chronic', 'targeted_grade']);
  });

  it('sorts equal scores by pseudonym', () => {
    const a = candidateOf(doc('stu_b', [['2025-09', 20, 2]]), settings, '2025-26')!;
    const b = candidateOf(doc('stu_a', [['2025-09', 20, 2]]), settings, '2025-26')!;
    expect([a, b].sort(byNeed).map((c) => c.student)).toEqual(['stu_a', 'stu_b']);
  });
});
