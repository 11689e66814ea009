import { assertNever, type CaseEventType, type OpenCase } from '@leap/domain';

/**
 * The case-summaries document: the case state folded by the domain's own `evolve` (so voids,
 * transfers, numbering and derived figures follow the domain rules exactly), plus the stream
 * revision it reflects. Summary columns are derived from it on every write.
 */
export interface CaseSummaryDoc {
  state: OpenCase;
  revision: number;
}

/** Where a case is in the LEAP journey, for worklists. */
export const STAGES = [
  'identified',
  'offered',
  'consented',
  'visiting',
  'declined',
  'withdrawn',
  'closed',
] as const;
export type Stage = (typeof STAGES)[number];

export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export function stageOf(c: OpenCase): Stage {
  if (c.status === 'closed') return 'closed';
  switch (c.consent) {
    case 'none':
      return 'identified';
    case 'offered':
      return 'offered';
    case 'granted':
      return visitCountOf(c) > 0 ? 'visiting' : 'consented';
    case 'declined':
      return 'declined';
    case 'withdrawn':
      return 'withdrawn';
    default:
      return assertNever(c.consent);
  }
}

/** Held visits that were not voided (the domain numbers exactly these 1..n). */
export const visitCountOf = (c: OpenCase): number =>
  c.visits.filter((visit) => visit.status === 'held' && !visit.voided).length;

/**
 * Follow-ups raised on the case that still need someone: open, or snoozed (set aside, not done).
 * Completed and resolved ones (the awaited action happened) do not count. The domain derives each
 * follow-up's state in `evolve`, so the figure follows resolution rules without repeating them.
 */
export const openFollowUpsOf = (c: OpenCase): number =>
  c.followUps.filter((followUp) => followUp.state === 'open' || followUp.state === 'snoozed').length;

/**
 * Every case event type, checked against the domain's union at compile time: a new case event type
 * fails to compile here until the projection decides what it means (and bumps its version).
 */
const CASE_EVENT_TYPE_SET: Record<CaseEventType, true> = {
  'StudentIdentified.v1': true,
  'VisitorsAssigned.v1': true,
  'ConsentOffered.v1': true,
  'ConsentGranted.v1': true,
  'ConsentDeclined.v1': true,
  'ConsentWithdrawn.v1': true,
  'VisitScheduled.v1': true,
  'VisitHeld.v1': true,
  'VisitMissed.v1': true,
  'VisitCancelled.v1': true,
  'FollowUpCallMade.v1': true,
  'ResourceReferred.v1': true,
  'ReferralOutcomeRecorded.v1': true,
  'AttendanceChecked.v1': true,
  'EntryVoided.v1': true,
  'CaseTransferred.v1': true,
  'CaseClosed.v1': true,
  'CaseReopened.v1': true,
  'FollowUpDue.v1': true,
  'FollowUpClaimed.v1': true,
  'FollowUpCompleted.v1': true,
  'FollowUpSnoozed.v1': true,
};
export const CASE_EVENT_TYPES = Object.keys(CASE_EVENT_TYPE_SET) as CaseEventType[];

export const isCaseEventType = (type: string): type is CaseEventType =>
  Object.prototype.hasOwnProperty.call(CASE_EVENT_TYPE_SET, type);
