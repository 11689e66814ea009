import {
  ArrayMaxSize,
  IsInt,
  Max,
  Min,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import {
  GRADES,
  PARTIAL_COUNTS_AS,
  STUDENT_FLAGS,
  TARGETING_APPROACHES,
  type Grade,
  type PartialCountsAs,
  type StudentFlag,
  type TargetingApproach,
} from '@leap/domain';
import { IsId, IsNestedObject } from '@leap/http';
import { IsRetentionPeriod } from '../retention';
import { IsIanaTimeZone } from '../time-zone';

export class TargetingDto {
  /** `district_wide`, `school_subset` (of `schoolIds`), `transition_grade` (of `grades`), `demographic_focus` (any of `flags`). */
  @IsIn(TARGETING_APPROACHES) approach!: TargetingApproach;
  /** The district's schools served first under `school_subset` (default none). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  schoolIds?: string[];
  /** Grades served first under `transition_grade` (default K, 6 and 9). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(GRADES.length)
  @ArrayUnique()
  @IsIn(GRADES, { each: true })
  grades?: Grade[];
  /** Flags served first under `demographic_focus` (default free/reduced lunch, English learner, housing insecure). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(STUDENT_FLAGS.length)
  @ArrayUnique()
  @IsIn(STUDENT_FLAGS, { each: true })
  flags?: StudentFlag[];
}

export class DistrictSettingsDto {
  /** Whether visitors without LEAP_101 may be assigned to families. */
  @IsBoolean() allowUntrainedVisitors!: boolean;
  /**
   * How long after a case's closure the family's personal data is kept before it is erased
   * automatically (`P3Y`, `P18M`; calendar time, one day to fifty years). Absent or null: kept
   * until someone erases it.
   */
  @IsOptional() @IsRetentionPeriod() retention?: string | null;
  /** Which students the district serves first; absent: district-wide. */
  @IsOptional() @IsNestedObject(() => TargetingDto) targeting?: TargetingDto;
  /** A month or year to date with fewer enrolled days has no tier yet (default 10). */
  @IsOptional() @IsInt() @Min(1) @Max(200) minimumEnrolledDays?: number;
  /** How an Ed-Fi `Partial` day counts in imported daily attendance (default `present`). */
  @IsOptional() @IsIn(PARTIAL_COUNTS_AS) partialAttendanceCountsAs?: PartialCountsAs;
}

export class RegisterDistrictDto {
  @IsId() districtId!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  /** The Regional Educational Service Center, e.g. `CREC`. */
  @IsId() regionId!: string;
  /** IANA time zone such as `America/New_York`. */
  @IsIanaTimeZone() timeZone!: string;
  /** Defaults to `{ "allowUntrainedVisitors": false }`. */
  @IsOptional() @IsNestedObject(() => DistrictSettingsDto) settings?: DistrictSettingsDto;
}

export class AddSchoolDto {
  @IsId() schoolId!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(GRADES.length)
  @ArrayUnique()
  @IsIn(GRADES, { each: true })
  grades!: Grade[];
}
