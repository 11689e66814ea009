import { given } from '../testing/given';
import { caseDecider } from './case.decider';
import { caseAfter, command, event, history } from './case.fixtures';

const visitedAndReferred = () => [
  ...history.consenting(),
  event.visitHeld({ pii: { notes: 'Rosa at home', strengths: ['close-knit'], aspirations: ['nurse'] } }),
  event.followUpCallMade({ pii: { notes: 'Call Rosa again' } }),
  event.resourceReferred({ pii: { notes: 'Bus pass for Ana' } }),
  event.followUpDue(),
  event.followUpCompleted(),
];

describe('when a family’s data is erased', () => {
  it('records who-less, text-less facts: the business date and the reason code', () => {
    given(caseDecider, history.identified())
      .when(command.eraseFamilyData())
      .then([
        { type: 'FamilyDataErased.v1', data: { erasedOn: '2024-12-10', reasonCode: 'family_request' } },
      ]);
  });

  it('records nothing the second time, so a repeated or resumed erasure succeeds', () => {
    given(caseDecider, [...history.identified(), event.familyDataErased()])
      .when(command.eraseFamilyData({ reasonCode: 'other' }))
      .then([]);
  });

  it('refuses a date before the identification', () => {
    given(caseDecider, history.identified())
      .when(command.eraseFamilyData({ erasedOn: '2024-09-01' }))
      .thenThrows('date_before_identification', 'conflict');
  });

  it('drops every personal and free-text value from the state, keeping codes, dates and figures', () => {
    const c = caseAfter([...visitedAndReferred(), event.familyDataErased()]);
    const text = JSON.stringify(c);
    for (const personal of [
      'Ana',
      'Rosa',
      'student-1',
      'household-1',
      'close-knit',
      'nurse',
      'Bus pass',
      'called the family',
    ])
      expect(text).not.toContain(personal);
    expect(c).toMatchObject({ erased: true, pii: { erased: true }, consent: 'granted' });
    expect(c.visits.map((v) => [v.status, v.number, v.pii])).toEqual([['held', 1, { erased: true }]]);
    expect(c.followUpCalls[0]!.pii).toEqual({ erased: true });
    expect(c.referrals[0]!.pii).toEqual({ erased: true });
    expect(c.followUps[0]).toMatchObject({ state: 'completed', pii: { erased: true } });
  });
});

describe('when the family of an open case is erased', () => {
  it('resolves its open follow-ups: nothing is left to follow up', () => {
    const erased = [...history.identified(), event.followUpDue(), event.familyDataErased()];
    expect(caseAfter(erased).followUps.map((f) => f.state)).toEqual(['resolved']);
    given(caseDecider, erased).when(command.completeFollowUp()).thenThrows('follow_up_closed', 'conflict');
  });
});

describe('when a command comes to an erased case', () => {
  const erased = () => [...history.consenting(), event.familyDataErased()];

  it.each([
    ['a visit with notes', command.recordVisitHeld({ pii: { notes: 'Met Rosa' } })],
    ['a call with notes', command.recordFollowUpCall({ pii: { notes: 'Rosa says hi' } })],
    ['a referral with notes', command.referResource({ pii: { notes: 'For Ana' } })],
    ['a void with its reason', command.voidEntry({ entryId: 'visit-1' })],
  ])('refuses %s as family_data_erased', (_what, cmd) => {
    const history = [...erased()];
    if (cmd.type === 'VoidEntry') history.splice(3, 0, event.visitHeld());
    given(caseDecider, history).when(cmd).thenThrows('family_data_erased', 'conflict');
  });

  it('still takes commands that record only codes, dates and figures', () => {
    given(caseDecider, erased()).when(command.closeCase()).then([event.caseClosed()]);
    given(caseDecider, erased())
      .when(command.checkAttendance({ asOf: '2024-12-05' }))
      .then([event.attendanceChecked({ asOf: '2024-12-05' })]);
  });
});
