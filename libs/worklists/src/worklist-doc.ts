import type { PersonalFields } from '@leap/case-summaries';
import type { CandidateFollowUp, CandidateState, FollowUpEntry, OpenCase, Tier } from '@leap/domain';

/**
 * The worklists document, one per case: the case state folded by the domain's own `evolve` without
 * its `pii` (so
 * resolution, voids, transfers and tiers follow the domain rules exactly), the stream revision it
 * reflects, and which `FollowUpDue` event raised each follow-up (the item's own line in the case
 * history: its id, and its revision, which the history view lists). Item rows are derived from it.
 */
export interface CaseWorklistDoc {
  kind?: 'case';
  state: OpenCase;
  revision: number;
  /** followUpId → the event that raised it. */
  raisedBy: Record<string, { eventId: string; revision: number }>;
  /** The student's name (and real id) items show to roles with personal data; null once erased. */
  personal: PersonalFields;
}

/**
 * A candidate for identification (`new_candidate`), keyed by its stream id `candidate-<candidateId>`:
 * the candidate state folded by the domain's own evolve, its items copied with `candidate_id` set and
 * no case. Identification (a `CandidateIdentified` event the reactor appends) or a dismissal removes
 * its row like a resolved or completed case follow-up.
 */
export interface CandidateWorklistDoc {
  kind: 'candidate';
  candidateId: string;
  state: Extract<CandidateState, { status: 'listed' }>;
  revision: number;
  raisedBy: Record<string, { eventId: string; revision: number }>;
}

export type WorklistDoc = CaseWorklistDoc | CandidateWorklistDoc;

export const isCandidateDoc = (doc: WorklistDoc): doc is CandidateWorklistDoc => doc.kind === 'candidate';

/** The candidate's follow-ups that still need someone (open; a candidate's are never snoozed). */
export const workableCandidateFollowUps = (doc: CandidateWorklistDoc): CandidateFollowUp[] =>
  doc.state.followUps.filter((f) => f.state === 'open');

/** Severity rank, most severe first: how items are ordered within "overdue" and "not overdue". */
export const SEVERITY_OF: Record<Tier, number> = {
  severe_chronic: 0,
  chronic: 1,
  at_risk: 2,
  satisfactory: 3,
};
export const SEVERITY_COUNT = 4;

/**
 * Follow-ups that still need someone: open, or snoozed. Completed and resolved ones (the awaited
 * action happened, or the case closed) never become items again, so they get no row at all.
 */
export const workableFollowUps = (c: OpenCase): FollowUpEntry[] =>
  c.followUps.filter((f) => f.state === 'open' || f.state === 'snoozed');

/**
 * The instant an item is open from: when it fell due, or, once snoozed, when its latest snooze ends
 * (the domain keeps a snoozed follow-up `snoozed` after that instant; readers compare with their
 * own now). A snooze always ends after the follow-up fell due (the decider refuses a snooze that is
 * not in the future, and an item is raised only once due), so this is the later of the two.
 * Normalised to `toISOString()` so that SQL compares instants as strings.
 */
export function openFromOf(f: FollowUpEntry): string {
  return isoInstant(f.state === 'snoozed' && f.snoozedUntil !== null ? f.snoozedUntil : f.dueAt);
}

export function isoInstant(text: string): string {
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}
