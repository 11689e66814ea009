import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
} from 'class-validator';
import { ORGANIZATION_TYPES, VISITOR_ROLES, type OrganizationType, type VisitorRole } from '@leap/domain';
import { IsBusinessDate, IsId, IsNestedObject } from '@leap/http';
import { IsLanguageTags } from '@leap/registry';

export class OrganizationDto {
  @IsIn(ORGANIZATION_TYPES) type!: OrganizationType;
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
}

export class RegisterVisitorDto {
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  /** The `sub` of the visitor's login, linking their token to this registry entry. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) subject?: string;
  @IsIn(VISITOR_ROLES) role!: VisitorRole;
  @IsNestedObject(() => OrganizationDto) organization!: OrganizationDto;
  @IsId() districtId!: string;
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsLanguageTags()
  languages?: string[];
}

export class VisitorTrainingDto {
  /** Training code such as `LEAP_101`. */
  @Matches(/^[A-Z0-9_]{2,50}$/, { message: 'training must be a code such as LEAP_101' }) training!: string;
  @IsBusinessDate() completedOn!: string;
}

export class ListVisitorsQueryDto {
  /** For state-wide tokens: which district to list. */
  @IsOptional() @IsId() districtId?: string;
}
