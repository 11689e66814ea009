import type { StudentFlags } from '../case/events';
import type { Grade, TargetingApproach, Tier } from '../vocabulary';
import { tierOf } from './tier';

export type StudentFlag = keyof StudentFlags;
export const STUDENT_FLAGS: readonly StudentFlag[] = [
  'englishLearner',
  'freeReducedLunch',
  'housingInsecure',
  'iep',
];

/**
 * Which students a district serves first (district setting `targeting`, kept by coordinators):
 * - `district_wide`: every student;
 * - `school_subset`: students of `schoolIds`;
 * - `transition_grade`: students in `grades` (K, 6 and 9 by default);
 * - `demographic_focus`: students with at least one of `flags`.
 * Only the list the approach uses matters; the others are kept so switching back restores them.
 */
export interface TargetingSettings {
  approach: TargetingApproach;
  schoolIds: string[];
  grades: Grade[];
  flags: StudentFlag[];
}

export const DEFAULT_TARGETING: TargetingSettings = {
  approach: 'district_wide',
  schoolIds: [],
  grades: ['K', '6', '9'],
  flags: ['freeReducedLunch', 'englishLearner', 'housingInsecure'],
};

export function isTargeted(
  student: { schoolId: string; grade: Grade; flags: StudentFlags },
  targeting: TargetingSettings,
): boolean {
  switch (targeting.approach) {
    case 'district_wide':
      return true;
    case 'school_subset':
      return targeting.schoolIds.includes(student.schoolId);
    case 'transition_grade':
      return targeting.grades.includes(student.grade);
    case 'demographic_focus':
      return targeting.flags.some((flag) => student.flags[flag]);
  }
}

/** Fewer enrolled days than this (district setting `minimumEnrolledDays`) give no tier yet. */
export const DEFAULT_MINIMUM_ENROLLED_DAYS = 10;

/** The tier of a period, or null while it has fewer enrolled days than the district's minimum. */
export function tierAfterMinimum(
  daysEnrolled: number,
  daysAbsent: number,
  minimumEnrolledDays: number,
): Tier | null {
  return daysEnrolled < minimumEnrolledDays ? null : tierOf(daysEnrolled, daysAbsent);
}

/** Attendance rate in percent, one decimal (e.g. 87.5), or null with no enrolled day. */
export function attendanceRate(daysEnrolled: number, daysAbsent: number): number | null {
  if (daysEnrolled <= 0) return null;
  return Math.round(((daysEnrolled - daysAbsent) * 1000) / daysEnrolled) / 10;
}
