import { assertNever } from '../decider';
import { evolveCase, initialCaseState } from '../case/evolve';
import type { StoredCaseEvent } from '../case/events';
import { upcastCaseEvent } from '../case/upcast';
import type { CaseState } from '../case/state';

/**
 * What follow-up timers are computed from. Rules start their clocks at events, so besides the case
 * state this keeps, for each event a rule can start from, its id, when it was recorded and its
 * business date. It is folded from recorded events (not domain events alone), which is why it is
 * separate from the case state.
 */
export interface FactEvent {
  id: string;
  type: string;
  data: object;
  /** ISO-8601 instant the store recorded the event. */
  recordedAt: string;
}

export interface EventRef {
  eventId: string;
  recordedAt: string;
  /** The business date the event states (`YYYY-MM-DD`). */
  businessDate: string;
}

export interface FollowUpFacts {
  state: CaseState;
  identified: EventRef | null;
  /** The latest reopening: a reopened case starts its no-contact clock again. */
  reopened: EventRef | null;
  /** The latest consent offer and grant. */
  lastOffer: EventRef | null;
  lastGrant: EventRef | null;
  /** The recording of each held visit, by visit id. */
  heldVisits: Readonly<Record<string, EventRef>>;
  /** The recording of each referral, by referral id. */
  referrals: Readonly<Record<string, EventRef>>;
  /** Contacts with the family; `entryId` names a voidable entry (visit or call), null for consent answers. */
  contacts: readonly { entryId: string | null; ref: EventRef }[];
}

export const initialFollowUpFacts = (): FollowUpFacts => ({
  state: initialCaseState(),
  identified: null,
  reopened: null,
  lastOffer: null,
  lastGrant: null,
  heldVisits: {},
  referrals: {},
  contacts: [],
});

export function foldFollowUpFacts(events: Iterable<FactEvent>): FollowUpFacts {
  let facts = initialFollowUpFacts();
  for (const event of events) facts = evolveFollowUpFacts(facts, event);
  return facts;
}

export function evolveFollowUpFacts(facts: FollowUpFacts, recorded: FactEvent): FollowUpFacts {
  const event = upcastCaseEvent({ type: recorded.type, data: recorded.data } as StoredCaseEvent);
  const state = evolveCase(facts.state, event);
  const ref = (businessDate: string): EventRef => ({
    eventId: recorded.id,
    recordedAt: recorded.recordedAt,
    businessDate,
  });
  const next = { ...facts, state };
  switch (event.type) {
    case 'StudentIdentified.v2':
      return facts.identified ? next : { ...next, identified: ref(event.data.identifiedOn) };
    case 'CaseReopened.v2':
      return { ...next, reopened: ref(event.data.reopenedOn) };
    case 'ConsentOffered.v1': {
      const offer = ref(event.data.offeredOn);
      return { ...next, lastOffer: offer, contacts: [...facts.contacts, { entryId: null, ref: offer }] };
    }
    case 'ConsentGranted.v1': {
      const grant = ref(event.data.respondedOn);
      return { ...next, lastGrant: grant, contacts: [...facts.contacts, { entryId: null, ref: grant }] };
    }
    case 'ConsentDeclined.v2':
    case 'ConsentWithdrawn.v2':
      return { ...next, contacts: [...facts.contacts, { entryId: null, ref: ref(event.data.respondedOn) }] };
    case 'VisitHeld.v2': {
      const held = ref(event.data.date);
      const { visitId } = event.data;
      return {
        ...next,
        heldVisits: { ...facts.heldVisits, [visitId]: held },
        contacts: [...facts.contacts, { entryId: visitId, ref: held }],
      };
    }
    case 'FollowUpCallMade.v1':
      return {
        ...next,
        contacts: [...facts.contacts, { entryId: event.data.callId, ref: ref(event.data.calledOn) }],
      };
    case 'ResourceReferred.v2':
      return {
        ...next,
        referrals: { ...facts.referrals, [event.data.referralId]: ref(event.data.referredOn) },
      };
    case 'EntryVoided.v2':
      // A voided contact stops counting; voided visits and referrals are read from the state.
      return {
        ...next,
        contacts: facts.contacts.filter((contact) => contact.entryId !== event.data.entryId),
      };
    case 'VisitorsAssigned.v1':
    case 'VisitScheduled.v1':
    case 'VisitMissed.v2':
    case 'VisitCancelled.v2':
    case 'ReferralOutcomeRecorded.v1':
    case 'AttendanceChecked.v1':
    case 'CaseTransferred.v1':
    case 'CaseClosed.v1':
    case 'FollowUpDue.v1':
    case 'FollowUpClaimed.v1':
    case 'FollowUpCompleted.v2':
    case 'FollowUpSnoozed.v1':
    case 'FamilyDataErased.v1':
      return next;
    default:
      return assertNever(event);
  }
}
