import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import type { CaseCommand } from '@leap/domain';
import type { CaseCommandResponse } from '../case-streams';
import { CaseCommandService } from './case-command.service';

/** Any command on an existing case that needs nothing beyond the case's own stream. */
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

@CommandHandler(ChangeCaseCommand)
export class ChangeCaseHandler implements ICommandHandler<ChangeCaseCommand> {
  constructor(private readonly cases: CaseCommandService) {}

  execute({ caseId, principal, context, command }: ChangeCaseCommand): Promise<CaseCommandResponse> {
    return this.cases.run({ caseId, principal, context, command, commandType: command.type });
  }
}
