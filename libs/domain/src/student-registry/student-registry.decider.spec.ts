import { fold } from '../decider';
import { given } from '../testing/given';
import type { ClaimStudentCase, StudentRegistryEvent } from './student-registry';
import { studentRegistryDecider } from './student-registry.decider';

const opened = (caseId: string): StudentRegistryEvent => ({
  type: 'StudentCaseOpened.v1',
  data: { studentId: 'student-1', caseId },
});
const claim = (caseId: string, holderIsOpen: boolean): ClaimStudentCase => ({
  type: 'ClaimStudentCase',
  data: { studentId: 'student-1', caseId, holderIsOpen },
  actorId: 'user-coordinator',
});

describe('when a case claims a student', () => {
  it('records the claim when no case ever held the student', () => {
    given(studentRegistryDecider, [])
      .when(claim('case-1', false))
      .then([opened('case-1')]);
  });

  it('records the claim when the holding case is closed', () => {
    given(studentRegistryDecider, [opened('case-1')])
      .when(claim('case-2', false))
      .then([opened('case-2')]);
  });

  it('rejects the claim while another case holding the student is open', () => {
    given(studentRegistryDecider, [opened('case-1')])
      .when(claim('case-2', true))
      .thenThrows('case_already_open', 'conflict');
  });

  it('records nothing when the claiming case already holds the student', () => {
    given(studentRegistryDecider, [opened('case-1')])
      .when(claim('case-1', true))
      .then([]);
  });
});

describe('when registry events are folded', () => {
  it('holds the case that claimed the student last', () => {
    expect(fold(studentRegistryDecider, [opened('case-1'), opened('case-2')])).toEqual({
      holderCaseId: 'case-2',
    });
  });

  it('holds no case before any claim', () => {
    expect(fold(studentRegistryDecider, [])).toEqual({ holderCaseId: null });
  });
});
