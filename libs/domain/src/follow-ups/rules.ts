/**
 * Follow-up rules are data: each district may change a rule's threshold or turn it off, and a rule it
 * never changed follows the default. Thresholds are ISO-8601 durations (see `duration.ts`).
 */
export const FOLLOW_UP_RULE_IDS = [
  'offer_consent',
  'consent_answer',
  'first_visit',
  'next_visit',
  'referral_outcome',
  'attendance_escalation',
  'no_contact',
  'attendance_data_missing',
  'new_candidate',
] as const;
export type FollowUpRuleId = (typeof FOLLOW_UP_RULE_IDS)[number];

export interface FollowUpRuleSetting {
  /** How long after the triggering event the follow-up falls due, e.g. `P7D` (or `PT2S` in a demo). */
  after: string;
  enabled: boolean;
}

export type FollowUpRules = Record<FollowUpRuleId, FollowUpRuleSetting>;

/** A change to some rules: each named rule changes only the fields given. */
export type FollowUpRuleChanges = Partial<Record<FollowUpRuleId, Partial<FollowUpRuleSetting>>>;

export const DEFAULT_FOLLOW_UP_RULES: FollowUpRules = {
  /** Identified, but no consent offer within 5 days. */
  offer_consent: { after: 'P5D', enabled: true },
  /** Consent offered, but no answer within 7 days. */
  consent_answer: { after: 'P7D', enabled: true },
  /** Consent granted, but no visit #1 within 10 days. */
  first_visit: { after: 'P10D', enabled: true },
  /** The family wants to continue (at the last held visit), but no next visit within 30 days. */
  next_visit: { after: 'P30D', enabled: true },
  /** A referral without an outcome after 14 days. */
  referral_outcome: { after: 'P14D', enabled: true },
  /** Still chronically absent 30 days after visit #1: escalate to the attendance team. */
  attendance_escalation: { after: 'P30D', enabled: true },
  /** No contact of any kind for 30 days on an open case. */
  no_contact: { after: 'P30D', enabled: true },
  /**
   * An open case's last ended school month has no attendance `after` its end (checked by the monthly
   * attendance sweep, not by a case timer): the school's team chases the import.
   */
  attendance_data_missing: { after: 'P7D', enabled: true },
  /**
   * A student without an open case first became chronically absent (year to date) under the district's
   * targeting approach: the team considers identifying them. Raised on the candidate's own stream as
   * soon as the attendance shows it; `after` is not used. Off until a district turns it on.
   */
  new_candidate: { after: 'P1D', enabled: false },
};

export const isFollowUpRuleId = (value: string): value is FollowUpRuleId =>
  (FOLLOW_UP_RULE_IDS as readonly string[]).includes(value);

/** The defaults overlaid with a district's changes, in the order they were made. */
export function applyRuleChanges(rules: FollowUpRules, changes: FollowUpRuleChanges): FollowUpRules {
  const next = { ...rules };
  for (const id of FOLLOW_UP_RULE_IDS) {
    const change = changes[id];
    if (change) next[id] = { ...next[id], ...definedFields(change) };
  }
  return next;
}

function definedFields(change: Partial<FollowUpRuleSetting>): Partial<FollowUpRuleSetting> {
  return Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
}
