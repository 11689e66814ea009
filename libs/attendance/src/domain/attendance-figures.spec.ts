import type { AttendanceMonth, StudentRostered } from '@leap/domain';
import { yearFiguresOf } from './attendance-figures';
import { evolveStudentAttendance, type StudentFactEvent } from './evolve-student-attendance';
import { baselineOf } from './imported-student';
import type { StudentAttendanceDoc } from './student-attendance-doc';

const month = (
  schoolId: string,
  yearMonth: string,
  daysEnrolled: number,
  daysAbsent: number,
): AttendanceMonth => ({
  student: 'stu_a',
  districtId: 'd1',
  schoolId,
  schoolYear: '2025-26',
  month: yearMonth,
  partialCountsAs: 'present',
  daysEnrolled,
  daysAbsent,
  byCategory: null,
  days: null,
  periods: [{ start: `${yearMonth}-01`, end: `${yearMonth}-28`, daysEnrolled, daysAbsent }],
});
const recorded = (data: AttendanceMonth): StudentFactEvent => ({ type: 'AttendanceMonthRecorded.v1', data });
const fold = (events: StudentFactEvent[]): StudentAttendanceDoc =>
  events.reduce<StudentAttendanceDoc | null>((doc, event) => evolveStudentAttendance(doc, event), null)!;

describe('when a month’s tier is computed', () => {
  it.each([
    [20, 0, 'satisfactory'],
    [20, 1, 'at_risk'], // exactly 5%
    [20, 2, 'chronic'], // exactly 10%
    [20, 4, 'severe_chronic'], // exactly 20%
    [10, 2, 'severe_chronic'], // exactly the minimum of enrolled days
    [9, 5, null], // below the minimum: no tier
  ] as const)('puts %i enrolled / %i absent days in %s', (enrolled, absent, tier) => {
    const figures = yearFiguresOf(fold([recorded(month('s1', '2025-09', enrolled, absent))]), '2025-26', 10);
    expect(figures.months).toEqual([
      expect.objectContaining({ month: '2025-09', daysEnrolled: enrolled, daysAbsent: absent, tier }),
    ]);
    expect(figures.yearToDate.tier).toBe(tier);
  });

  it('follows the district’s minimum of enrolled days', () => {
    const doc = fold([recorded(month('s1', '2025-09', 12, 3))]);
    expect(yearFiguresOf(doc, '2025-26', 15).yearToDate.tier).toBeNull();
    expect(yearFiguresOf(doc, '2025-26', 12).yearToDate.tier).toBe('severe_chronic');
  });
});

describe('when months come from several schools and corrections', () => {
  it('keeps the latest figures of each school and month and sums schools within a month', () => {
    const doc = fold([
      recorded(month('s1', '2025-09', 10, 0)),
      { type: 'AttendanceMonthCorrected.v1', data: { ...month('s1', '2025-09', 10, 2), corrected: ['x'] } },
      recorded(month('s2', '2025-09', 10, 0)),
      recorded(month('s2', '2025-10', 20, 4)),
    ]);
    const figures = yearFiguresOf(doc, '2025-26', 10);
    expect(figures.months).toEqual([
      { month: '2025-09', daysEnrolled: 20, daysAbsent: 2, rate: 90, tier: 'chronic' },
      { month: '2025-10', daysEnrolled: 20, daysAbsent: 4, rate: 80, tier: 'severe_chronic' },
    ]);
    expect(figures.yearToDate).toEqual({ daysEnrolled: 40, daysAbsent: 6, rate: 85, tier: 'chronic' });
  });

  it('takes the roster facts from the latest entry, without its pii', () => {
    const rostered = (grade: '6' | '7'): StudentRostered => ({
      type: 'StudentRostered.v1',
      data: {
        student: 'stu_a',
        districtId: 'd1',
        schoolId: 's1',
        grade,
        flags: { englishLearner: true, freeReducedLunch: false, housingInsecure: false, iep: false },
        homeLanguage: 'es',
        pii: { studentId: 'S-1' },
      },
    });
    const doc = fold([rostered('6'), rostered('7')]);
    expect(doc.roster).toMatchObject({ grade: '7', homeLanguage: 'es', districtId: 'd1' });
    expect(JSON.stringify(doc)).not.toContain('S-1');
  });
});

describe('when an identification takes its baseline from imported months', () => {
  const doc = fold([
    recorded(month('s1', '2025-09', 20, 2)),
    recorded(month('s1', '2025-10', 20, 4)),
    recorded(month('s1', '2025-11', 8, 1)),
  ]);

  it('counts the months ended by the identification date, as of the last one’s end', () => {
    expect(baselineOf(doc, '2025-11-20')).toEqual({ asOf: '2025-10-31', daysEnrolled: 40, daysAbsent: 6 });
    expect(baselineOf(doc, '2025-11-30')).toEqual({ asOf: '2025-11-30', daysEnrolled: 48, daysAbsent: 7 });
  });

  it('has none before the first imported month ended', () => {
    expect(baselineOf(doc, '2025-09-15')).toBeNull();
  });
});
