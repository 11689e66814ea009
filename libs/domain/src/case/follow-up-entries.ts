import { assertNever } from '../decider';
import type { CaseEvent, FollowUpDue } from './events';
import type { FollowUpEntry, OpenCase } from './state';

/**
 * The `triggerEventId` of an `attendance_data_missing` follow-up: no event starts that rule's clock
 * (the absence of one does), so the school month it is about stands in, e.g. `school-month-2025-10`.
 * With the case and rule it makes the follow-up id: one follow-up per case and month.
 */
export const schoolMonthTrigger = (month: string): string => `school-month-${month}`;

/** The follow-up log: raising, claiming, snoozing and completing. */
export function withFollowUpDue(followUps: FollowUpEntry[], event: FollowUpDue): FollowUpEntry[] {
  const entry: FollowUpEntry = {
    ...event.data,
    state: 'open',
    assignee: null,
    snoozedUntil: null,
    resolution: null,
    completedOn: null,
    pii: {},
  };
  return [...followUps, entry];
}

export function withFollowUp(
  followUps: FollowUpEntry[],
  followUpId: string,
  change: (followUp: FollowUpEntry) => FollowUpEntry,
): FollowUpEntry[] {
  return followUps.map((f) => (f.followUpId === followUpId ? change(f) : f));
}

/**
 * A follow-up waits for an action; once the action is recorded by any path (the consent offer, the
 * visit, the referral's outcome, any contact) the open follow-up is resolved without anyone having
 * to complete it. Closing the case resolves every open follow-up. Resolution is derived here, in
 * evolve, so it needs no event of its own and can never disagree with the entries it depends on.
 */
export function withResolvedFollowUps(c: OpenCase, event: CaseEvent): OpenCase {
  if (!c.followUps.some((f) => f.state === 'open' || f.state === 'snoozed')) return c;
  return {
    ...c,
    followUps: c.followUps.map((f) =>
      (f.state === 'open' || f.state === 'snoozed') && resolves(f, event, c)
        ? { ...f, state: 'resolved' }
        : f,
    ),
  };
}

function resolves(f: FollowUpEntry, event: CaseEvent, c: OpenCase): boolean {
  // Closing the case, or erasing the family's data, ends the work on it: nothing is left to follow up.
  if (event.type === 'CaseClosed.v1' || event.type === 'FamilyDataErased.v1') return true;
  switch (f.rule) {
    case 'offer_consent':
      return event.type === 'ConsentOffered.v1';
    case 'consent_answer':
      // A new offer also replaces the one that was waiting for an answer.
      return ['ConsentGranted.v1', 'ConsentDeclined.v2', 'ConsentOffered.v1'].includes(event.type);
    case 'first_visit':
    case 'next_visit':
      return event.type === 'VisitHeld.v2' || event.type === 'ConsentWithdrawn.v2';
    case 'referral_outcome':
      return (
        (event.type === 'ReferralOutcomeRecorded.v1' && event.data.referralId === f.entryId) ||
        (event.type === 'EntryVoided.v2' && event.data.entryId === f.entryId)
      );
    case 'attendance_escalation':
      return c.tier !== 'chronic' && c.tier !== 'severe_chronic';
    case 'no_contact':
      return isContact(event);
    case 'attendance_data_missing':
      // The month's attendance arrived and was checked on the case.
      return (
        event.type === 'AttendanceChecked.v1' &&
        event.data.month !== undefined &&
        f.triggerEventId === schoolMonthTrigger(event.data.month)
      );
    case 'new_candidate':
      // Lives on a candidate's stream, never on a case.
      return false;
    default:
      return assertNever(f.rule);
  }
}

/** Contact of any kind with the family: an offer, an answer, a held visit, a call (any outcome). */
export function isContact(event: CaseEvent): boolean {
  return [
    'ConsentOffered.v1',
    'ConsentGranted.v1',
    'ConsentDeclined.v2',
    'ConsentWithdrawn.v2',
    'VisitHeld.v2',
    'FollowUpCallMade.v1',
  ].includes(event.type);
}
