import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsOptional,
  IsString,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { isPositiveDuration, parseDuration } from '@leap/domain';
import { IsNestedObject } from '@leap/http';

@ValidatorConstraint({ name: 'isPositiveIsoDuration' })
class IsPositiveIsoDuration implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    const duration = typeof value === 'string' ? parseDuration(value) : null;
    return duration !== null && isPositiveDuration(duration);
  }
  defaultMessage(): string {
    return '$property must be a positive ISO-8601 duration such as P7D or PT2S';
  }
}

export class RuleSettingDto {
  @IsOptional() @IsString() @Validate(IsPositiveIsoDuration) after?: string;
  @IsOptional() @IsBoolean() enabled?: boolean;
}

/** One optional entry per rule id; unknown rule ids are refused like any unknown field. */
export class RuleChangesDto {
  @IsOptional() @ValidateNested() @Type(() => RuleSettingDto) offer_consent?: RuleSettingDto;
  @IsOptional() @ValidateNested() @Type(() => RuleSettingDto) consent_answer?: RuleSettingDto;
  @IsOptional() @ValidateNested() @Type(() => RuleSettingDto) first_visit?: RuleSettingDto;
  @IsOptional() @ValidateNested() @Type(() => RuleSettingDto) next_visit?: RuleSettingDto;
  @IsOptional() @ValidateNested() @Type(() => RuleSettingDto) referral_outcome?: RuleSettingDto;
  @IsOptional() @ValidateNested() @Type(() => RuleSettingDto) attendance_escalation?: RuleSettingDto;
  @IsOptional() @ValidateNested() @Type(() => RuleSettingDto) no_contact?: RuleSettingDto;
}

export class ChangeFollowUpRulesDto {
  @IsNestedObject(() => RuleChangesDto) rules!: RuleChangesDto;
}
