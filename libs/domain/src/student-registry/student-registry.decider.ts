import { assertNever, conflict, type Decider } from '../decider';
import type { StudentRegistryCommand, StudentRegistryEvent, StudentRegistryState } from './student-registry';

/**
 * One open case per student per district. A claim succeeds when the slot is free: never claimed, or
 * held by a case the caller found closed. A repeated claim by the holder appends nothing, so a retried
 * identification that crashed between its two appends can complete. The refusal names no case: the
 * caller adds the holder's id only for a principal allowed to read that case.
 */
function decide(command: StudentRegistryCommand, state: StudentRegistryState): StudentRegistryEvent[] {
  switch (command.type) {
    case 'ClaimStudentCase': {
      const { districtId, student, caseId, holder } = command.data;
      if (state.holderCaseId === caseId) return [];
      if (holder !== null && holder.caseId !== caseId && holder.open) {
        throw conflict('case_already_open', 'The student already has an open case in this district');
      }
      return [{ type: 'StudentCaseOpened.v2', data: { districtId, student, caseId } }];
    }
    default:
      return assertNever(command.type);
  }
}

function evolve(_state: StudentRegistryState, event: StudentRegistryEvent): StudentRegistryState {
  switch (event.type) {
    case 'StudentCaseOpened.v2':
    case 'StudentCaseOpened.v1':
      return { holderCaseId: event.data.caseId };
    default:
      return assertNever(event);
  }
}

export const studentRegistryDecider: Decider<
  StudentRegistryCommand,
  StudentRegistryEvent,
  StudentRegistryState
> = {
  decide,
  evolve,
  initialState: () => ({ holderCaseId: null }),
};
