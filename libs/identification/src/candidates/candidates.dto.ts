import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { Grade, TargetingApproach, Tier } from '@leap/domain';
import { ApiInteger, IsId } from '@leap/http';
import type { CandidateReason, TrendDirection } from '../domain/need-score';

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** `GET /v1/identification-candidates` query. Unknown parameters are refused (400). */
export class ListCandidatesQuery {
  /** Required of a state-wide admin; a district token lists its own district. */
  @IsOptional() @IsId({ message: 'districtId must be a district id' }) districtId?: string;
  @IsOptional() @IsId({ message: 'schoolId must be a school id' }) schoolId?: string;
  /** `nextCursor` of the previous page. */
  @IsOptional() @IsString() @Length(1, 500) cursor?: string;
  /** Candidates per page (default 50). */
  @IsOptional() @ApiInteger() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) limit?: number;
  /** A position returned by a command: answer only once the attendance and case read models reflect it. */
  @IsOptional() @IsString() @Length(1, 100) minPosition?: string;
}

export class CandidateFlagsView {
  englishLearner!: boolean;
  freeReducedLunch!: boolean;
  housingInsecure!: boolean;
  iep!: boolean;
}

export class PeriodFiguresView {
  @ApiInteger() daysEnrolled!: number;
  @ApiInteger() daysAbsent!: number;
  /** Percent of enrolled days attended, one decimal. */
  rate!: number | null;
  /** Null below the district's minimum of enrolled days. */
  tier!: Tier | null;
}

export class MonthFiguresView extends PeriodFiguresView {
  /** `YYYY-MM`. */
  month!: string;
}

export class TrendView {
  direction!: TrendDirection;
  /** Percentage points of days absent: the latest month minus the mean of the (up to) two before it. */
  change!: number | null;
  /** The months compared, oldest first. */
  months!: string[];
}

/** A student who may need LEAP: no open case, covered by the district's targeting approach. */
export class CandidateView {
  /** The student's pseudonym (`stu_…`), stable within the installation. */
  student!: string;
  /**
   * The state student id, to identify the student with `POST /v1/cases`, for roles that see
   * personal data (null when the roster's personal data is unreadable); the pseudonym for others.
   */
  studentId!: string | null;
  districtId!: string;
  schoolId!: string;
  grade!: Grade;
  flags!: CandidateFlagsView;
  homeLanguage!: string | null;
  @ApiInteger() rank!: number;
  /** See the README: tier, trend, flags, then the share of days absent, as one integer. */
  @ApiInteger() needScore!: number;
  /** Why the student is listed, most important first (stable codes). */
  reasons!: CandidateReason[];
  /** The year-to-date tier. */
  tier!: Tier;
  trend!: TrendView;
  latestMonth!: MonthFiguresView;
  yearToDate!: PeriodFiguresView;
}

export class CandidatesTargetingView {
  approach!: TargetingApproach;
  schoolIds!: string[];
  grades!: Grade[];
  flags!: string[];
}

export class CandidatePage {
  items!: CandidateView[];
  /** Pass as `cursor` for the next page; null on the last one. */
  nextCursor!: string | null;
  districtId!: string;
  /** The school year ranked: the latest one with imported attendance in the district (null: none). */
  schoolYear!: string | null;
  targeting!: CandidatesTargetingView;
  @ApiInteger() minimumEnrolledDays!: number;
  /** The attendance read model reflects every event up to this position. */
  position!: string | null;
}
