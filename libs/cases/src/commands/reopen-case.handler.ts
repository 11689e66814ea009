import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import type { ReopenCase } from '@leap/domain';
import type { CaseCommandResponse } from '../case-streams';
import { CaseCommandService } from './case-command.service';
import { StudentSlots } from './student-slots.service';

export class ReopenCaseCommand extends Command<CaseCommandResponse> {
  constructor(
    readonly caseId: string,
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly data: ReopenCase['data'],
  ) {
    super();
  }
}

/** Reopening takes the student's open slot back, so it fails while another case of the student is open. */
@CommandHandler(ReopenCaseCommand)
export class ReopenCaseHandler implements ICommandHandler<ReopenCaseCommand> {
  constructor(
    private readonly cases: CaseCommandService,
    private readonly slots: StudentSlots,
  ) {}

  execute({ caseId, principal, context, data }: ReopenCaseCommand): Promise<CaseCommandResponse> {
    return this.cases.run({
      caseId,
      principal,
      context,
      commandType: 'ReopenCase',
      command: { type: 'ReopenCase', data, actorId: principal.sub },
      beforeAppend: async (state) => {
        if (state.status === 'none') return;
        const { studentId, districtId, schoolId } = state;
        await this.slots.claim({ studentId, districtId, schoolId, caseId, context, principal });
      },
    });
  }
}
