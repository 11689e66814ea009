import { fold } from '../decider';
import { caseDecider } from './case.decider';
import { caseAfter, event, fakePseudonymize, history } from './case.fixtures';
import type { OpenCase } from './state';

const numbers = (c: OpenCase) => c.visits.map((visit) => [visit.visitId, visit.number]);
const held = (visitId: string, date = '2024-10-10') => event.visitHeld({ visitId, date });

describe('when a student is identified', () => {
  it('starts an open case with the baseline tier, no consent and empty logs', () => {
    const c = caseAfter(history.identified());
    expect(c).toMatchObject({
      status: 'open',
      caseId: 'case-1',
      schoolId: 'school-1',
      student: fakePseudonymize('student', 'student-1'),
      household: fakePseudonymize('household', 'household-1'),
      pii: { studentId: 'student-1', householdId: 'household-1', studentName: 'Ana', guardianName: 'Rosa' },
      tier: 'chronic',
      latestAttendance: null,
      consent: 'none',
      assignedVisitors: [],
      visits: [],
      closure: null,
      lastContactOn: null,
    });
  });

  it('ignores events that arrive before identification', () => {
    expect(fold(caseDecider, [event.consentOffered(), event.caseClosed()])).toEqual({ status: 'none' });
  });
});

describe('when consent changes', () => {
  it('tracks the latest offer and the family answer', () => {
    const offered = caseAfter([
      ...history.identified(),
      event.consentOffered({ offeredOn: '2024-10-05', channel: 'text' }),
    ]);
    expect(offered).toMatchObject({
      consent: 'offered',
      consentOfferedOn: '2024-10-05',
      consentChannel: 'text',
    });
    expect(caseAfter(history.consenting()).consent).toBe('granted');
    expect(caseAfter([...history.offered(), event.consentDeclined()]).consent).toBe('declined');
    expect(caseAfter([...history.consenting(), event.consentWithdrawn()]).consent).toBe('withdrawn');
  });
});

describe('when visitors are reassigned', () => {
  it('replaces the assigned team, removing visitors left out', () => {
    const c = caseAfter([
      ...history.identified(),
      event.visitorsAssigned(),
      event.visitorsAssigned({ visitors: [{ visitorId: 'visitor-c', subject: 'sub-c' }] }),
    ]);
    expect(c.assignedVisitors).toEqual([{ visitorId: 'visitor-c', subject: 'sub-c' }]);
  });
});

describe('when visits are recorded', () => {
  it('numbers held visits in recording order, skipping scheduled, missed and cancelled ones', () => {
    const c = caseAfter([
      ...history.consenting(),
      event.visitScheduled({ visitId: 'visit-a' }),
      held('visit-b'),
      event.visitScheduled({ visitId: 'visit-m' }),
      event.visitMissed({
        visitId: 'visit-m',
        reasonCode: 'family_unavailable',
        pii: { reason: 'nobody home' },
      }),
      event.visitScheduled({ visitId: 'visit-c' }),
      event.visitCancelled({ visitId: 'visit-c' }),
      held('visit-a', '2024-10-17'),
    ]);
    expect(numbers(c)).toEqual([
      ['visit-a', 2],
      ['visit-b', 1],
      ['visit-m', null],
      ['visit-c', null],
    ]);
    expect(c.visits.map((visit) => visit.status)).toEqual(['held', 'held', 'missed', 'cancelled']);
    expect(c.visits[2]).toMatchObject({ reasonCode: 'family_unavailable', pii: { reason: 'nobody home' } });
  });

  it('takes the details of a resolved scheduled visit from the held visit', () => {
    const c = caseAfter([
      ...history.consenting(),
      event.visitScheduled({ location: 'home', visitorIds: ['visitor-a', 'visitor-b'] }),
      event.visitHeld({
        location: 'school',
        visitorIds: ['visitor-a'],
        pair: false,
        householdVisitId: 'hv-1',
      }),
    ]);
    expect(c.visits).toEqual([
      expect.objectContaining({
        status: 'held',
        location: 'school',
        visitorIds: ['visitor-a'],
        pair: false,
        householdVisitId: 'hv-1',
      }),
    ]);
  });

  it('renumbers later visits when a held visit is voided, keeping the voided one unnumbered', () => {
    const c = caseAfter([
      ...history.consenting(),
      held('visit-1'),
      held('visit-2'),
      held('visit-3'),
      event.entryVoided({ entryId: 'visit-1' }),
      held('visit-4'),
    ]);
    expect(numbers(c)).toEqual([
      ['visit-1', null],
      ['visit-2', 1],
      ['visit-3', 2],
      ['visit-4', 3],
    ]);
    expect(c.visits[0]).toMatchObject({ status: 'held', voided: true });
  });

  it('keeps numbers when a scheduled visit is voided', () => {
    const c = caseAfter([
      ...history.consenting(),
      held('visit-1'),
      event.visitScheduled({ visitId: 'visit-2' }),
      event.entryVoided({ entryId: 'visit-2' }),
    ]);
    expect(numbers(c)).toEqual([
      ['visit-1', 1],
      ['visit-2', null],
    ]);
  });
});

describe('when referral outcomes are recorded', () => {
  it('keeps the latest outcome of each referral', () => {
    const c = caseAfter([
      ...history.consenting(),
      event.resourceReferred(),
      event.referralOutcomeRecorded({ outcome: 'pending', recordedOn: '2024-10-15' }),
      event.referralOutcomeRecorded({ outcome: 'connected', recordedOn: '2024-10-25' }),
    ]);
    expect(c.referrals).toEqual([
      expect.objectContaining({
        referralId: 'referral-1',
        outcome: 'connected',
        outcomeRecordedOn: '2024-10-25',
        voided: false,
      }),
    ]);
  });

  it('keeps a voided referral in the log, marked voided', () => {
    const c = caseAfter([
      ...history.consenting(),
      event.resourceReferred(),
      event.entryVoided({ entryId: 'referral-1', entryKind: 'referral' }),
    ]);
    expect(c.referrals).toEqual([
      expect.objectContaining({ referralId: 'referral-1', outcome: null, voided: true }),
    ]);
  });
});

describe('when the case moves, closes and reopens', () => {
  it('moves the case to the school it was transferred to', () => {
    expect(caseAfter([...history.identified(), event.caseTransferred()]).schoolId).toBe('school-2');
  });

  it('records the closure and clears it on reopening', () => {
    const closed = caseAfter([...history.identified(), event.caseClosed()]);
    expect(closed).toMatchObject({
      status: 'closed',
      closure: { closedOn: '2024-12-01', reason: 'attendance_improved' },
    });
    const reopened = caseAfter([...history.identified(), event.caseClosed(), event.caseReopened()]);
    expect(reopened).toMatchObject({ status: 'open', closure: null });
  });
});

describe('when personal data is sealed or erased', () => {
  // As stored: the domain never reads inside `pii`, so the sealed form and `{ erased: true }` fold alike.
  const sealed = { $sealed: 'aes-256-gcm/v1', key: 'case-case-1', iv: 'i', data: 'd', tag: 't' };
  const withPii = <E extends { data: object }>(e: E, pii: object): E => ({ ...e, data: { ...e.data, pii } });

  it('folds the case the same, visits numbered and decisions unchanged', () => {
    for (const pii of [sealed, { erased: true }]) {
      const c = fold(caseDecider, [
        withPii(event.studentIdentified(), pii),
        event.consentOffered(),
        event.consentGranted(),
        withPii(held('v-1'), pii),
        withPii(event.followUpCallMade(), pii),
      ] as never[]);
      expect(c).toMatchObject({ status: 'open', consent: 'granted', lastContactOn: expect.any(String) });
      expect(numbers(c as OpenCase)).toEqual([['v-1', 1]]);
    }
  });
});
