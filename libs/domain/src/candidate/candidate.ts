import type { CandidateDismissalReason } from '../vocabulary-codes';
import type { Tier } from '../vocabulary';
import type { FollowUpClaimed, FollowUpDue } from '../case/events';
import type { FollowUpStatus } from '../case/state';

/**
 * A candidate for identification: a student without an open case whom the `new_candidate` rule put
 * on the school team's worklist. A candidate has no case, so its follow-ups live on a stream of their
 * own, `candidate-<candidateId>` with `candidateId = <districtId>-<student pseudonym>` (pseudonyms
 * hold no dash, so the id splits at its last one). No personal data: pseudonym, codes and figures.
 *
 * The events reuse the case follow-ups' shapes under names of their own (case read models filter on
 * the `case-` streams, but a type shared across categories would be a trap for the next one):
 * - `CandidateFollowUpDue.v1`: `FollowUpDue` data (rule `new_candidate`; `triggerEventId` is the
 *   attendance event that made the student chronically absent) plus who, where, and the figures;
 * - `CandidateFollowUpClaimed.v1`: `FollowUpClaimed` data;
 * - `CandidateDismissed.v1`: the team decided not to identify, with a coded reason;
 * - `CandidateIdentified.v1`: the student was identified (a case was opened for them in the
 *   district), which resolves the open follow-up without anyone completing it.
 */
export const CANDIDATE_STREAM_PREFIX = 'candidate-';
export const candidateIdOf = (districtId: string, student: string): string => `${districtId}-${student}`;
export const candidateStreamOf = (candidateId: string): string => `${CANDIDATE_STREAM_PREFIX}${candidateId}`;

export interface CandidateYearToDate {
  schoolYear: string;
  daysEnrolled: number;
  daysAbsent: number;
  rate: number | null;
  tier: Tier;
}

export interface CandidateFacts {
  districtId: string;
  schoolId: string;
  /** The student's pseudonym. */
  student: string;
  yearToDate: CandidateYearToDate;
}

export type CandidateFollowUpDue = {
  type: 'CandidateFollowUpDue.v1';
  data: FollowUpDue['data'] & CandidateFacts;
};
export type CandidateFollowUpClaimed = { type: 'CandidateFollowUpClaimed.v1'; data: FollowUpClaimed['data'] };
export type CandidateDismissed = {
  type: 'CandidateDismissed.v1';
  data: {
    followUpId: string;
    reasonCode: CandidateDismissalReason;
    dismissedOn: string;
    dismissedBy: string;
  };
};
export type CandidateIdentified = {
  type: 'CandidateIdentified.v1';
  data: { followUpId: string; caseId: string; identifiedOn: string };
};
export type CandidateEvent =
  CandidateFollowUpDue | CandidateFollowUpClaimed | CandidateDismissed | CandidateIdentified;
export const CANDIDATE_EVENT_TYPES: readonly CandidateEvent['type'][] = [
  'CandidateFollowUpDue.v1',
  'CandidateFollowUpClaimed.v1',
  'CandidateDismissed.v1',
  'CandidateIdentified.v1',
];

export type RaiseCandidateFollowUp = {
  type: 'RaiseCandidateFollowUp';
  data: CandidateFollowUpDue['data'];
  actorId: string;
};
export type ClaimCandidate = { type: 'ClaimCandidate'; data: Record<string, never>; actorId: string };
export type DismissCandidate = {
  type: 'DismissCandidate';
  data: { reasonCode: CandidateDismissalReason; dismissedOn: string };
  actorId: string;
};
export type ResolveCandidateByIdentification = {
  type: 'ResolveCandidateByIdentification';
  data: { caseId: string; identifiedOn: string };
  actorId: string;
};
export type CandidateCommand =
  RaiseCandidateFollowUp | ClaimCandidate | DismissCandidate | ResolveCandidateByIdentification;

/** `completed`: dismissed by the team; `resolved`: the student was identified. */
export interface CandidateFollowUp {
  followUpId: string;
  reason: string;
  dueAt: string;
  triggerEventId: string;
  state: Exclude<FollowUpStatus, 'snoozed'>;
  assignee: string | null;
  dismissal: { reasonCode: CandidateDismissalReason; dismissedOn: string } | null;
  caseId: string | null;
}

export type CandidateState =
  { status: 'none' } | ({ status: 'listed'; followUps: CandidateFollowUp[] } & CandidateFacts);
