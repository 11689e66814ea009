import type { Barrier, VisitLocation } from '../vocabulary';
import type { EntryKind, NotesPii } from './events';

/**
 * Versions written before free text moved into `pii`: reasons, strengths, aspirations and follow-up
 * outcomes sat in clear fields beside the codes, where anyone could write a name. No longer written;
 * each is read as its `.v2` (see `upcast-free-text.ts`).
 */
type Event<Type extends string, Data> = { type: Type; data: Data };

export type ConsentDeclinedV1 = Event<'ConsentDeclined.v1', { respondedOn: string; reason: string | null }>;
export type ConsentWithdrawnV1 = Event<'ConsentWithdrawn.v1', { respondedOn: string; reason: string | null }>;

export type VisitHeldV1 = Event<
  'VisitHeld.v1',
  {
    visitId: string;
    visitNumber: number;
    date: string;
    location: VisitLocation;
    visitorIds: string[];
    pair: boolean;
    householdVisitId: string | null;
    barriers: Barrier[];
    strengths: string[];
    aspirations: string[];
    familyWantsToContinue: boolean | null;
    pii: NotesPii;
    recordedBy: string;
  }
>;

type VisitNotHeldV1 = { visitId: string; date: string; reason: string | null; recordedBy: string };
export type VisitMissedV1 = Event<'VisitMissed.v1', VisitNotHeldV1>;
export type VisitCancelledV1 = Event<'VisitCancelled.v1', VisitNotHeldV1>;

export type EntryVoidedV1 = Event<
  'EntryVoided.v1',
  { entryId: string; entryKind: EntryKind; voidedOn: string; reason: string; recordedBy: string }
>;
export type CaseReopenedV1 = Event<'CaseReopened.v1', { reopenedOn: string; reason: string }>;
export type FollowUpCompletedV1 = Event<
  'FollowUpCompleted.v1',
  { followUpId: string; outcome: string; completedOn: string; completedBy: string }
>;

export type FreeTextCaseEventV1 =
  | ConsentDeclinedV1
  | ConsentWithdrawnV1
  | VisitHeldV1
  | VisitMissedV1
  | VisitCancelledV1
  | EntryVoidedV1
  | CaseReopenedV1
  | FollowUpCompletedV1;
