import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@leap/auth';
import { handleCommand, type CommandContext } from '@leap/commands';
import { caseDecider, type CaseCommand, type CaseEvent, type CaseState } from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { requireCommandRole, requireEntryOwnership, requireVisibleCase } from '../access/case-access';
import { caseScope, caseStreamId, type CaseCommandResponse } from '../case-streams';

export interface CaseCommandRequest<C extends CaseCommand> {
  caseId: string;
  principal: Principal;
  context: CommandContext;
  /** The command, or a builder that needs the current state (re-run on a concurrency retry). */
  command: C | ((state: CaseState) => C | Promise<C>);
  commandType: C['type'];
  beforeAppend?: (state: CaseState, events: CaseEvent[]) => Promise<void>;
}

/** Runs a command against an existing case: role check (403), scope check (404), then the decider. */
@Injectable()
export class CaseCommandService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async run<C extends CaseCommand>(request: CaseCommandRequest<C>): Promise<CaseCommandResponse> {
    const { caseId, principal } = request;
    requireCommandRole(principal, request.commandType);
    const outcome = await handleCommand<CaseCommand, CaseEvent, CaseState>({
      store: this.store,
      streamId: caseStreamId(caseId),
      decider: caseDecider,
      context: request.context,
      command: async (state) => {
        const command =
          typeof request.command === 'function' ? await request.command(state) : request.command;
        const open = requireVisibleCase(principal, caseId, state);
        requireEntryOwnership(principal, command, open);
        return command;
      },
      scopeOf: caseScope,
      authorize: (state) => void requireVisibleCase(principal, caseId, state),
      beforeAppend: request.beforeAppend,
    });
    return { caseId, revision: Number(outcome.revision), position: outcome.position };
  }
}
