import type { VisitHeld, VisitMissed, VisitScheduled } from './events';
import type { VisitEntry } from './state';

/**
 * The visit log and its numbering. A visit's effective number is its position among held,
 * non-voided visits in the order they were recorded as held; scheduled, missed, cancelled and voided
 * visits take no number. The numbers therefore always run 1..n without gaps: a new held visit takes
 * n + 1, and voiding visit k shifts every later held visit down by one.
 */
export const distinctCount = (ids: string[]): number => new Set(ids).size;

export const countsAsHeld = (visit: VisitEntry): boolean => visit.status === 'held' && !visit.voided;

export const nextVisitNumber = (visits: VisitEntry[]): number => visits.filter(countsAsHeld).length + 1;

export function withScheduledVisit(visits: VisitEntry[], event: VisitScheduled): VisitEntry[] {
  const { visitId, date, location, visitorIds, householdVisitId, recordedBy } = event.data;
  const visit: VisitEntry = {
    visitId,
    status: 'scheduled',
    number: null,
    date,
    location,
    visitorIds,
    pair: distinctCount(visitorIds) >= 2,
    householdVisitId,
    barriers: [],
    strengthCodes: [],
    familyWantsToContinue: null,
    reasonCode: null,
    pii: {},
    recordedBy,
    voided: false,
  };
  return [...visits, visit];
}

/**
 * A held visit either resolves the scheduled visit with its id (keeping its place in the log) or is
 * appended as an unscheduled visit. Its number is recomputed from the log rather than copied from
 * the event, so state follows the effective numbering even if earlier visits were voided.
 */
export function withHeldVisit(visits: VisitEntry[], event: VisitHeld): VisitEntry[] {
  const { visitId, date, location, visitorIds, pair, householdVisitId, recordedBy } = event.data;
  const { barriers, strengthCodes, familyWantsToContinue, pii } = event.data;
  const held: VisitEntry = {
    visitId,
    status: 'held',
    number: nextVisitNumber(visits),
    date,
    location,
    visitorIds,
    pair,
    householdVisitId,
    barriers,
    strengthCodes,
    familyWantsToContinue,
    reasonCode: null,
    pii,
    recordedBy,
    voided: false,
  };
  const exists = visits.some((visit) => visit.visitId === visitId);
  return exists ? visits.map((visit) => (visit.visitId === visitId ? held : visit)) : [...visits, held];
}

/** A scheduled visit that did not take place; the entry takes the business date of the outcome. */
export function withVisitNotHeld(
  visits: VisitEntry[],
  status: 'missed' | 'cancelled',
  data: VisitMissed['data'],
): VisitEntry[] {
  const { visitId, date, reasonCode, pii, recordedBy } = data;
  return visits.map((visit) =>
    visit.visitId === visitId ? { ...visit, status, date, reasonCode, pii, recordedBy } : visit,
  );
}

/** Voids a visit; when it was numbered, every later held visit moves down one place. */
export function withVisitVoided(visits: VisitEntry[], visitId: string): VisitEntry[] {
  const removed = visits.find((visit) => visit.visitId === visitId)?.number ?? null;
  return visits.map((visit) => {
    if (visit.visitId === visitId) return { ...visit, voided: true, number: null };
    if (removed !== null && visit.number !== null && visit.number > removed) {
      return { ...visit, number: visit.number - 1 };
    }
    return visit;
  });
}
