import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { GRADES, TARGETING_APPROACHES, type Grade, type TargetingApproach } from '@leap/domain';
import {
  ApiInteger,
  IsBusinessDate,
  IsId,
  IsNestedObject,
  IsSchoolYearOf,
  NestedDateNotAfter,
  NotGreaterThan,
} from '@leap/http';

export class AttendanceFiguresDto {
  /** Days enrolled so far in the school year. */
  @ApiInteger() @IsInt() @Min(1) @Max(400) daysEnrolled!: number;
  /** Days absent for any reason (excused, unexcused, suspension). */
  @ApiInteger() @IsInt() @Min(0) @NotGreaterThan('daysEnrolled') daysAbsent!: number;
}

export class BaselineDto extends AttendanceFiguresDto {
  @IsBusinessDate() asOf!: string;
}

export class StudentFlagsDto {
  @IsOptional() @IsBoolean() englishLearner?: boolean;
  @IsOptional() @IsBoolean() freeReducedLunch?: boolean;
  @IsOptional() @IsBoolean() housingInsecure?: boolean;
  @IsOptional() @IsBoolean() iep?: boolean;
}

/** Personally identifying data, kept together so it can be encrypted or erased per household. */
export class StudentPiiDto {
  @IsOptional() @IsString() @MaxLength(200) studentName?: string;
  @IsOptional() @IsString() @MaxLength(200) guardianName?: string;
  @IsOptional() @IsString() @MaxLength(50) guardianPhone?: string;
  @IsOptional() @IsString() @MaxLength(500) address?: string;
}

/**
 * Whether imported data could stand in for a field the body leaves out: only once the body names a
 * student, a district and a date to look the student up by. Otherwise the field is required here
 * (400 with its path, beside the other field errors); with them, the command looks the student up
 * and answers 400 with the paths neither the body nor the imported data gives.
 */
const ImportableUnlessGiven = () =>
  ValidateIf((body: Record<string, unknown>, value: unknown) => value !== undefined || !canLookUp(body));
const canLookUp = (body: Record<string, unknown>): boolean =>
  typeof body.studentId === 'string' &&
  body.studentId !== '' &&
  typeof body.districtId === 'string' &&
  body.districtId !== '' &&
  typeof body.identifiedOn === 'string' &&
  /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(body.identifiedOn);

/**
 * `POST /v1/cases`. `schoolId`, `grade`, `baseline`, `flags`, `homeLanguage`, `targetingApproach`
 * and the guardian's contact may be left out when the district has imported the student (roster,
 * attendance): they are then taken from the imported data (the district's current targeting
 * approach; the baseline as of the end of the last imported month ended by `identifiedOn`).
 * Without imported data the first four are required (400 naming them).
 */
export class IdentifyStudentDto {
  /** State-assigned student id, unique across districts. */
  @IsId() studentId!: string;
  @IsId() districtId!: string;
  @ImportableUnlessGiven() @IsId() schoolId?: string;
  @ImportableUnlessGiven() @IsIn(GRADES) grade?: Grade;
  @IsBusinessDate() identifiedOn!: string;
  /** The attendance that led to the identification: measured on or before `identifiedOn`. */
  @ImportableUnlessGiven()
  @IsNestedObject(() => BaselineDto)
  @NestedDateNotAfter('asOf', 'identifiedOn')
  baseline?: BaselineDto;
  @IsOptional() @IsNestedObject(() => StudentFlagsDto) flags?: StudentFlagsDto;
  /** Home language, e.g. `es`. */
  @IsOptional() @IsString() @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/) homeLanguage?: string;
  /** Shared by siblings. */
  @IsOptional() @IsId() householdId?: string;
  /** School year such as `2026-27` (July to June); derived from `identifiedOn` when omitted. */
  @IsOptional() @IsSchoolYearOf('identifiedOn') schoolYear?: string;
  @ImportableUnlessGiven() @IsIn(TARGETING_APPROACHES) targetingApproach?: TargetingApproach;
  @IsOptional() @IsNestedObject(() => StudentPiiDto) pii?: StudentPiiDto;
}
