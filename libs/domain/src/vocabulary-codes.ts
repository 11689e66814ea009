/**
 * Coded views of what people also write in their own words. The words (a family's strengths, why a
 * visit was missed) are personal and live in `pii`; these closed lists are what fidelity monitors
 * and metrics see instead. The person recording chooses the codes; every list ends in `other`.
 */

/** What the family brings, as LEAP visitors log it (visit 1 builds on strengths, not deficits). */
export const STRENGTH_CODES = [
  'family_engagement',
  'student_interests',
  'supportive_relationships',
  'school_connection',
  'community_ties',
  'resilience',
  'other',
] as const;
export type StrengthCode = (typeof STRENGTH_CODES)[number];

/** Why a family declined or withdrew consent: participation is voluntary, the code only counts. */
export const CONSENT_REFUSAL_REASONS = [
  'not_interested',
  'no_time',
  'privacy_concerns',
  'already_supported',
  'moving',
  'other',
] as const;
export type ConsentRefusalReason = (typeof CONSENT_REFUSAL_REASONS)[number];

/** Why a scheduled visit did not take place. */
export const VISIT_NOT_HELD_REASONS = [
  'family_unavailable',
  'family_unreachable',
  'visitor_unavailable',
  'illness',
  'weather',
  'rescheduled',
  'other',
] as const;
export type VisitNotHeldReason = (typeof VISIT_NOT_HELD_REASONS)[number];

/** Why an entry was voided. */
export const VOID_REASONS = ['wrong_case', 'duplicate', 'wrong_details', 'did_not_happen', 'other'] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

/** Why a closed case was opened again. */
export const REOPEN_REASONS = [
  'absences_resumed',
  'family_request',
  'closed_in_error',
  'returned_to_district',
  'other',
] as const;
export type ReopenReason = (typeof REOPEN_REASONS)[number];

/** What completing a follow-up came to. */
export const FOLLOW_UP_RESOLUTIONS = [
  'family_contacted',
  'visit_scheduled',
  'referred',
  'escalated',
  'no_action_needed',
  'family_unreachable',
  'other',
] as const;
export type FollowUpResolution = (typeof FOLLOW_UP_RESOLUTIONS)[number];

/** Why the attendance team dismissed a candidate for identification (`new_candidate` follow-up). */
export const CANDIDATE_DISMISSAL_REASONS = [
  'absences_explained',
  'already_supported',
  'left_district',
  'data_error',
  'capacity',
  'other',
] as const;
export type CandidateDismissalReason = (typeof CANDIDATE_DISMISSAL_REASONS)[number];
