import { fold } from '../decider';
import { given } from '../testing/given';
import type { ClaimStudentCase, StudentRegistryEvent } from './student-registry';
import { studentRegistryDecider } from './student-registry.decider';

const opened = (caseId: string): StudentRegistryEvent => ({
  type: 'StudentCaseOpened.v2',
  data: { districtId: 'd1', student: 'stu_0123', caseId },
});
const claim = (caseId: string, holder: ClaimStudentCase['data']['holder']): ClaimStudentCase => ({
  type: 'ClaimStudentCase',
  data: { districtId: 'd1', student: 'stu_0123', caseId, holder },
  actorId: 'user-coordinator',
});

describe('when a case claims a student in a district', () => {
  it('records the claim when no case ever held the student', () => {
    given(studentRegistryDecider, [])
      .when(claim('case-1', null))
      .then([opened('case-1')]);
  });

  it('records the claim when the holding case is closed', () => {
    given(studentRegistryDecider, [opened('case-1')])
      .when(claim('case-2', { caseId: 'case-1', open: false }))
      .then([opened('case-2')]);
  });

  it('rejects the claim while another case holding the student is open, without naming it', () => {
    given(studentRegistryDecider, [opened('case-1')])
      .when(claim('case-2', { caseId: 'case-1', open: true }))
      .thenThrows('case_already_open', 'conflict');
    expect(() =>
      studentRegistryDecider.decide(claim('case-2', { caseId: 'case-1', open: true }), {
        holderCaseId: 'case-1',
      }),
    ).toThrow(/^The student already has an open case in this district$/);
  });

  it('rejects the claim when the caller found an open holder the stream does not know (a slot of an earlier version)', () => {
    given(studentRegistryDecider, [])
      .when(claim('case-2', { caseId: 'case-legacy', open: true }))
      .thenThrows('case_already_open', 'conflict');
  });

  it('records nothing when the claiming case already holds the student', () => {
    given(studentRegistryDecider, [opened('case-1')])
      .when(claim('case-1', { caseId: 'case-1', open: true }))
      .then([]);
  });
});

describe('when registry events are folded', () => {
  it('holds the case that claimed the student last, whichever version recorded it', () => {
    const legacy: StudentRegistryEvent = {
      type: 'StudentCaseOpened.v1',
      data: { studentId: 's-1', caseId: 'case-0' },
    };
    expect(fold(studentRegistryDecider, [legacy])).toEqual({ holderCaseId: 'case-0' });
    expect(fold(studentRegistryDecider, [legacy, opened('case-1'), opened('case-2')])).toEqual({
      holderCaseId: 'case-2',
    });
  });

  it('holds no case before any claim', () => {
    expect(fold(studentRegistryDecider, [])).toEqual({ holderCaseId: null });
  });
});
