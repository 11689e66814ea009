import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Principal } from '@leap/auth';
import { readHistory, toDomainEvent, type CommandContext } from '@leap/commands';
import {
  conflict,
  fold,
  visitorDecider,
  type AssignVisitors,
  type AssignedVisitor,
  type CaseState,
  type VisitorEvent,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { visitorStreamId } from '@leap/visitors';
import type { CaseCommandResponse } from '../case-streams';
import { CaseCommandService } from './case-command.service';

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
 * Replaces the case's assigned visitors. Each must be registered in the case's district; the
 * assignment records each visitor's login subject, which is how a home visitor's token finds its cases.
 */
@CommandHandler(AssignVisitorsCommand)
export class AssignVisitorsHandler implements ICommandHandler<AssignVisitorsCommand> {
  constructor(
    private readonly cases: CaseCommandService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  execute({ caseId, principal, context, data }: AssignVisitorsCommand): Promise<CaseCommandResponse> {
    return this.cases.run({
      caseId,
      principal,
      context,
      commandType: 'AssignVisitors',
      command: async (state): Promise<AssignVisitors> => ({
        type: 'AssignVisitors',
        data: { assignedOn: data.assignedOn, visitors: await this.resolve(data.visitorIds, state) },
        actorId: principal.sub,
      }),
    });
  }

  private async resolve(visitorIds: string[], state: CaseState): Promise<AssignedVisitor[]> {
    const districtId = state.status === 'none' ? null : state.districtId;
    return Promise.all(
      [...new Set(visitorIds)].map(async (visitorId) => {
        const visitor = fold(
          visitorDecider,
          (await readHistory(this.store, visitorStreamId(visitorId))).map(toDomainEvent<VisitorEvent>),
        );
        if (visitor.status === 'none' || visitor.districtId !== districtId) {
          throw conflict(
            'visitor_not_registered',
            `Visitor ${visitorId} is not registered in district ${districtId}`,
          );
        }
        return { visitorId, subject: visitor.subject };
      }),
    );
  }
}
