import {
  ArrayMaxSize,
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
import { GRADES, type Grade } from '@leap/domain';
import { IsId, IsNestedObject } from '@leap/http';
import { IsRetentionPeriod } from '../retention';
import { IsIanaTimeZone } from '../time-zone';

export class DistrictSettingsDto {
  /** Whether visitors without LEAP_101 may be assigned to families. */
  @IsBoolean() allowUntrainedVisitors!: boolean;
  /**
   * How long after a case's closure the family's personal data is kept before it is erased
   * automatically (`P3Y`, `P18M`; calendar time, one day to fifty years). Absent or null: kept
   * until someone erases it.
   */
  @IsOptional() @IsRetentionPeriod() retention?: string | null;
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
