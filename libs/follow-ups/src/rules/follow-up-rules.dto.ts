import {
  IsBoolean,
  IsOptional,
  IsString,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { checkRuleThreshold } from '@leap/domain';
import { IsNestedObject } from '@leap/http';

/** The domain's bounds (PT1S to P2Y), so a threshold the planner cannot use is refused with a 400. */
@ValidatorConstraint({ name: 'isRuleThreshold' })
class IsRuleThreshold implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return checkRuleThreshold(value).ok;
  }
  defaultMessage(args: ValidationArguments): string {
    const check = checkRuleThreshold(args.value);
    return `$property ${check.ok ? 'is not a rule threshold' : check.reason}`;
  }
}

export class RuleSettingDto {
  /** How long after the triggering event the follow-up falls due: an ISO-8601 duration from `PT1S` to `P2Y`, e.g. `P7D`. */
  @IsOptional() @IsString() @Validate(IsRuleThreshold) after?: string;
  /** A rule turned off raises nothing. */
  @IsOptional() @IsBoolean() enabled?: boolean;
}

/** One optional entry per rule id; unknown rule ids are refused like any unknown field. */
export class RuleChangesDto {
  @IsOptional() @IsNestedObject(() => RuleSettingDto) offer_consent?: RuleSettingDto;
  @IsOptional() @IsNestedObject(() => RuleSettingDto) consent_answer?: RuleSettingDto;
  @IsOptional() @IsNestedObject(() => RuleSettingDto) first_visit?: RuleSettingDto;
  @IsOptional() @IsNestedObject(() => RuleSettingDto) next_visit?: RuleSettingDto;
  @IsOptional() @IsNestedObject(() => RuleSettingDto) referral_outcome?: RuleSettingDto;
  @IsOptional() @IsNestedObject(() => RuleSettingDto) attendance_escalation?: RuleSettingDto;
  @IsOptional() @IsNestedObject(() => RuleSettingDto) no_contact?: RuleSettingDto;
  @IsOptional() @IsNestedObject(() => RuleSettingDto) attendance_data_missing?: RuleSettingDto;
  @IsOptional() @IsNestedObject(() => RuleSettingDto) new_candidate?: RuleSettingDto;
}

export class ChangeFollowUpRulesDto {
  @IsNestedObject(() => RuleChangesDto) rules!: RuleChangesDto;
}
