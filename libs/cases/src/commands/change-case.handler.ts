import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import type { CaseCommand } from '@leap/domain';
import type { CaseCommandResponse } from '../case-streams';
import { CaseCommandService } from './case-command.service';
import { CaseReferences } from './case-references.service';

/** Any command on an existing case that needs nothing beyond the case's own stream and the registry. */
export class ChangeCaseCommand extends Command<CaseCommandResponse> {
  constructor(
    readonly caseId: string,
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly command: CaseCommand,
  ) {
    super();
  }
}

/**
 * The case's own rules decide first; what the accepted command names (a school, visitors, a partner)
 * is then checked against the registry before anything is appended.
 */
@CommandHandler(ChangeCaseCommand)
export class ChangeCaseHandler implements ICommandHandler<ChangeCaseCommand> {
  constructor(
    private readonly cases: CaseCommandService,
    private readonly references: CaseReferences,
  ) {}

  execute({ caseId, principal, context, command }: ChangeCaseCommand): Promise<CaseCommandResponse> {
    return this.cases.run({
      caseId,
      principal,
      context,
      command,
      commandType: command.type,
      beforeAppend: async (state) => {
        if (state.status !== 'none') await this.references.check(command, state);
      },
    });
  }
}
