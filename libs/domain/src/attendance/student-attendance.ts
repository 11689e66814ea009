import type { Grade } from '../vocabulary';
import type { ErasedMark, StudentFlags } from '../case/events';
import { DAY_CODES, NO_RECORD, type PartialCountsAs } from './categories';
import {
  categoryCountsOf,
  type CategoryCounts,
  figuresOfCounts,
  mergeMonthDays,
  type MonthDays,
  type MonthFigures,
} from './month-days';

/**
 * What the student information system says about every student, served or not: the roster and the
 * attendance. Streams are named by the student's keyed pseudonym (`stu_…`), never by the state id:
 *
 * - `student-<student>`: the roster, `StudentRostered.v1` each time an import brings something new
 *   (latest wins). Guardians' names and phones, and the state student id, are personal data in `pii`,
 *   sealed with the stream's own data key like a case's.
 * - `attendance-<student>-<schoolYear>` (e.g. `attendance-stu_ab12-2025-26`): one summary per
 *   school and school month, never one event per day. A later import of the same month appends a new
 *   summary only when it adds days (`AttendanceMonthRecorded.v1`) or changes some
 *   (`AttendanceMonthCorrected.v1`); the last summary of a school and month supersedes the earlier ones,
 *   which history keeps. No personal data: figures, codes and the pseudonym.
 */
export const studentStreamOf = (student: string): string => `student-${student}`;
export const attendanceStreamOf = (student: string, schoolYear: string): string =>
  `attendance-${student}-${schoolYear}`;
export const STUDENT_STREAM_PREFIX = 'student-';
export const ATTENDANCE_STREAM_PREFIX = 'attendance-';

export interface RosterPii extends ErasedMark {
  /** The state-assigned student id (a direct identifier). */
  studentId?: string;
  guardianName?: string;
  guardianPhone?: string;
}

export interface RosterEntry {
  student: string;
  districtId: string;
  schoolId: string;
  grade: Grade;
  flags: StudentFlags;
  /** BCP-47 tag, e.g. `es`, or null when the roster gives none. */
  homeLanguage: string | null;
}

export type StudentRostered = {
  type: 'StudentRostered.v1';
  data: RosterEntry & { pii: RosterPii };
};

/** A period summary as a file gives it: within one month, `start`..`end` inclusive. */
export interface PeriodSummary {
  start: string;
  end: string;
  daysEnrolled: number;
  daysAbsent: number;
}

export interface AttendanceMonth extends MonthFigures {
  student: string;
  districtId: string;
  schoolId: string;
  schoolYear: string;
  /** `YYYY-MM`. */
  month: string;
  /** How partial days were counted when these figures were made (the district's setting then). */
  partialCountsAs: PartialCountsAs;
  /** Daily files: days per category, and the days themselves. Null for period summaries. */
  byCategory: CategoryCounts | null;
  days: MonthDays | null;
  /** Period summaries: every period imported for the month. Null for daily files. */
  periods: PeriodSummary[] | null;
}

export type AttendanceMonthRecorded = { type: 'AttendanceMonthRecorded.v1'; data: AttendanceMonth };
/** Some days (or periods) already recorded changed: `corrected` names them (dates, or `start/end`). */
export type AttendanceMonthCorrected = {
  type: 'AttendanceMonthCorrected.v1';
  data: AttendanceMonth & { corrected: string[] };
};
export type StudentAttendanceEvent = AttendanceMonthRecorded | AttendanceMonthCorrected;

/** A student's school year: the latest summary of each school and month. */
export interface StudentAttendanceYear {
  months: Map<string, AttendanceMonth>;
}

export const monthKey = (schoolId: string, month: string): string => `${schoolId}|${month}`;

export const initialAttendanceYear = (): StudentAttendanceYear => ({ months: new Map() });

export function evolveAttendanceYear(
  state: StudentAttendanceYear,
  event: StudentAttendanceEvent,
): StudentAttendanceYear {
  const { corrected: _corrected, ...month } = event.data as AttendanceMonth & { corrected?: string[] };
  state.months.set(monthKey(month.schoolId, month.month), month);
  return state;
}

type MonthHeader = Pick<
  AttendanceMonth,
  'student' | 'districtId' | 'schoolId' | 'schoolYear' | 'month' | 'partialCountsAs'
>;
/** What one import brings for a student, school and month: days from a daily file, or period summaries. */
export type IncomingMonth = MonthHeader &
  ({ days: MonthDays; periods?: undefined } | { periods: PeriodSummary[]; days?: undefined });

export type MonthDecision =
  | { outcome: 'unchanged' }
  | { outcome: 'append'; event: StudentAttendanceEvent }
  /** The month was imported in the other shape (daily vs period summaries), or periods overlap. */
  | { outcome: 'rejected'; reason: 'mixed_sources' | 'overlapping_period' };

/**
 * The event an import appends for one student, school and month, given what the stream holds: none
 * when it brings nothing new (importing a file twice appends nothing), a summary when it only adds
 * days, a correction when it changes a day already recorded.
 */
export function decideMonth(state: StudentAttendanceYear, incoming: IncomingMonth): MonthDecision {
  const recorded = state.months.get(monthKey(incoming.schoolId, incoming.month)) ?? null;
  if (incoming.days !== undefined) {
    if (recorded && recorded.days === null) return { outcome: 'rejected', reason: 'mixed_sources' };
    return decideDays(recorded, incoming as MonthHeader & { days: MonthDays });
  }
  if (recorded && recorded.periods === null) return { outcome: 'rejected', reason: 'mixed_sources' };
  return decidePeriods(recorded, { ...incoming, periods: incoming.periods });
}

function decideDays(
  recorded: AttendanceMonth | null,
  incoming: MonthHeader & { days: MonthDays },
): MonthDecision {
  const base = recorded?.days ?? NO_RECORD.repeat(incoming.days.length);
  const { days, added, changed } = mergeMonthDays(base, incoming.days);
  // A change of the district's partial setting re-counts the partial days already recorded (only
  // those: a month without partial days keeps its figures, and an unchanged re-import stays a no-op).
  const recounted =
    recorded !== null && recorded.partialCountsAs !== incoming.partialCountsAs
      ? partialDaysOf(base).filter((day) => !changed.includes(day))
      : [];
  if (added.length === 0 && changed.length === 0 && recounted.length === 0) return { outcome: 'unchanged' };
  const byCategory = categoryCountsOf(days);
  const { daysEnrolled, daysAbsent } = figuresOfCounts(byCategory, incoming.partialCountsAs);
  // Field by field rather than spread (an import makes one per student and month), in the order
  // stored events have them.
  const month: AttendanceMonth = {
    student: incoming.student,
    districtId: incoming.districtId,
    schoolId: incoming.schoolId,
    schoolYear: incoming.schoolYear,
    month: incoming.month,
    partialCountsAs: incoming.partialCountsAs,
    days,
    daysEnrolled,
    daysAbsent,
    byCategory,
    periods: null,
  };
  if (changed.length === 0 && recounted.length === 0)
    return { outcome: 'append', event: { type: 'AttendanceMonthRecorded.v1', data: month } };
  const corrected = [...changed, ...recounted]
    .sort((a, b) => a - b)
    .map((day) => `${incoming.month}-${String(day).padStart(2, '0')}`);
  return { outcome: 'append', event: { type: 'AttendanceMonthCorrected.v1', data: { ...month, corrected } } };
}

/** Day numbers (1-based) recorded as partial. */
function partialDaysOf(days: MonthDays): number[] {
  const partial: number[] = [];
  for (let index = 0; index < days.length; index += 1)
    if (days[index] === DAY_CODES.partial) partial.push(index + 1);
  return partial;
}

function decidePeriods(
  recorded: AttendanceMonth | null,
  incoming: MonthHeader & { periods: PeriodSummary[] },
): MonthDecision {
  const periods = new Map((recorded?.periods ?? []).map((period) => [periodKey(period), period]));
  const corrected: string[] = [];
  let added = false;
  for (const period of incoming.periods) {
    const key = periodKey(period);
    const before = periods.get(key);
    if (before) {
      if (before.daysEnrolled === period.daysEnrolled && before.daysAbsent === period.daysAbsent) continue;
      corrected.push(key);
    } else {
      const overlaps = [...periods.values()].some(
        (other) => other.start <= period.end && period.start <= other.end,
      );
      if (overlaps) return { outcome: 'rejected', reason: 'overlapping_period' };
      added = true;
    }
    periods.set(key, period);
  }
  if (!added && corrected.length === 0) return { outcome: 'unchanged' };
  const all = [...periods.values()].sort((a, b) => a.start.localeCompare(b.start));
  const month: AttendanceMonth = {
    ...incoming,
    daysEnrolled: all.reduce((sum, period) => sum + period.daysEnrolled, 0),
    daysAbsent: all.reduce((sum, period) => sum + period.daysAbsent, 0),
    byCategory: null,
    days: null,
    periods: all,
  };
  if (corrected.length === 0)
    return { outcome: 'append', event: { type: 'AttendanceMonthRecorded.v1', data: month } };
  return { outcome: 'append', event: { type: 'AttendanceMonthCorrected.v1', data: { ...month, corrected } } };
}

const periodKey = (period: PeriodSummary): string => `${period.start}/${period.end}`;
