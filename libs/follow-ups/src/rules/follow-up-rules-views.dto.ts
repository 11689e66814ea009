import { ApiInteger } from '@leap/http';

export class RuleSettingView {
  /** How long after the triggering event the follow-up falls due, an ISO-8601 duration such as `P7D`. */
  after!: string;
  enabled!: boolean;
}

/** Every rule, as the district changed it or else by default. */
export class EffectiveRulesView {
  /** Identified, no consent offer. */
  offer_consent!: RuleSettingView;
  /** Consent offered, no answer. */
  consent_answer!: RuleSettingView;
  /** Consent granted, no visit #1. */
  first_visit!: RuleSettingView;
  /** The family wants to continue, no next visit. */
  next_visit!: RuleSettingView;
  /** A referral without outcome. */
  referral_outcome!: RuleSettingView;
  /** Still chronically absent after visit #1 (escalates to the attendance team). */
  attendance_escalation!: RuleSettingView;
  /** An open case without contact of any kind. */
  no_contact!: RuleSettingView;
  /** An open case's last ended school month has no imported attendance (monthly sweep; `after` is the grace after the month's end). */
  attendance_data_missing!: RuleSettingView;
  /** A student without a case first became chronically absent under the targeting approach (off by default; `after` unused). */
  new_candidate!: RuleSettingView;
}

export class FollowUpRulesView {
  districtId!: string;
  /** The time zone day-long clocks start at local midnight in (`LEAP_TIME_ZONE`). */
  timeZone!: string;
  rules!: EffectiveRulesView;
  /** The rules stream's revision (null: the district never changed a rule). */
  @ApiInteger() revision!: number | null;
}

export class FollowUpRulesAnswer extends FollowUpRulesView {
  /** Global position of the rules' last change. */
  position!: string | null;
}
