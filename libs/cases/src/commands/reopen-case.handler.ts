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

/**
 * Reopening takes the student's open slot back, so it fails while another case of the student is
 * open. The slot is the pseudonym's; the state student id (from `pii`, when readable) only finds the
 * slot earlier versions kept under it.
 */
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
        const { student, districtId, schoolId, pii } = state;
        const legacyStudentId = readableStudentId(pii);
        await this.slots.claim({
          student,
          legacyStudentId,
          districtId,
          schoolId,
          caseId,
          context,
          principal,
        });
      },
    });
  }
}

/** The state student id of the case's `pii`, unless that is unreadable (sealed, erased). */
function readableStudentId(pii: unknown): string | null {
  if (pii === null || typeof pii !== 'object') return null;
  const { studentId } = pii as { studentId?: unknown };
  return typeof studentId === 'string' ? studentId : null;
}
