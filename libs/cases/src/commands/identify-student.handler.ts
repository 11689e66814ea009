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
  type StudentPii,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { PSEUDONYMIZE } from '@leap/privacy';
import { requireCommandRole } from '../access/case-access';
import { caseScope, caseStreamId, type CaseCommandResponse } from '../case-streams';
import { CaseReferences } from './case-references.service';
import { StudentSlots } from './student-slots.service';

/** An identification as requested: the real ids, which the handler turns into pseudonyms and `pii`. */
export type IdentifyStudentRequest = Omit<IdentifyStudent['data'], 'student' | 'household' | 'pii'> & {
  studentId: string;
  householdId: string | null;
  pii: StudentPii;
};

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
  ) {}

  async execute({ principal, context, data: request }: IdentifyStudentCommand): Promise<CaseCommandResponse> {
    const data = this.identification(request);
    requireCommandRole(principal, 'IdentifyStudent');
    if (!coversScope(principal, data.districtId, data.schoolId)) {
      throw new ForbiddenError(
        'out_of_scope',
        `Your token does not cover district ${data.districtId}, school ${data.schoolId}`,
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

  private identification(request: IdentifyStudentRequest): IdentifyStudent['data'] {
    const { studentId, householdId, pii, ...clear } = request;
    return {
      ...clear,
      student: this.pseudonymize('student', studentId),
      household: householdId === null ? null : this.pseudonymize('household', householdId),
      pii: { ...pii, studentId, ...(householdId === null ? {} : { householdId }) },
    };
  }
}
