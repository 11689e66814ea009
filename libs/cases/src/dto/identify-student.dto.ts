import { Type } from 'class-transformer';
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
  ValidateNested,
} from 'class-validator';
import { GRADES, TARGETING_APPROACHES, type Grade, type TargetingApproach } from '@leap/domain';
import { IsBusinessDate, IsId, NotGreaterThan } from '@leap/http';

export class AttendanceFiguresDto {
  /** Days enrolled so far in the school year. */
  @IsInt() @Min(1) @Max(400) daysEnrolled!: number;
  /** Days absent for any reason (excused, unexcused, suspension). */
  @IsInt() @Min(0) @NotGreaterThan('daysEnrolled') daysAbsent!: number;
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

export class IdentifyStudentDto {
  /** State-assigned student id, unique across districts. */
  @IsId() studentId!: string;
  @IsId() districtId!: string;
  @IsId() schoolId!: string;
  @IsIn(GRADES) grade!: Grade;
  @IsBusinessDate() identifiedOn!: string;
  @ValidateNested() @Type(() => BaselineDto) baseline!: BaselineDto;
  @IsOptional() @ValidateNested() @Type(() => StudentFlagsDto) flags?: StudentFlagsDto;
  /** Home language, e.g. `es`. */
  @IsOptional() @IsString() @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/) homeLanguage?: string;
  /** Shared by siblings. */
  @IsOptional() @IsId() householdId?: string;
  /** School year such as `2026-27`. */
  @Matches(/^\d{4}-\d{2}$/, { message: 'schoolYear must look like 2026-27' }) schoolYear!: string;
  @IsIn(TARGETING_APPROACHES) targetingApproach!: TargetingApproach;
  @IsOptional() @ValidateNested() @Type(() => StudentPiiDto) pii?: StudentPiiDto;
}
