import { emptyMonthDays, withDay } from './month-days';
import type { AttendanceCategory } from './categories';
import {
  decideMonth,
  evolveAttendanceYear,
  initialAttendanceYear,
  type IncomingMonth,
  type MonthDecision,
  type PeriodSummary,
  type StudentAttendanceEvent,
  type StudentAttendanceYear,
} from './student-attendance';

const header = {
  student: 'stu_1',
  districtId: 'd1',
  schoolId: 'sch-1',
  schoolYear: '2025-26',
  month: '2025-09',
  partialCountsAs: 'present' as const,
};

function daysOf(entries: Record<string, AttendanceCategory>): string {
  return Object.entries(entries).reduce(
    (days, [day, category]) => withDay(days, `2025-09-${day}`, category),
    emptyMonthDays('2025-09'),
  );
}
const daily = (
  entries: Record<string, AttendanceCategory>,
  more: Partial<IncomingMonth> = {},
): IncomingMonth => ({ ...header, days: daysOf(entries), ...more }) as IncomingMonth;
const periodic = (...periods: PeriodSummary[]): IncomingMonth => ({ ...header, periods });
const period = (start: string, end: string, daysEnrolled: number, daysAbsent: number): PeriodSummary => ({
  start: `2025-09-${start}`,
  end: `2025-09-${end}`,
  daysEnrolled,
  daysAbsent,
});

/** Given the events of a stream, the decision on an import. */
function given(...events: StudentAttendanceEvent[]) {
  const state: StudentAttendanceYear = events.reduce(evolveAttendanceYear, initialAttendanceYear());
  return { when: (incoming: IncomingMonth): MonthDecision => decideMonth(state, incoming) };
}
function appended(decision: MonthDecision): StudentAttendanceEvent {
  if (decision.outcome !== 'append') throw new Error(`expected an append, got ${decision.outcome}`);
  return decision.event;
}
const firstWeek = {
  '01': 'in_attendance',
  '02': 'excused_absence',
  '03': 'unexcused_absence',
  '04': 'tardy',
} as const;
const secondWeek = { '08': 'in_attendance', '09': 'early_departure', '10': 'unexcused_absence' } as const;

describe('when a month is imported from daily records', () => {
  it('records the first import with figures by category', () => {
    const event = appended(given().when(daily(firstWeek)));
    expect(event.type).toBe('AttendanceMonthRecorded.v1');
    expect(event.data).toMatchObject({
      ...header,
      daysEnrolled: 4,
      daysAbsent: 2,
      byCategory: { in_attendance: 1, excused_absence: 1, unexcused_absence: 1, tardy: 1, partial: 0 },
      days: `PEUT${'.'.repeat(26)}`,
      periods: null,
    });
  });

  it('writes the summary with its fields in the order stored summaries have them, and nothing else', () => {
    const event = appended(given().when(daily(firstWeek)));
    expect(JSON.stringify(event.data)).toBe(
      '{"student":"stu_1","districtId":"d1","schoolId":"sch-1","schoolYear":"2025-26","month":"2025-09",' +
        `"partialCountsAs":"present","days":"PEUT${'.'.repeat(26)}","daysEnrolled":4,"daysAbsent":2,` +
        '"byCategory":{"in_attendance":1,"excused_absence":1,"unexcused_absence":1,"tardy":1,' +
        '"early_departure":0,"partial":0},"periods":null}',
    );
  });

  it('adds a weekly extract to the month without shrinking it', () => {
    const first = appended(given().when(daily(firstWeek)));
    const event = appended(given(first).when(daily(secondWeek)));
    expect(event.type).toBe('AttendanceMonthRecorded.v1');
    expect(event.data).toMatchObject({ daysEnrolled: 7, daysAbsent: 3 });
    expect(event.data.days).toBe(`PEUT...PDU${'.'.repeat(20)}`);
  });

  it('appends nothing when the same days are imported again, alone or within a longer file', () => {
    const first = appended(given().when(daily(firstWeek)));
    expect(given(first).when(daily(firstWeek))).toEqual({ outcome: 'unchanged' });
    const both = appended(given(first).when(daily({ ...firstWeek, ...secondWeek })));
    expect(given(first, both).when(daily(secondWeek))).toEqual({ outcome: 'unchanged' });
  });

  it('corrects a changed category, naming its dates, and keeps the days the import leaves out', () => {
    const first = appended(given().when(daily({ ...firstWeek, ...secondWeek })));
    const event = appended(given(first).when(daily({ '02': 'in_attendance', '09': 'excused_absence' })));
    expect(event).toMatchObject({
      type: 'AttendanceMonthCorrected.v1',
      data: { corrected: ['2025-09-02', '2025-09-09'], daysEnrolled: 7, daysAbsent: 3 },
    });
    expect(event.data.days).toBe(`PPUT...PEU${'.'.repeat(20)}`);
  });

  it('counts partial days as present by default and as absent where the district says so', () => {
    const days = { '01': 'partial', '02': 'in_attendance' } as const;
    expect(appended(given().when(daily(days))).data).toMatchObject({ daysEnrolled: 2, daysAbsent: 0 });
    expect(appended(given().when(daily(days, { partialCountsAs: 'absent' }))).data).toMatchObject({
      daysEnrolled: 2,
      daysAbsent: 1,
      partialCountsAs: 'absent',
    });
  });

  it("re-counts recorded partial days after the district's setting changed, naming them", () => {
    const first = appended(given().when(daily({ '01': 'partial', '02': 'in_attendance' })));
    const event = appended(
      given(first).when(daily({ '02': 'in_attendance' }, { partialCountsAs: 'absent' })),
    );
    expect(event).toMatchObject({
      type: 'AttendanceMonthCorrected.v1',
      data: { corrected: ['2025-09-01'], daysAbsent: 1, partialCountsAs: 'absent' },
    });
  });

  it('appends nothing after a setting change when the month has no partial day', () => {
    const first = appended(given().when(daily(firstWeek)));
    expect(given(first).when(daily(firstWeek, { partialCountsAs: 'absent' }))).toEqual({
      outcome: 'unchanged',
    });
  });

  it('keeps schools and months apart', () => {
    const first = appended(given().when(daily(firstWeek)));
    const otherSchool = appended(given(first).when(daily(firstWeek, { schoolId: 'sch-2' })));
    expect(otherSchool).toMatchObject({ type: 'AttendanceMonthRecorded.v1', data: { schoolId: 'sch-2' } });
  });
});

describe('when a month is imported from period summaries', () => {
  it('records the first periods with their totals', () => {
    const event = appended(given().when(periodic(period('01', '14', 10, 1), period('15', '30', 11, 2))));
    expect(event).toMatchObject({
      type: 'AttendanceMonthRecorded.v1',
      data: { daysEnrolled: 21, daysAbsent: 3, byCategory: null, days: null },
    });
    expect(event.data.periods).toHaveLength(2);
  });

  it('adds a later period to the month (union), in date order', () => {
    const first = appended(given().when(periodic(period('15', '30', 11, 2))));
    const event = appended(given(first).when(periodic(period('01', '14', 10, 1))));
    expect(event.type).toBe('AttendanceMonthRecorded.v1');
    expect(event.data).toMatchObject({ daysEnrolled: 21, daysAbsent: 3 });
    expect(event.data.periods?.map((p) => p.start)).toEqual(['2025-09-01', '2025-09-15']);
  });

  it('appends nothing when the same period is imported again', () => {
    const first = appended(given().when(periodic(period('01', '14', 10, 1))));
    expect(given(first).when(periodic(period('01', '14', 10, 1)))).toEqual({ outcome: 'unchanged' });
  });

  it('corrects a period whose figures changed, naming it', () => {
    const first = appended(given().when(periodic(period('01', '14', 10, 1), period('15', '30', 11, 2))));
    const event = appended(given(first).when(periodic(period('01', '14', 10, 4))));
    expect(event).toMatchObject({
      type: 'AttendanceMonthCorrected.v1',
      data: { corrected: ['2025-09-01/2025-09-14'], daysEnrolled: 21, daysAbsent: 6 },
    });
  });

  it('rejects a period overlapping one already recorded, or another of the same import', () => {
    const first = appended(given().when(periodic(period('01', '14', 10, 1))));
    expect(given(first).when(periodic(period('10', '20', 8, 0)))).toEqual({
      outcome: 'rejected',
      reason: 'overlapping_period',
    });
    expect(given().when(periodic(period('01', '14', 10, 1), period('14', '30', 12, 0)))).toEqual({
      outcome: 'rejected',
      reason: 'overlapping_period',
    });
  });
});

describe('when a month was imported in the other shape', () => {
  it('rejects daily records for a month of period summaries, and the other way round', () => {
    const fromPeriods = appended(given().when(periodic(period('01', '30', 21, 2))));
    expect(given(fromPeriods).when(daily(firstWeek))).toEqual({
      outcome: 'rejected',
      reason: 'mixed_sources',
    });
    const fromDays = appended(given().when(daily(firstWeek)));
    expect(given(fromDays).when(periodic(period('01', '30', 21, 2)))).toEqual({
      outcome: 'rejected',
      reason: 'mixed_sources',
    });
  });
});
