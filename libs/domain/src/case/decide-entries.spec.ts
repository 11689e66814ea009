import { given } from '../testing/given';
import { caseDecider } from './case.decider';
import { ACTOR, command, event, history } from './case.fixtures';
import type { CaseEvent } from './events';

describe('when a follow-up call is recorded', () => {
  it('records the call and who recorded it', () => {
    given(caseDecider, history.consenting())
      .when(command.recordFollowUpCall())
      .then([event.followUpCallMade()]);
  });

  it('records the acting user as the one who recorded it', () => {
    given(caseDecider, history.consenting())
      .when({ ...command.recordFollowUpCall(), actorId: 'user-other' })
      .then([event.followUpCallMade({ recordedBy: 'user-other' })]);
  });

  it('rejects a call id already on the case', () => {
    given(caseDecider, [...history.consenting(), event.followUpCallMade()])
      .when(command.recordFollowUpCall({ outcome: 'voicemail' }))
      .thenThrows('entry_exists', 'conflict');
  });
});

describe('when a resource is referred', () => {
  it('records the referral', () => {
    given(caseDecider, history.consenting()).when(command.referResource()).then([event.resourceReferred()]);
  });

  it('rejects a referral id already on the case', () => {
    given(caseDecider, [...history.consenting(), event.resourceReferred()])
      .when(command.referResource({ resourceType: 'food' }))
      .thenThrows('referral_exists', 'conflict');
  });
});

describe('when a referral outcome is recorded', () => {
  const referred = (): CaseEvent[] => [...history.consenting(), event.resourceReferred()];

  it('records the outcome of the referral', () => {
    given(caseDecider, referred())
      .when(command.recordReferralOutcome())
      .then([event.referralOutcomeRecorded()]);
  });

  it('records a later outcome for a referral that already has one', () => {
    given(caseDecider, [...referred(), event.referralOutcomeRecorded({ outcome: 'pending' })])
      .when(command.recordReferralOutcome({ recordedOn: '2024-11-05' }))
      .then([event.referralOutcomeRecorded({ recordedOn: '2024-11-05' })]);
  });

  it('records the outcome after the family withdrew consent', () => {
    given(caseDecider, [...referred(), event.consentWithdrawn({ respondedOn: '2024-10-15' })])
      .when(command.recordReferralOutcome())
      .then([event.referralOutcomeRecorded()]);
  });

  it('rejects an outcome for a referral the case does not have', () => {
    given(caseDecider, referred())
      .when(command.recordReferralOutcome({ referralId: 'referral-9' }))
      .thenThrows('referral_not_found', 'not_found');
  });

  it('rejects an outcome for a voided referral', () => {
    given(caseDecider, [...referred(), event.entryVoided({ entryId: 'referral-1', entryKind: 'referral' })])
      .when(command.recordReferralOutcome())
      .thenThrows('referral_not_found', 'not_found');
  });
});

describe('when attendance is checked', () => {
  it('records the check with its tier, without needing consent', () => {
    given(caseDecider, history.identified())
      .when(command.checkAttendance())
      .then([event.attendanceChecked()]);
  });

  it.each([
    [20, 1, 'at_risk'],
    [20, 2, 'chronic'],
    [20, 0, 'satisfactory'],
    [20, 4, 'severe_chronic'],
  ] as const)('tiers %i enrolled / %i absent days as %s', (daysEnrolled, daysAbsent, tier) => {
    given(caseDecider, history.identified())
      .when(command.checkAttendance({ daysEnrolled, daysAbsent }))
      .then([event.attendanceChecked({ daysEnrolled, daysAbsent, tier })]);
  });

  it('rejects more absent than enrolled days', () => {
    given(caseDecider, history.identified())
      .when(command.checkAttendance({ daysEnrolled: 10, daysAbsent: 11 }))
      .thenThrows('attendance_invalid', 'conflict');
  });

  it('rejects a check id already on the case', () => {
    given(caseDecider, [...history.identified(), event.attendanceChecked()])
      .when(command.checkAttendance({ asOf: '2024-11-30' }))
      .thenThrows('entry_exists', 'conflict');
  });
});

describe('when an entry is voided', () => {
  const recorded = (): CaseEvent[] => [
    ...history.consenting(),
    event.visitHeld(),
    event.followUpCallMade(),
    event.resourceReferred(),
    event.attendanceChecked(),
  ];

  it.each([
    ['visit-1', 'visit'],
    ['call-1', 'follow_up_call'],
    ['referral-1', 'referral'],
    ['check-1', 'attendance_check'],
  ] as const)('voids %s and records it as a %s', (entryId, entryKind) => {
    given(caseDecider, recorded())
      .when(command.voidEntry({ entryId }))
      .then([event.entryVoided({ entryId, entryKind, recordedBy: ACTOR })]);
  });

  it('voids a scheduled visit', () => {
    given(caseDecider, [...history.consenting(), event.visitScheduled()])
      .when(command.voidEntry())
      .then([event.entryVoided()]);
  });

  it('voids an entry after the family withdrew consent', () => {
    given(caseDecider, [...recorded(), event.consentWithdrawn({ respondedOn: '2024-10-14' })])
      .when(command.voidEntry({ entryId: 'call-1' }))
      .then([event.entryVoided({ entryId: 'call-1', entryKind: 'follow_up_call' })]);
  });

  it('rejects an entry id the case does not have', () => {
    given(caseDecider, recorded())
      .when(command.voidEntry({ entryId: 'nothing-9' }))
      .thenThrows('entry_not_found', 'not_found');
  });

  it('rejects voiding an entry twice', () => {
    given(caseDecider, [...recorded(), event.entryVoided()])
      .when(command.voidEntry({ voidedOn: '2024-10-16' }))
      .thenThrows('entry_already_voided', 'conflict');
  });
});
