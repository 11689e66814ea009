import { assertNever, conflict, type Decider } from '../decider';
import type { StudentRegistryCommand, StudentRegistryEvent, StudentRegistryState } from './student-registry';

/**
 * One open case per student. A claim succeeds when the slot is free: never claimed, or held by a case
 * the caller found closed. A repeated claim by the holder appends nothing, so a retried
 * identification that crashed between its two appends can complete.
 */
function decide(command: StudentRegistryCommand, state: StudentRegistryState): StudentRegistryEvent[] {
  switch (command.type) {
    case 'ClaimStudentCase': {
      const { studentId, caseId, holderIsOpen } = command.data;
      if (state.holderCaseId === caseId) return [];
      if (state.holderCaseId !== null && holderIsOpen) {
        throw conflict(
          'case_already_open',
          `Student ${studentId} already has open case ${state.holderCaseId}`,
        );
      }
      return [{ type: 'StudentCaseOpened.v1', data: { studentId, caseId } }];
    }
    default:
      return assertNever(command.type);
  }
}

function evolve(_state: StudentRegistryState, event: StudentRegistryEvent): StudentRegistryState {
  switch (event.type) {
    case 'StudentCaseOpened.v1':
      return { holderCaseId: event.data.caseId };
    default:
      return assertNever(event.type);
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
