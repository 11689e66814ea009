import {
  DAY_CODES,
  daysInMonth,
  NO_RECORD,
  type AttendanceCategory,
  type MonthDays,
  type PartialCountsAs,
  type PeriodSummary,
} from '@leap/domain';
import type { BusinessDay } from './attendance-values';

/** What a file brings for one student, school and month, and the line that first named it. */
export interface AccumulatedMonth {
  schoolId: string;
  month: string;
  schoolYear: string;
  firstLine: number;
  /** Rows of the file that went into the month. */
  rows: number;
  /** Daily files: one char code per day of the month (`DAY_CODES`, `.` for no record). */
  days: Uint8Array | null;
  /** Period files: every period of the month, as the file gives them. */
  periods: PeriodSummary[] | null;
  /** Daily files: the student's days seen in this month, in any school (shared by the month's schools). */
  seen: { bits: number } | null;
}

/** A student's share of the file; rows reach it directly (no lookup by student per row). */
export interface StudentAccumulation {
  student: string;
  districtId: string;
  partialCountsAs: PartialCountsAs;
  months: Map<string, AccumulatedMonth>;
  /** The month the last row went to: consecutive rows of a student mostly share it. */
  last: AccumulatedMonth | null;
  /** Daily files: per month, a bit per day already seen (in any school), to find duplicate rows. */
  seenDays: Map<string, { bits: number }>;
  lastSeen: { month: string; seen: { bits: number } } | null;
  /** Period files: `start/end` of every period already seen. */
  seenPeriods: Set<string>;
}

/** One attendance stream's share of the file: a student's months of one school year. */
export interface StudentYear {
  student: string;
  districtId: string;
  schoolYear: string;
  partialCountsAs: PartialCountsAs;
  months: AccumulatedMonth[];
}

const CODE_OF = Object.fromEntries(
  Object.entries(DAY_CODES).map(([category, code]) => [category, code.charCodeAt(0)]),
) as Record<AttendanceCategory, number>;
const NO_RECORD_CODE = NO_RECORD.charCodeAt(0);

/**
 * The rows of a file folded into one entry per student, school and month as they are read: a daily
 * file's month is a few bytes whatever its order, so memory is bounded by students × months, never
 * by rows (a file sorted by date holds every student's months open at once, and that is fine).
 */
export class AttendanceAccumulator {
  private readonly students = new Map<string, StudentAccumulation>();

  /** The student's accumulation, made on the student's first accepted row. */
  studentFor(who: {
    student: string;
    districtId: string;
    partialCountsAs: PartialCountsAs;
  }): StudentAccumulation {
    let student = this.students.get(who.student);
    if (!student) {
      student = {
        ...who,
        months: new Map(),
        last: null,
        seenDays: new Map(),
        lastSeen: null,
        seenPeriods: new Set(),
      };
      this.students.set(who.student, student);
    }
    return student;
  }

  /** Records a day; `false` when the student already has a row for that date (the row is a duplicate). */
  addDay(
    student: StudentAccumulation,
    schoolId: string,
    day: BusinessDay,
    category: AttendanceCategory,
    line: number,
  ): boolean {
    const bit = 1 << (day.day - 1);
    let month = student.last;
    // Consecutive rows of a student mostly go to the month of its last row: one object to look at.
    if (month?.seen && month.month === day.month && month.schoolId === schoolId) {
      if (month.seen.bits & bit) return false;
      month.seen.bits |= bit;
    } else {
      const seen = this.seenOf(student, day.month);
      if (seen.bits & bit) return false;
      seen.bits |= bit;
      month = this.monthOf(student, schoolId, day.month, day.schoolYear, line);
      month.seen = seen;
    }
    month.days ??= new Uint8Array(daysInMonth(day.month)).fill(NO_RECORD_CODE);
    month.days[day.day - 1] = CODE_OF[category];
    month.rows += 1;
    return true;
  }

  /** Records a period (within one month); `false` when the student already has that period. */
  addPeriod(
    student: StudentAccumulation,
    schoolId: string,
    start: BusinessDay,
    period: PeriodSummary,
    line: number,
  ): boolean {
    const key = `${period.start}/${period.end}`;
    if (student.seenPeriods.has(key)) return false;
    student.seenPeriods.add(key);
    const month = this.monthOf(student, schoolId, start.month, start.schoolYear, line);
    (month.periods ??= []).push(period);
    month.rows += 1;
    return true;
  }

  /** Every student's school years, each ready to be decided against its stream. */
  *studentYears(): Generator<StudentYear> {
    for (const [student, accumulation] of this.students) {
      const byYear = new Map<string, AccumulatedMonth[]>();
      for (const month of accumulation.months.values()) {
        const months = byYear.get(month.schoolYear) ?? [];
        months.push(month);
        byYear.set(month.schoolYear, months);
      }
      for (const [schoolYear, months] of byYear) {
        const { districtId, partialCountsAs } = accumulation;
        yield { student, districtId, schoolYear, partialCountsAs, months };
      }
    }
  }

  private seenOf(student: StudentAccumulation, month: string): { bits: number } {
    if (student.lastSeen?.month === month) return student.lastSeen.seen;
    let seen = student.seenDays.get(month);
    if (!seen) {
      seen = { bits: 0 };
      student.seenDays.set(month, seen);
    }
    student.lastSeen = { month, seen };
    return seen;
  }

  private monthOf(
    student: StudentAccumulation,
    schoolId: string,
    month: string,
    schoolYear: string,
    line: number,
  ): AccumulatedMonth {
    const last = student.last;
    if (last !== null && last.month === month && last.schoolId === schoolId) return last;
    const key = `${schoolId}|${month}`;
    let accumulated = student.months.get(key);
    if (!accumulated) {
      accumulated = {
        schoolId,
        month,
        schoolYear,
        firstLine: line,
        rows: 0,
        days: null,
        periods: null,
        seen: null,
      };
      student.months.set(key, accumulated);
    }
    student.last = accumulated;
    return accumulated;
  }
}

/** The month's days as the domain writes them. */
export const monthDaysOf = (days: Uint8Array): MonthDays => Buffer.from(days).toString('latin1');
