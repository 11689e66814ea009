import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@leap/auth';
import { handleCommand, readHistory, toDomainEvent, type CommandContext } from '@leap/commands';
import {
  DomainError,
  caseDecider,
  conflict,
  fold,
  studentRegistryDecider,
  type CaseEvent,
  type ClaimStudentCase,
  type StudentRegistryCommand,
  type StudentRegistryEvent,
  type StudentRegistryState,
} from '@leap/domain';
import { EVENT_STORE, type EventStore } from '@leap/event-store';
import { isCaseVisibleTo } from '../access/case-access';
import { caseStreamId, legacyStudentSlotStreamId, studentSlotStreamId } from '../case-streams';

/**
 * A claim whose case stream does not exist yet is honoured for this long: the claiming command
 * writes its case right after the claim. A claim older than this with no case behind it was left by
 * a crash between the two appends and no longer blocks the student.
 */
export const PENDING_CLAIM_MS = 60_000;

export interface SlotClaim {
  /** The student's pseudonym: slots are keyed by it. */
  student: string;
  /**
   * The state student id, when known (from the command, or from the case's `pii`): only to find the
   * slot earlier versions kept under it in clear. Never written anywhere.
   */
  legacyStudentId: string | null;
  districtId: string;
  schoolId: string;
  caseId: string;
  context: CommandContext;
  principal: Principal;
}

type Holder = ClaimStudentCase['data']['holder'];

/**
 * One open case per student per district, across streams: the student's slot in the district is
 * claimed before a case opens (or reopens). A refusal names the open case only to a principal who
 * could read it; anyone else learns only that the student already has an open case in the district.
 */
@Injectable()
export class StudentSlots {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** @throws DomainError `case_already_open` when another open case of the district holds the slot. */
  async claim(claim: SlotClaim): Promise<void> {
    const { student, districtId, schoolId, caseId, context } = claim;
    const streamId = studentSlotStreamId(districtId, student);
    const { idempotency: _key, expectedRevision: _revision, ...slotContext } = context;
    let holder: Holder = null;
    try {
      await handleCommand<StudentRegistryCommand, StudentRegistryEvent, StudentRegistryState>({
        store: this.store,
        streamId,
        decider: studentRegistryDecider,
        context: slotContext,
        command: async (state) => {
          holder = await this.holderOf(streamId, state, claim);
          return {
            type: 'ClaimStudentCase',
            data: { districtId, student, caseId, holder },
            actorId: context.actor.id,
          };
        },
        scopeOf: () => ({ districtId, schoolId }),
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'case_already_open' && holder !== null)
        throw await this.refusalFor(claim, holder);
      throw error;
    }
  }

  private async holderOf(streamId: string, state: StudentRegistryState, claim: SlotClaim): Promise<Holder> {
    const holderCaseId = state.holderCaseId ?? (await this.legacyHolder(claim));
    if (holderCaseId === null) return null;
    if (holderCaseId === claim.caseId) return { caseId: holderCaseId, open: true };
    const holderHistory = await readHistory(this.store, caseStreamId(holderCaseId));
    if (holderHistory.length > 0) {
      const holderCase = fold(caseDecider, holderHistory.map(toDomainEvent<CaseEvent>));
      return { caseId: holderCaseId, open: holderCase.status === 'open' };
    }
    const lastClaim = (await readHistory(this.store, streamId)).at(-1);
    const pending =
      lastClaim !== undefined &&
      claim.context.receivedAt.getTime() - Date.parse(lastClaim.recordedAt) < PENDING_CLAIM_MS;
    return { caseId: holderCaseId, open: pending };
  }

  /**
   * Earlier versions kept one slot per student across districts, under the student id in clear. Until
   * the district's own slot records a claim, a case of this district holding that slot still counts.
   */
  private async legacyHolder({ legacyStudentId, districtId }: SlotClaim): Promise<string | null> {
    if (legacyStudentId === null) return null;
    const legacy = await readHistory(this.store, legacyStudentSlotStreamId(legacyStudentId));
    const holderCaseId = fold(
      studentRegistryDecider,
      legacy.map(toDomainEvent<StudentRegistryEvent>),
    ).holderCaseId;
    if (holderCaseId === null) return null;
    const holderCase = fold(
      caseDecider,
      (await readHistory(this.store, caseStreamId(holderCaseId))).map(toDomainEvent<CaseEvent>),
    );
    return holderCase.status !== 'none' && holderCase.districtId === districtId ? holderCaseId : null;
  }

  private async refusalFor(claim: SlotClaim, holder: NonNullable<Holder>): Promise<DomainError> {
    const holderCase = fold(
      caseDecider,
      (await readHistory(this.store, caseStreamId(holder.caseId))).map(toDomainEvent<CaseEvent>),
    );
    return holderCase.status !== 'none' && isCaseVisibleTo(claim.principal, holderCase)
      ? conflict('case_already_open', `The student already has open case ${holder.caseId}`)
      : conflict('case_already_open', 'The student already has an open case in this district');
  }
}
