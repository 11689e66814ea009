import { conflict } from '../decider';
import type { EntryKind } from './events';
import type { OpenCase } from './state';

export interface FoundEntry {
  kind: EntryKind;
  voided: boolean;
}

/**
 * Finds an entry of any kind by id. Entry ids are unique across kinds within a case (see
 * `requireNewEntryId`), so `VoidEntry` can name an entry by its id alone.
 */
export function findEntry(c: OpenCase, entryId: string): FoundEntry | null {
  const visit = c.visits.find((entry) => entry.visitId === entryId);
  if (visit) return { kind: 'visit', voided: visit.voided };
  const call = c.followUpCalls.find((entry) => entry.callId === entryId);
  if (call) return { kind: 'follow_up_call', voided: call.voided };
  const referral = c.referrals.find((entry) => entry.referralId === entryId);
  if (referral) return { kind: 'referral', voided: referral.voided };
  const check = c.attendanceChecks.find((entry) => entry.checkId === entryId);
  if (check) return { kind: 'attendance_check', voided: check.voided };
  return null;
}

/**
 * A new entry's id must not name any entry already on the case, voided or not (a voided entry keeps
 * its id). A clash with an entry of the same kind reports that kind's code (`visit_exists`,
 * `referral_exists`, ...); a clash with another kind reports `entry_exists`.
 */
export function requireNewEntryId(c: OpenCase, entryId: string, kind: EntryKind, sameKindCode: string): void {
  const existing = findEntry(c, entryId);
  if (existing === null) return;
  if (existing.kind === kind)
    throw conflict(sameKindCode, `A ${kind.replaceAll('_', ' ')} ${entryId} already exists`);
  throw conflict(
    'entry_exists',
    `Entry ${entryId} already exists as a ${existing.kind.replaceAll('_', ' ')}`,
  );
}
