import { caseAfter, event, history } from './case.fixtures';
import type { CaseEvent, FollowUpDue } from './events';

const raised = (data: Partial<FollowUpDue['data']>) =>
  event.followUpDue({ followUpId: `fu-${data.rule}`, triggerEventId: `trigger-${data.rule}`, ...data });
const stateOf = (events: CaseEvent[], followUpId: string) =>
  caseAfter(events).followUps.find((f) => f.followUpId === followUpId)?.state;

describe('when the action a follow-up waits for is recorded', () => {
  it.each<[string, CaseEvent[], Partial<FollowUpDue['data']>, CaseEvent]>([
    [
      'a consent offer resolves offer_consent',
      history.identified(),
      { rule: 'offer_consent' },
      event.consentOffered(),
    ],
    [
      'an answer resolves consent_answer',
      history.offered(),
      { rule: 'consent_answer' },
      event.consentGranted(),
    ],
    [
      'a decline resolves consent_answer',
      history.offered(),
      { rule: 'consent_answer' },
      event.consentDeclined(),
    ],
    ['a held visit resolves first_visit', history.consenting(), { rule: 'first_visit' }, event.visitHeld()],
    [
      'a withdrawal resolves first_visit',
      history.consenting(),
      { rule: 'first_visit' },
      event.consentWithdrawn(),
    ],
    [
      'a held visit resolves next_visit',
      [...history.consenting(), event.visitHeld()],
      { rule: 'next_visit', entryId: 'visit-1' },
      event.visitHeld({ visitId: 'visit-2', visitNumber: 2, date: '2024-10-20' }),
    ],
    [
      'its outcome resolves referral_outcome',
      [...history.consenting(), event.resourceReferred()],
      { rule: 'referral_outcome', entryId: 'referral-1' },
      event.referralOutcomeRecorded(),
    ],
    [
      'voiding the referral resolves referral_outcome',
      [...history.consenting(), event.resourceReferred()],
      { rule: 'referral_outcome', entryId: 'referral-1' },
      event.entryVoided({ entryId: 'referral-1', entryKind: 'referral' }),
    ],
    [
      'improved attendance resolves attendance_escalation',
      [...history.consenting(), event.visitHeld()],
      { rule: 'attendance_escalation', entryId: 'visit-1' },
      event.attendanceChecked({ daysEnrolled: 40, daysAbsent: 1, tier: 'satisfactory' }),
    ],
    ['a call resolves no_contact', history.consenting(), { rule: 'no_contact' }, event.followUpCallMade()],
    [
      'closing the case resolves any follow-up',
      history.consenting(),
      { rule: 'first_visit' },
      event.caseClosed(),
    ],
  ])('%s', (_name, before, data, action) => {
    const due = raised(data);
    expect(stateOf([...before, due], due.data.followUpId)).toBe('open');
    expect(stateOf([...before, due, action], due.data.followUpId)).toBe('resolved');
  });
});

describe('when something else is recorded', () => {
  it('leaves a referral_outcome follow-up open when another referral gets its outcome', () => {
    const due = raised({ rule: 'referral_outcome', entryId: 'referral-1' });
    const events = [
      ...history.consenting(),
      event.resourceReferred(),
      event.resourceReferred({ referralId: 'referral-2' }),
      due,
      event.referralOutcomeRecorded({ referralId: 'referral-2' }),
    ];
    expect(stateOf(events, due.data.followUpId)).toBe('open');
  });

  it('leaves attendance_escalation open while the latest check is still chronic', () => {
    const due = raised({ rule: 'attendance_escalation', entryId: 'visit-1' });
    const events = [...history.consenting(), event.visitHeld(), due, event.attendanceChecked()];
    expect(stateOf(events, due.data.followUpId)).toBe('open');
  });

  it('keeps a completed follow-up completed when the case closes', () => {
    const due = raised({ rule: 'offer_consent' });
    const completed = event.followUpCompleted({ followUpId: due.data.followUpId });
    expect(stateOf([...history.identified(), due, completed, event.caseClosed()], due.data.followUpId)).toBe(
      'completed',
    );
  });

  it('resolves a snoozed follow-up like an open one', () => {
    const due = raised({ rule: 'offer_consent' });
    const snoozed = event.followUpSnoozed({ followUpId: due.data.followUpId });
    expect(
      stateOf([...history.identified(), due, snoozed, event.consentOffered()], due.data.followUpId),
    ).toBe('resolved');
  });
});
