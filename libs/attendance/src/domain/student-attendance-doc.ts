import type { Grade, StudentFlags } from '@leap/domain';

/** What the roster says of a student (the latest `StudentRostered.v1`), without its `pii`. */
export interface RosterFacts {
  districtId: string;
  schoolId: string;
  grade: Grade;
  flags: StudentFlags;
  homeLanguage: string | null;
}

/** One school month's figures as last imported (the latest summary supersedes earlier ones). */
export interface SchoolMonthFigures {
  schoolId: string;
  /** `YYYY-MM`. */
  month: string;
  daysEnrolled: number;
  daysAbsent: number;
}

/**
 * The student-attendance read model's document, one per student pseudonym: the roster facts and,
 * per school year, the latest figures of each school and month (key `schoolId|month`). Tiers are
 * not stored: they depend on the district's `minimumEnrolledDays`, which may change, so they are
 * computed when read (`attendance-figures.ts`). `studentId` is the state student id opened from
 * the roster's `pii` (personal data: only shown to roles that see personal data), null when
 * unknown or unreadable.
 */
export interface StudentAttendanceDoc {
  student: string;
  roster: RosterFacts | null;
  studentId: string | null;
  /** The district of the latest attendance summary, for students not (yet) rostered. */
  attendanceDistrictId: string | null;
  years: Record<string, Record<string, SchoolMonthFigures>>;
}

export const emptyStudentAttendance = (student: string): StudentAttendanceDoc => ({
  student,
  roster: null,
  studentId: null,
  attendanceDistrictId: null,
  years: {},
});

export const districtOfStudent = (doc: StudentAttendanceDoc): string | null =>
  doc.roster?.districtId ?? doc.attendanceDistrictId;
