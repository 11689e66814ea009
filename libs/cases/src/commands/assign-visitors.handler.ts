import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@leap/auth';
import type { CommandContext } from '@leap/commands';
import type { AssignVisitors } from '@leap/domain';
import type { CaseCommandResponse } from '../case-streams';
import { CaseCommandService } from './case-command.service';
import { CaseReferences } from './case-references.service';

export class AssignVisitorsCommand extends Command<CaseCommandResponse> {
  constructor(
    readonly caseId: string,
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly data: { assignedOn: string; visitorIds: string[] },
  ) {
    super();
  }
}

/**
 * Replaces the case's assigned visitors. Each must be registered in the case's district and, unless
 * the district allows otherwise, have completed LEAP_101 by the assignment date; the assignment
 * records each visitor's login subject, which is how a home visitor's token finds its cases.
 */
@CommandHandler(AssignVisitorsCommand)
export class AssignVisitorsHandler implements ICommandHandler<AssignVisitorsCommand> {
  constructor(
    private readonly cases: CaseCommandService,
    private readonly references: CaseReferences,
  ) {}

  execute({ caseId, principal, context, data }: AssignVisitorsCommand): Promise<CaseCommandResponse> {
    return this.cases.run({
      caseId,
      principal,
      context,
      commandType: 'AssignVisitors',
      // Built on the case as read (the scope check has passed by then): its district's registry applies.
      command: async (state): Promise<AssignVisitors> => ({
        type: 'AssignVisitors',
        data: {
          assignedOn: data.assignedOn,
          visitors:
            state.status === 'none'
              ? []
              : await this.references.assignable(data.visitorIds, state.districtId, data.assignedOn),
        },
        actorId: principal.sub,
      }),
    });
  }
}
