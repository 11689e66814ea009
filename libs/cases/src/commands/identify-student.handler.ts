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
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { requireCommandRole } from '../access/case-access';
import { caseScope, caseStreamId, type CaseCommandResponse } from '../case-streams';
import { CaseReferences } from './case-references.service';
import { StudentSlots } from './student-slots.service';

export class IdentifyStudentCommand extends Command<CaseCommandResponse> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly data: IdentifyStudent['data'],
  ) {
    super();
  }
}

/**
 * Opens a case in a school of a registered district: claims the student's one open slot, then writes
 * the case's first event. The scope check (403) comes before the registry's 404, so another
 * district's existence never leaks.
 */
@CommandHandler(IdentifyStudentCommand)
export class IdentifyStudentHandler implements ICommandHandler<IdentifyStudentCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly slots: StudentSlots,
    private readonly references: CaseReferences,
  ) {}

  async execute({ principal, context, data }: IdentifyStudentCommand): Promise<CaseCommandResponse> {
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
          studentId: data.studentId,
          districtId: data.districtId,
          schoolId: data.schoolId,
          caseId: data.caseId,
          context,
          principal,
        }),
    });
    return { caseId: data.caseId, revision: Number(outcome.revision), position: outcome.position };
  }
}
