import type { Principal } from '@leap/auth';
import {
  AssignVisitorsCommand,
  ChangeCaseCommand,
  IdentifyStudentCommand,
  caseScope,
  caseStreamId,
} from '@leap/cases';
import { handleCommand, readHistory, toDomainEvent, type CommandContext } from '@leap/commands';
import {
  attendanceStreamOf,
  caseDecider,
  evolveAttendanceYear,
  fold,
  initialAttendanceYear,
  monthCheckOf,
  schoolYearOf,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type StudentAttendanceEvent,
} from '@leap/domain';
import type { CaseAction } from '../simulation/case-plan';
import type { DemoCase, DemoWorld } from '../simulation/simulate';
import { districtPrincipal, type DemoServices } from './demo-services';

export const SYSTEM_ACTOR = { id: 'system', role: 'system' } as const;

/** Who sends a case's commands: its district's coordinator, its lead visitor, or the system. */
export interface CaseActors {
  coordinator: Principal;
  visitor: Principal;
}

export function caseActors(world: DemoWorld, c: DemoCase): CaseActors {
  const district = world.districts[c.districtIndex]!;
  const assign = c.actions.find((a) => a.kind === 'assign');
  const lead = district.visitors.find(
    (v) => assign?.kind === 'assign' && v.visitorId === assign.visitorIds[0],
  );
  return {
    coordinator: districtPrincipal(district.coordinator, 'coordinator', district.districtId),
    visitor: districtPrincipal(
      lead?.subject ?? district.coordinator,
      lead ? 'home_visitor' : 'coordinator',
      district.districtId,
    ),
  };
}

/**
 * Sends one planned action as the command a user would send: identification and assignment by the
 * coordinator, consent, visits, calls and referrals by the lead visitor, monthly attendance checks
 * by the system (as the automatic check does), transfers and closure by the coordinator.
 */
export async function runCaseAction(
  services: DemoServices,
  world: DemoWorld,
  c: DemoCase,
  action: CaseAction,
  actors: CaseActors,
  context: (actor: Principal | typeof SYSTEM_ACTOR) => CommandContext,
): Promise<void> {
  const student = world.students[c.student]!;
  const change = (principal: Principal, command: CaseCommand) =>
    services.change.execute(new ChangeCaseCommand(c.caseId, principal, context(principal), command));
  const { coordinator, visitor } = actors;
  const by = (principal: Principal) => principal.sub;
  switch (action.kind) {
    case 'identify':
      await services.identify.execute(
        new IdentifyStudentCommand(coordinator, context(coordinator), {
          caseId: c.caseId,
          studentId: student.studentId,
          householdId: null,
          districtId: world.districts[c.districtIndex]!.districtId,
          schoolId: c.schoolId,
          schoolYear: c.schoolYear,
          grade: c.grade,
          identifiedOn: action.date,
          baseline: {
            asOf: c.baseline.asOf,
            daysEnrolled: c.baseline.daysEnrolled,
            daysAbsent: c.baseline.daysAbsent,
          },
          flags: student.flags,
          homeLanguage: student.homeLanguage,
          targetingApproach: c.targetingApproach,
          pii: { guardianName: student.guardianName, guardianPhone: student.guardianPhone },
        }),
      );
      return;
    case 'assign':
      await services.assign.execute(
        new AssignVisitorsCommand(c.caseId, coordinator, context(coordinator), {
          assignedOn: action.date,
          visitorIds: action.visitorIds,
        }),
      );
      return;
    case 'offer':
      await change(visitor, {
        type: 'OfferConsent',
        data: { offeredOn: action.date, channel: action.channel },
        actorId: by(visitor),
      });
      return;
    case 'respond':
      await change(visitor, {
        type: 'RecordConsentResponse',
        data: {
          respondedOn: action.date,
          decision: action.decision,
          reasonCode: action.reasonCode,
          pii:
            action.decision === 'granted'
              ? {}
              : { reason: 'The family said they would rather not continue for now.' },
        },
        actorId: by(visitor),
      });
      return;
    case 'schedule':
      await change(visitor, {
        type: 'ScheduleVisit',
        data: {
          visitId: action.visitId,
          date: action.visitDate,
          location: action.location,
          visitorIds: action.visitorIds,
          householdVisitId: null,
        },
        actorId: by(visitor),
      });
      return;
    case 'not_held':
      await change(visitor, {
        type: 'RecordVisitNotHeld',
        data: {
          visitId: action.visitId,
          status: 'missed',
          date: action.date,
          reasonCode: action.reasonCode,
          pii: { reason: 'Nobody was home at the agreed time.' },
        },
        actorId: by(visitor),
      });
      return;
    case 'held':
      await change(visitor, {
        type: 'RecordVisitHeld',
        data: {
          visitId: action.visitId,
          resolvesScheduledVisit: false,
          visitNumber: null,
          date: action.date,
          location: action.location,
          visitorIds: action.visitorIds,
          householdVisitId: null,
          barriers: action.barriers,
          strengthCodes: action.strengthCodes,
          familyWantsToContinue: action.familyWantsToContinue,
          pii: { notes: 'Talked about the mornings before school and what helps on hard days.' },
        },
        actorId: by(visitor),
      });
      return;
    case 'call':
      await change(visitor, {
        type: 'RecordFollowUpCall',
        data: { callId: action.callId, calledOn: action.date, outcome: action.outcome, pii: {} },
        actorId: by(visitor),
      });
      return;
    case 'refer':
      await change(visitor, {
        type: 'ReferResource',
        data: {
          referralId: action.referralId,
          referredOn: action.date,
          resourceType: action.resourceType,
          partnerId: action.partnerId,
          pii: {},
        },
        actorId: by(visitor),
      });
      return;
    case 'referral_outcome':
      await change(visitor, {
        type: 'RecordReferralOutcome',
        data: { referralId: action.referralId, recordedOn: action.date, outcome: action.outcome },
        actorId: by(visitor),
      });
      return;
    case 'check': {
      // As the automatic check of an ended month does: the month's figures and the year to date
      // are those the attendance import recorded on the student's stream, not the simulation's.
      const month = action.asOf.slice(0, 7);
      const schoolYear = schoolYearOf(action.asOf);
      const student = services.pseudonymize('student', world.students[c.student]!.studentId);
      const history = await readHistory(services.store, attendanceStreamOf(student, schoolYear));
      const year = fold(
        { evolve: evolveAttendanceYear, initialState: initialAttendanceYear },
        history.map(toDomainEvent<StudentAttendanceEvent>),
      );
      const figures = monthCheckOf(year, schoolYear, month);
      if (figures === null) return;
      await system(services, c, context(SYSTEM_ACTOR), {
        type: 'RecordAttendanceCheck',
        data: { checkId: action.checkId, ...figures },
        actorId: SYSTEM_ACTOR.id,
      });
      return;
    }
    case 'transfer':
      await change(coordinator, {
        type: 'TransferCase',
        data: { toSchoolId: action.toSchoolId, transferredOn: action.date },
        actorId: by(coordinator),
      });
      return;
    case 'close':
      await change(coordinator, {
        type: 'CloseCase',
        data: { closedOn: action.date, reason: action.reason },
        actorId: by(coordinator),
      });
      return;
  }
}

/** A command of the system's own (attendance checks, raised follow-ups), through the command pipeline. */
export async function system(
  services: DemoServices,
  c: DemoCase,
  context: CommandContext,
  command: CaseCommand,
) {
  await handleCommand<CaseCommand, CaseEvent, CaseState>({
    store: services.store,
    streamId: caseStreamId(c.caseId),
    decider: caseDecider,
    context,
    command,
    scopeOf: caseScope,
  });
}
