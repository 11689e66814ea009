import { given } from '../testing/given';
import { caseDecider } from './case.decider';
import { command, event, history, IDENTIFIED_ON } from './case.fixtures';
import type { CaseCommand } from './commands';

describe('when a student is identified', () => {
  it('opens the case with the baseline tiered', () => {
    given(caseDecider, []).when(command.identifyStudent()).then([event.studentIdentified()]);
  });

  it('tiers a baseline on the 10% boundary as chronic', () => {
    given(caseDecider, [])
      .when(command.identifyStudent({ baseline: { asOf: '2024-09-30', daysEnrolled: 20, daysAbsent: 2 } }))
      .then([
        event.studentIdentified({
          baseline: { asOf: '2024-09-30', daysEnrolled: 20, daysAbsent: 2, tier: 'chronic' },
        }),
      ]);
  });

  it('accepts a baseline dated before identification', () => {
    const baseline = { asOf: '2024-06-15', daysEnrolled: 180, daysAbsent: 40 };
    given(caseDecider, [])
      .when(command.identifyStudent({ baseline }))
      .then([event.studentIdentified({ baseline: { ...baseline, tier: 'severe_chronic' } })]);
  });

  it('accepts a baseline measured on the day of identification', () => {
    const baseline = { asOf: IDENTIFIED_ON, daysEnrolled: 20, daysAbsent: 3 };
    given(caseDecider, [])
      .when(command.identifyStudent({ baseline }))
      .then([event.studentIdentified({ baseline: { ...baseline, tier: 'chronic' } })]);
  });

  it('rejects a baseline measured after identification', () => {
    given(caseDecider, [])
      .when(command.identifyStudent({ baseline: { asOf: '2024-10-02', daysEnrolled: 20, daysAbsent: 3 } }))
      .thenThrows('baseline_after_identification', 'conflict');
  });

  it('rejects a school year that does not hold the identification date', () => {
    given(caseDecider, [])
      .when(command.identifyStudent({ schoolYear: '2023-24' }))
      .thenThrows('school_year_mismatch', 'conflict');
  });

  it('rejects a baseline with more absent than enrolled days', () => {
    given(caseDecider, [])
      .when(command.identifyStudent({ baseline: { asOf: '2024-09-30', daysEnrolled: 5, daysAbsent: 6 } }))
      .thenThrows('attendance_invalid', 'conflict');
  });

  it('rejects identifying a student on a case that already exists', () => {
    given(caseDecider, history.identified())
      .when(command.identifyStudent())
      .thenThrows('case_exists', 'conflict');
  });
});

describe('when a command reaches a case that was never identified', () => {
  it.each<[string, CaseCommand]>([
    ['OfferConsent', command.offerConsent()],
    ['RecordVisitHeld', command.recordVisitHeld()],
    ['ReopenCase', command.reopenCase()],
  ])('reports %s as case_not_found', (_name, cmd) => {
    given(caseDecider, []).when(cmd).thenThrows('case_not_found', 'not_found');
  });
});

describe('when a command states a business date before identification', () => {
  const dayBefore = '2024-09-30';
  it.each<[string, CaseCommand]>([
    ['AssignVisitors', command.assignVisitors({ assignedOn: dayBefore })],
    ['OfferConsent', command.offerConsent({ offeredOn: dayBefore })],
    ['RecordConsentResponse', command.respondToConsent({ respondedOn: dayBefore })],
    ['ScheduleVisit', command.scheduleVisit({ date: dayBefore })],
    ['RecordVisitHeld', command.recordVisitHeld({ date: dayBefore })],
    ['RecordVisitNotHeld', command.recordVisitNotHeld({ date: dayBefore })],
    ['RecordFollowUpCall', command.recordFollowUpCall({ calledOn: dayBefore })],
    ['ReferResource', command.referResource({ referredOn: dayBefore })],
    ['RecordReferralOutcome', command.recordReferralOutcome({ recordedOn: dayBefore })],
    ['CheckAttendance', command.checkAttendance({ asOf: dayBefore })],
    ['VoidEntry', command.voidEntry({ voidedOn: dayBefore })],
    ['TransferCase', command.transferCase({ transferredOn: dayBefore })],
    ['CloseCase', command.closeCase({ closedOn: dayBefore })],
  ])('rejects %s', (_name, cmd) => {
    given(caseDecider, history.consenting()).when(cmd).thenThrows('date_before_identification', 'conflict');
  });

  it('rejects ReopenCase dated before identification', () => {
    given(caseDecider, [...history.identified(), event.caseClosed()])
      .when(command.reopenCase({ reopenedOn: '2024-09-01' }))
      .thenThrows('date_before_identification');
  });

  it('accepts a command dated on the day of identification', () => {
    given(caseDecider, history.identified())
      .when(command.offerConsent({ offeredOn: IDENTIFIED_ON }))
      .then([event.consentOffered({ offeredOn: IDENTIFIED_ON })]);
  });
});

describe('when visitors are assigned', () => {
  it('records the assigned team', () => {
    given(caseDecider, history.identified()).when(command.assignVisitors()).then([event.visitorsAssigned()]);
  });

  it('records each visitor once, keeping the first mention', () => {
    const visitors = [
      { visitorId: 'visitor-a', subject: 'sub-a' },
      { visitorId: 'visitor-a', subject: 'sub-other' },
      { visitorId: 'visitor-c', subject: null },
    ];
    given(caseDecider, history.identified())
      .when(command.assignVisitors({ visitors }))
      .then([event.visitorsAssigned({ visitors: [visitors[0]!, visitors[2]!] })]);
  });

  it('rejects an assignment with no visitors', () => {
    given(caseDecider, history.identified())
      .when(command.assignVisitors({ visitors: [] }))
      .thenThrows('visitor_required', 'conflict');
  });
});

describe('when a case is transferred', () => {
  it('records the move from the current school', () => {
    given(caseDecider, history.identified()).when(command.transferCase()).then([event.caseTransferred()]);
  });

  it('records the move from the school the case was last transferred to', () => {
    given(caseDecider, [...history.identified(), event.caseTransferred()])
      .when(command.transferCase({ toSchoolId: 'school-3', transferredOn: '2024-11-20' }))
      .then([
        event.caseTransferred({
          fromSchoolId: 'school-2',
          toSchoolId: 'school-3',
          transferredOn: '2024-11-20',
        }),
      ]);
  });

  it('rejects a transfer to the school the case is already at', () => {
    given(caseDecider, history.identified())
      .when(command.transferCase({ toSchoolId: 'school-1' }))
      .thenThrows('same_school', 'conflict');
  });
});

describe('when a case is closed', () => {
  const closed = () => [...history.consenting(), event.caseClosed()];

  it('records the closure', () => {
    given(caseDecider, history.identified()).when(command.closeCase()).then([event.caseClosed()]);
  });

  /**
   * One row per command type, checked at compile time: a new command type does not compile here
   * until the table says what a closed case does with it.
   */
  const everyCommand: { [T in CaseCommand['type']]: Extract<CaseCommand, { type: T }> } = {
    IdentifyStudent: command.identifyStudent(),
    AssignVisitors: command.assignVisitors({ assignedOn: '2024-12-05' }),
    OfferConsent: command.offerConsent({ offeredOn: '2024-12-05' }),
    RecordConsentResponse: command.respondToConsent({ respondedOn: '2024-12-05' }),
    ScheduleVisit: command.scheduleVisit({ visitId: 'visit-9', date: '2024-12-05' }),
    RecordVisitHeld: command.recordVisitHeld({ visitId: 'visit-9', date: '2024-12-05' }),
    RecordVisitNotHeld: command.recordVisitNotHeld({ date: '2024-12-05' }),
    RecordFollowUpCall: command.recordFollowUpCall({ calledOn: '2024-12-05' }),
    ReferResource: command.referResource({ referredOn: '2024-12-05' }),
    RecordReferralOutcome: command.recordReferralOutcome({ recordedOn: '2024-12-05' }),
    CheckAttendance: command.checkAttendance({ asOf: '2024-12-05' }),
    RecordAttendanceCheck: command.recordAttendanceCheck({ asOf: '2024-12-31', month: '2024-12' }),
    VoidEntry: command.voidEntry({ voidedOn: '2024-12-05' }),
    TransferCase: command.transferCase({ transferredOn: '2024-12-05' }),
    CloseCase: command.closeCase({ closedOn: '2024-12-05' }),
    ReopenCase: command.reopenCase(),
    RaiseFollowUp: command.raiseFollowUp(),
    ClaimFollowUp: command.claimFollowUp(),
    CompleteFollowUp: command.completeFollowUp({ completedOn: '2024-12-05' }),
    SnoozeFollowUp: command.snoozeFollowUp(),
    EraseFamilyData: command.eraseFamilyData(),
  };
  const refused = Object.entries(everyCommand).filter(
    ([type]) => type !== 'ReopenCase' && type !== 'IdentifyStudent' && type !== 'EraseFamilyData',
  );

  it.each(refused)('rejects %s as case_closed and records nothing', (_type, cmd) => {
    given(caseDecider, closed()).when(cmd).thenThrows('case_closed', 'conflict');
  });

  it('rejects identifying the student again on the closed case as case_exists', () => {
    given(caseDecider, closed()).when(everyCommand.IdentifyStudent).thenThrows('case_exists', 'conflict');
  });

  it('erases the family’s data of a closed case', () => {
    given(caseDecider, closed()).when(command.eraseFamilyData()).then([event.familyDataErased()]);
  });

  it('reopens on request', () => {
    given(caseDecider, closed()).when(command.reopenCase()).then([event.caseReopened()]);
  });

  it('accepts commands again once reopened', () => {
    given(caseDecider, [...closed(), event.caseReopened()])
      .when(command.checkAttendance({ asOf: '2024-12-20' }))
      .then([event.attendanceChecked({ asOf: '2024-12-20' })]);
  });

  it('rejects reopening a case that is open', () => {
    given(caseDecider, history.identified())
      .when(command.reopenCase())
      .thenThrows('case_not_closed', 'conflict');
  });
});
