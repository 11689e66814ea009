import { caseAfter, event, history } from './case.fixtures';

const held = (visitId: string, date = '2024-10-10') => event.visitHeld({ visitId, date });

describe('when attendance is checked', () => {
  const check = (
    checkId: string,
    asOf: string,
    daysAbsent: number,
    tier: 'satisfactory' | 'chronic' | 'at_risk',
  ) => event.attendanceChecked({ checkId, asOf, daysEnrolled: 40, daysAbsent, tier });

  it('takes the tier from the check with the latest asOf, whatever the recording order', () => {
    const c = caseAfter([
      ...history.identified(),
      check('check-nov', '2024-11-30', 1, 'satisfactory'),
      check('check-oct', '2024-10-31', 5, 'chronic'),
    ]);
    expect(c.latestAttendance).toEqual({
      checkId: 'check-nov',
      asOf: '2024-11-30',
      daysEnrolled: 40,
      daysAbsent: 1,
      tier: 'satisfactory',
    });
    expect(c.tier).toBe('satisfactory');
  });

  it('breaks a tie on asOf by taking the check recorded last', () => {
    const c = caseAfter([
      ...history.identified(),
      check('check-1', '2024-10-31', 5, 'chronic'),
      check('check-2', '2024-10-31', 2, 'at_risk'),
    ]);
    expect(c.latestAttendance?.checkId).toBe('check-2');
    expect(c.tier).toBe('at_risk');
  });

  it('falls back to the previous check, then the baseline, as checks are voided', () => {
    const twoChecks = [
      ...history.identified(),
      check('check-1', '2024-10-31', 2, 'at_risk'),
      check('check-2', '2024-11-30', 0, 'satisfactory'),
      event.entryVoided({ entryId: 'check-2', entryKind: 'attendance_check' }),
    ];
    expect(caseAfter(twoChecks).latestAttendance?.checkId).toBe('check-1');
    const none = caseAfter([
      ...twoChecks,
      event.entryVoided({ entryId: 'check-1', entryKind: 'attendance_check' }),
    ]);
    expect(none.latestAttendance).toBeNull();
    expect(none.tier).toBe('chronic');
    expect(none.attendanceChecks.map((entry) => entry.voided)).toEqual([true, true]);
  });
});

describe('when contacts are made', () => {
  it('sets the last contact to the latest held visit or follow-up call of any outcome', () => {
    const c = caseAfter([
      ...history.consenting(),
      held('visit-1', '2024-10-10'),
      event.followUpCallMade({ callId: 'call-1', calledOn: '2024-10-20', outcome: 'voicemail' }),
      held('visit-2', '2024-10-15'),
      event.visitScheduled({ visitId: 'visit-3', date: '2024-11-30' }),
    ]);
    expect(c.lastContactOn).toBe('2024-10-20');
  });

  it('ignores voided contacts', () => {
    const c = caseAfter([
      ...history.consenting(),
      held('visit-1', '2024-10-10'),
      event.followUpCallMade({ callId: 'call-1', calledOn: '2024-10-20' }),
      event.entryVoided({ entryId: 'call-1', entryKind: 'follow_up_call' }),
    ]);
    expect(c.lastContactOn).toBe('2024-10-10');
    expect(c.followUpCalls).toEqual([expect.objectContaining({ callId: 'call-1', voided: true })]);
  });

  it('has no last contact when every contact is voided', () => {
    const c = caseAfter([
      ...history.consenting(),
      held('visit-1'),
      event.entryVoided({ entryId: 'visit-1' }),
    ]);
    expect(c.lastContactOn).toBeNull();
  });
});
