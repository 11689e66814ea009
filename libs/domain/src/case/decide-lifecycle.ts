import { isValidAttendance, tierOf } from '../attendance/tier';
import { conflict } from '../decider';
import { schoolYearOf } from './calendar';
import type { AssignVisitors, CloseCase, IdentifyStudent, ReopenCase, TransferCase } from './commands';
import type {
  AssignedVisitor,
  CaseClosed,
  CaseReopened,
  CaseTransferred,
  StudentIdentified,
  VisitorsAssigned,
} from './events';
import type { OpenCase } from './state';

/**
 * Identification opens the case; its baseline is tiered here so every reader sees the same tier.
 * The baseline is the attendance that led to the identification, so it cannot be measured later;
 * the school year is the one holding the identification date.
 */
export function identifyStudent(command: IdentifyStudent): StudentIdentified[] {
  const { baseline, identifiedOn, schoolYear } = command.data;
  if (!isValidAttendance(baseline.daysEnrolled, baseline.daysAbsent)) {
    throw conflict('attendance_invalid', 'Baseline days absent must be whole days within the days enrolled');
  }
  if (baseline.asOf > identifiedOn) {
    throw conflict(
      'baseline_after_identification',
      `The baseline (${baseline.asOf}) cannot be measured after the identification (${identifiedOn})`,
    );
  }
  if (schoolYear !== schoolYearOf(identifiedOn)) {
    throw conflict(
      'school_year_mismatch',
      `${identifiedOn} is in school year ${schoolYearOf(identifiedOn)}, not ${schoolYear}`,
    );
  }
  const tier = tierOf(baseline.daysEnrolled, baseline.daysAbsent);
  return [{ type: 'StudentIdentified.v2', data: { ...command.data, baseline: { ...baseline, tier } } }];
}

/**
 * An assignment names the whole team and replaces the previous one, which is how a visitor's access
 * to the case is removed. A case always keeps at least one assigned visitor.
 */
export function assignVisitors(command: AssignVisitors): VisitorsAssigned[] {
  const visitors = dedupeVisitors(command.data.visitors);
  if (visitors.length === 0) throw conflict('visitor_required', 'Assign at least one visitor');
  return [{ type: 'VisitorsAssigned.v1', data: { assignedOn: command.data.assignedOn, visitors } }];
}

/** The first mention of a visitor wins. */
function dedupeVisitors(visitors: AssignedVisitor[]): AssignedVisitor[] {
  const byId = new Map<string, AssignedVisitor>();
  for (const visitor of visitors) if (!byId.has(visitor.visitorId)) byId.set(visitor.visitorId, visitor);
  return [...byId.values()];
}

export function transferCase(command: TransferCase, c: OpenCase): CaseTransferred[] {
  const { toSchoolId, transferredOn } = command.data;
  if (toSchoolId === c.schoolId) throw conflict('same_school', `The case is already at school ${toSchoolId}`);
  return [{ type: 'CaseTransferred.v1', data: { fromSchoolId: c.schoolId, toSchoolId, transferredOn } }];
}

export function closeCase(command: CloseCase): CaseClosed[] {
  return [{ type: 'CaseClosed.v1', data: { closedOn: command.data.closedOn, reason: command.data.reason } }];
}

export function reopenCase(command: ReopenCase, c: OpenCase): CaseReopened[] {
  if (c.status !== 'closed') throw conflict('case_not_closed', 'Only a closed case can be reopened');
  const { reopenedOn, reasonCode, pii } = command.data;
  return [{ type: 'CaseReopened.v2', data: { reopenedOn, reasonCode, pii } }];
}
