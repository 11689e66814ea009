import { assertNever, conflict, notFound } from '../decider';
import type { RecordVisitHeld, RecordVisitNotHeld, ScheduleVisit } from './commands';
import { requireConsent } from './decide-consent';
import { requireNewEntryId } from './entries';
import type { VisitCancelled, VisitHeld, VisitMissed, VisitScheduled } from './events';
import type { OpenCase, VisitEntry } from './state';
import { nextVisitNumber } from './visits';

const distinct = <T extends string>(values: T[]): T[] => [...new Set(values)];

export function scheduleVisit(command: ScheduleVisit, c: OpenCase): VisitScheduled[] {
  requireConsent(c);
  requireNewEntryId(c, command.data.visitId, 'visit', 'visit_exists');
  const data = {
    ...command.data,
    visitorIds: distinct(command.data.visitorIds),
    recordedBy: command.actorId,
  };
  return [{ type: 'VisitScheduled.v1', data }];
}

/**
 * A held visit resolves the scheduled visit it names, or records an unscheduled one under a new id.
 * It takes the next effective number (held, non-voided visits + 1); a caller that states a number
 * must state that one, which catches two visitors logging "visit #2" for different meetings.
 * LEAP visits are designed for pairs, but a visit by one visitor still happened and is recorded.
 */
export function recordVisitHeld(command: RecordVisitHeld, c: OpenCase): VisitHeld[] {
  requireConsent(c);
  const { visitNumber, visitorIds: requested, resolvesScheduledVisit, ...data } = command.data;
  const existing = c.visits.find((visit) => visit.visitId === data.visitId);
  if (!existing && resolvesScheduledVisit)
    throw notFound('visit_not_found', `There is no visit ${data.visitId}`);
  if (existing) requireScheduled(existing);
  else requireNewEntryId(c, data.visitId, 'visit', 'visit_exists');

  const visitorIds = distinct(requested);
  if (visitorIds.length === 0) throw conflict('visitor_required', 'A held visit needs at least one visitor');
  const next = nextVisitNumber(c.visits);
  if (visitNumber !== null && visitNumber !== next) {
    throw conflict('visit_out_of_order', `The next visit is #${next}, not #${visitNumber}`);
  }
  return [
    {
      type: 'VisitHeld.v2',
      data: {
        ...data,
        visitNumber: next,
        visitorIds,
        strengthCodes: distinct(data.strengthCodes),
        pair: visitorIds.length >= 2,
        recordedBy: command.actorId,
      },
    },
  ];
}

/** Only a scheduled visit can be missed or cancelled; consent is not needed to say it did not happen. */
export function recordVisitNotHeld(
  command: RecordVisitNotHeld,
  c: OpenCase,
): (VisitMissed | VisitCancelled)[] {
  const { visitId, status, date, reasonCode, pii } = command.data;
  const visit = c.visits.find((entry) => entry.visitId === visitId);
  if (!visit) throw notFound('visit_not_found', `There is no visit ${visitId}`);
  requireScheduled(visit);
  const data = { visitId, date, reasonCode, pii, recordedBy: command.actorId };
  switch (status) {
    case 'missed':
      return [{ type: 'VisitMissed.v2', data }];
    case 'cancelled':
      return [{ type: 'VisitCancelled.v2', data }];
    default:
      return assertNever(status);
  }
}

/** A visit is resolved once: held, missed, cancelled or voided visits cannot be resolved again. */
function requireScheduled(visit: VisitEntry): void {
  if (visit.status !== 'scheduled' || visit.voided) {
    const state = visit.voided ? 'voided' : visit.status;
    throw conflict('visit_already_resolved', `Visit ${visit.visitId} is already ${state}`);
  }
}
