import { Inject, Injectable } from '@nestjs/common';
import { handleCommand, readHistory, toDomainEvent, type CommandContext, type Scope } from '@leap/commands';
import {
  caseDecider,
  fold,
  studentRegistryDecider,
  type CaseEvent,
  type StudentRegistryCommand,
  type StudentRegistryEvent,
  type StudentRegistryState,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { caseStreamId, studentSlotStreamId } from '../case-streams';

/**
 * A claim whose case stream does not exist yet is honoured for this long: the claiming command
 * writes its case right after the claim. A claim older than this with no case behind it was left by
 * a crash between the two appends and no longer blocks the student.
 */
const PENDING_CLAIM_MS = 60_000;

/** One open case per student, across streams: the student's slot is claimed before a case opens. */
@Injectable()
export class StudentSlots {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** @throws DomainError `case_already_open` when another open case holds the student's slot. */
  async claim(studentId: string, caseId: string, context: CommandContext, scope: Scope): Promise<void> {
    const streamId = studentSlotStreamId(studentId);
    const { idempotency: _key, expectedRevision: _revision, ...slotContext } = context;
    await handleCommand<StudentRegistryCommand, StudentRegistryEvent, StudentRegistryState>({
      store: this.store,
      streamId,
      decider: studentRegistryDecider,
      context: slotContext,
      command: async (state) => ({
        type: 'ClaimStudentCase',
        data: {
          studentId,
          caseId,
          holderIsOpen: await this.holderIsOpen(streamId, state, caseId, context.receivedAt),
        },
        actorId: context.actor.id,
      }),
      scopeOf: () => scope,
    });
  }

  private async holderIsOpen(
    streamId: string,
    state: StudentRegistryState,
    caseId: string,
    now: Date,
  ): Promise<boolean> {
    const holder = state.holderCaseId;
    if (holder === null || holder === caseId) return false;
    const holderHistory = await readHistory(this.store, caseStreamId(holder));
    if (holderHistory.length > 0) {
      return fold(caseDecider, holderHistory.map(toDomainEvent<CaseEvent>)).status === 'open';
    }
    const claim = (await readHistory(this.store, streamId)).at(-1);
    return claim !== undefined && now.getTime() - Date.parse(claim.recordedAt) < PENDING_CLAIM_MS;
  }
}
