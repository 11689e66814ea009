import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
} from 'class-validator';
import { RESOURCE_TYPES, type ResourceType } from '@leap/domain';
import { IsId, IsNestedObject } from '@leap/http';
import { IsLanguageTags } from '../language-tag';

export class PartnerContactDto {
  @IsOptional()
  @Matches(/^\+?[0-9][0-9 ().-]{2,29}$/, { message: 'phone must be a phone number such as +1 860 555 0100' })
  phone?: string;
  @IsOptional() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(500) url?: string;
}

export class RegisterPartnerDto {
  @IsId() districtId!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(RESOURCE_TYPES.length)
  @ArrayUnique()
  @IsIn(RESOURCE_TYPES, { each: true })
  resourceTypes!: ResourceType[];
  /** Languages the partner serves families in, e.g. `en`, `es`. */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsLanguageTags() languages?: string[];
  /** The organisation's public contact (not a person's). */
  @IsOptional() @IsNestedObject(() => PartnerContactDto) contact?: PartnerContactDto;
}

export class ListPartnersQueryDto {
  /** Required for state-wide tokens; others default to (and may only name) their own district. */
  @IsOptional() @IsId() districtId?: string;
  @IsOptional() @IsIn(RESOURCE_TYPES) resourceType?: ResourceType;
  /** `true`: only partners taking referrals; `false`: only deactivated ones. */
  @IsOptional() @IsIn(['true', 'false']) active?: 'true' | 'false';
}
