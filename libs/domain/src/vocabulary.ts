/** The program's own vocabularies. Every code list the API accepts is defined once, here. */
export const GRADES = ['PK', 'K', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'] as const;
export type Grade = (typeof GRADES)[number];

export const VISIT_LOCATIONS = ['home', 'school', 'community', 'virtual', 'phone'] as const;
export type VisitLocation = (typeof VISIT_LOCATIONS)[number];

export const BARRIERS = [
  'transportation',
  'housing',
  'health',
  'mental_health',
  'food',
  'broadband_device',
  'language',
  'childcare',
  'work_schedule',
  'immigration',
  'school_climate',
  'bullying',
  'other',
] as const;
export type Barrier = (typeof BARRIERS)[number];

export const CONSENT_CHANNELS = ['phone', 'letter', 'in_person', 'text', 'email'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const CONSENT_DECISIONS = ['granted', 'declined', 'withdrawn'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

export const CALL_OUTCOMES = ['reached', 'voicemail', 'no_answer', 'wrong_number'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const RESOURCE_TYPES = [
  'housing',
  'food',
  'transportation',
  'health',
  'mental_health',
  'broadband',
  'device',
  'translation',
  'immigration',
  'childcare',
  'clothing',
  'employment',
  'other',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

export const REFERRAL_OUTCOMES = ['connected', 'pending', 'declined', 'unavailable'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

export const CLOSURE_REASONS = [
  'attendance_improved',
  'family_declined',
  'moved',
  'graduated',
  'unreachable',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const TARGETING_APPROACHES = [
  'district_wide',
  'school_subset',
  'transition_grade',
  'demographic_focus',
] as const;
export type TargetingApproach = (typeof TARGETING_APPROACHES)[number];

export const VISIT_NOT_HELD_STATUSES = ['missed', 'cancelled'] as const;
export type VisitNotHeldStatus = (typeof VISIT_NOT_HELD_STATUSES)[number];

export const VISITOR_ROLES = [
  'teacher',
  'administrator',
  'support_staff',
  'family_liaison',
  'community_partner',
] as const;
export type VisitorRole = (typeof VISITOR_ROLES)[number];

export const ORGANIZATION_TYPES = ['school', 'community'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** Attendance Works bands by share of enrolled days absent: < 5%, 5–< 10%, 10–< 20%, >= 20%. */
export const TIERS = ['satisfactory', 'at_risk', 'chronic', 'severe_chronic'] as const;
export type Tier = (typeof TIERS)[number];

/**
 * Why a family's personal data was erased: on the family's request, at the end of the district's
 * retention period, when the district's data-privacy agreement ended, or another documented reason.
 */
export const ERASURE_REASONS = ['family_request', 'retention_period', 'agreement_ended', 'other'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

/** What a district spent its LEAP funds on, as its coordinator reports it (optional on a report). */
export const EXPENDITURE_CATEGORIES = [
  'staff_time',
  'visitor_stipends',
  'training',
  'transportation',
  'family_supports',
  'materials',
  'partner_contracts',
  'technology',
  'administration',
  'other',
] as const;
export type ExpenditureCategory = (typeof EXPENDITURE_CATEGORIES)[number];
