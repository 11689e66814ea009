import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError, coversScope, type Principal } from '@leap/auth';
import { handleCommand, type CommandContext } from '@leap/commands';
import {
  caseDecider,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type IdentifyStudent,
  type Pseudonymize,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { PSEUDONYMIZE } from '@leap/privacy';
import { ImportedStudents } from '@leap/attendance';
import { requireCommandRole } from '../access/case-access';
import { caseScope, caseStreamId, type CaseCommandResponse } from '../case-streams';
import { CaseReferences } from './case-references.service';
import { StudentSlots } from './student-slots.service';
import {
  completeIdentification,
  needsImportedData,
  type IdentifyStudentRequest,
} from './imported-identification';

export type { IdentifyStudentRequest } from './imported-identification';

export class IdentifyStudentCommand extends Command<CaseCommandResponse> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly data: IdentifyStudentRequest,
  ) {
    super();
  }
}

/**
 * Opens a case in a school of a registered district: claims the student's one open slot, then writes
 * the case's first event. The scope check (403) comes before the registry's 404, so another
 * district's existence never leaks. The state student id and the household id are direct
 * identifiers: the event carries their keyed pseudonyms in clear and the ids themselves in `pii`.
 */
@CommandHandler(IdentifyStudentCommand)
export class IdentifyStudentHandler implements ICommandHandler<IdentifyStudentCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly slots: StudentSlots,
    private readonly references: CaseReferences,
    @Inject(PSEUDONYMIZE) private readonly pseudonymize: Pseudonymize,
    private readonly imported: ImportedStudents,
  ) {}

  async execute({ principal, context, data: request }: IdentifyStudentCommand): Promise<CaseCommandResponse> {
    requireCommandRole(principal, 'IdentifyStudent');
    if (!coversScope(principal, request.districtId, request.schoolId ?? null)) {
      throw new ForbiddenError(
        'out_of_scope',
        `Your token does not cover district ${request.districtId}, school ${request.schoolId ?? '(any)'}`,
      );
    }
    const data = this.identification(await this.withImportedData(request));
    if (!coversScope(principal, data.districtId, data.schoolId)) {
      // A school taken from the roster is not named: the refusal must not tell where a student is enrolled.
      const school = request.schoolId ?? 'the student is enrolled in';
      throw new ForbiddenError(
        'out_of_scope',
        `Your token does not cover district ${data.districtId}, school ${school}`,
      );
    }
    await this.references.requireSchool(data.districtId, data.schoolId);
    const outcome = await handleCommand<CaseCommand, CaseEvent, CaseState>({
      store: this.store,
      streamId: caseStreamId(data.caseId),
      decider: caseDecider,
      context,
      command: { type: 'IdentifyStudent', data, actorId: principal.sub },
      scopeOf: caseScope,
      beforeAppend: () =>
        this.slots.claim({
          student: data.student,
          legacyStudentId: request.studentId,
          districtId: data.districtId,
          schoolId: data.schoolId,
          caseId: data.caseId,
          context,
          principal,
        }),
    });
    return { caseId: data.caseId, revision: Number(outcome.revision), position: outcome.position };
  }

  /**
   * What the body left out, from the district's imported roster and attendance (and its targeting
   * approach); a body that gives everything reads nothing. 400 with the paths still missing.
   */
  private async withImportedData(request: IdentifyStudentRequest) {
    if (!needsImportedData(request)) return completeIdentification(request, null, null);
    const student = this.pseudonymize('student', request.studentId);
    const imported = await this.imported.find(student, request.districtId, request.identifiedOn);
    const approach = imported && (await this.references.targetingApproachOf(request.districtId));
    return completeIdentification(request, imported, approach);
  }

  private identification(request: ReturnType<typeof completeIdentification>): IdentifyStudent['data'] {
    const { studentId, householdId, pii, ...clear } = request;
    return {
      ...clear,
      student: this.pseudonymize('student', studentId),
      household: householdId === null ? null : this.pseudonymize('household', householdId),
      pii: { ...pii, studentId, ...(householdId === null ? {} : { householdId }) },
    };
  }
}
