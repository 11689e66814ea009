import {
  assertNever,
  monthKey,
  type AttendanceMonth,
  type RosterEntry,
  type StudentAttendanceEvent,
  type StudentRostered,
} from '@leap/domain';
import { emptyStudentAttendance, type StudentAttendanceDoc } from './student-attendance-doc';

export type StudentFactEvent = StudentRostered | StudentAttendanceEvent;

export const STUDENT_FACT_EVENT_TYPES: readonly StudentFactEvent['type'][] = [
  'StudentRostered.v1',
  'AttendanceMonthRecorded.v1',
  'AttendanceMonthCorrected.v1',
];

/**
 * The document after one roster or attendance event. The latest roster entry wins (its `pii` is
 * never read here: `studentId` comes opened from the projection's `prepare`, or stays as it was);
 * the latest summary of a school and month supersedes the earlier ones, whichever kind it is.
 * Pure: it returns a new document and leaves `doc` untouched.
 */
export function evolveStudentAttendance(
  doc: StudentAttendanceDoc | null,
  event: StudentFactEvent,
  openedStudentId?: string | null,
): StudentAttendanceDoc {
  switch (event.type) {
    case 'StudentRostered.v1': {
      const { student, districtId, schoolId, grade, flags, homeLanguage } = event.data as RosterEntry;
      const base = doc ?? emptyStudentAttendance(student);
      return {
        ...base,
        roster: { districtId, schoolId, grade, flags: { ...flags }, homeLanguage: homeLanguage ?? null },
        studentId: openedStudentId === undefined ? base.studentId : openedStudentId,
      };
    }
    case 'AttendanceMonthRecorded.v1':
    case 'AttendanceMonthCorrected.v1': {
      const month: AttendanceMonth = event.data;
      const base = doc ?? emptyStudentAttendance(month.student);
      const year = { ...base.years[month.schoolYear] };
      year[monthKey(month.schoolId, month.month)] = {
        schoolId: month.schoolId,
        month: month.month,
        daysEnrolled: month.daysEnrolled,
        daysAbsent: month.daysAbsent,
      };
      return {
        ...base,
        attendanceDistrictId: month.districtId,
        years: { ...base.years, [month.schoolYear]: year },
      };
    }
    default:
      return assertNever(event);
  }
}
