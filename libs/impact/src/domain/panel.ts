/**
 * The student-month panel the impact estimator reads: every student of the scope, served or not,
 * with the school months they have attendance for. Coded fields and pseudonyms only.
 */
export type GradeBand = 'PK-5' | '6-12';
export type FirstVisitLocation = 'in_person' | 'remote';
/** Who made the first held visit: school staff, community partners, or a pair of both. */
export type VisitorOrganization = 'school' | 'community' | 'mixed';

export interface PanelMonth {
  /** `YYYY-MM`, a calendar month with school days. */
  month: string;
  schoolId: string;
  gradeBand: GradeBand;
  daysEnrolled: number;
  daysAbsent: number;
}

export interface PanelFirstVisit {
  /** `YYYY-MM-DD`: the business date of the first held (not voided) visit. */
  date: string;
  location: FirstVisitLocation;
  organization: VisitorOrganization;
}

export interface PanelStudent {
  /** The student's pseudonym. */
  student: string;
  districtId: string;
  englishLearner: boolean;
  /** Null for a student never served (no held visit). */
  firstVisit: PanelFirstVisit | null;
  months: readonly PanelMonth[];
}

export const FIRST_EVENT_MONTH = -3;
export const LAST_EVENT_MONTH = 9;
/** The pre-period the estimates are relative to: event months −3 … −1. */
export const PRE_PERIOD: readonly number[] = [-3, -2, -1];

export const gradeBandOfGrade = (grade: string): GradeBand =>
  ['PK', 'K', '1', '2', '3', '4', '5'].includes(grade) ? 'PK-5' : '6-12';

/**
 * A month's place on the school-month axis, which skips the summer: September is the first school
 * month of a school year and June the last (tenth), so June 2025 + 1 school month is September 2025.
 * July and August belong to no school month; they are counted as the September that follows.
 */
export function schoolMonthIndex(month: string): number {
  const year = Number(month.slice(0, 4));
  const calendarMonth = Number(month.slice(5, 7));
  if (calendarMonth === 7 || calendarMonth === 8) return year * 10;
  const startYear = calendarMonth >= 9 ? year : year - 1;
  const offset = calendarMonth >= 9 ? calendarMonth - 9 : calendarMonth + 3;
  return startYear * 10 + offset;
}
