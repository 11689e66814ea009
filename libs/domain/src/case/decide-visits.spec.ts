import { given } from '../testing/given';
import { caseDecider } from './case.decider';
import { command, event, history } from './case.fixtures';
import type { CaseEvent } from './events';

/** A consenting family with held visits `visit-1`..`visit-n`, numbered 1..n. */
const withHeldVisits = (n: number): CaseEvent[] => [
  ...history.consenting(),
  ...Array.from({ length: n }, (_, i) => event.visitHeld({ visitId: `visit-${i + 1}`, visitNumber: i + 1 })),
];

describe('when a visit is scheduled', () => {
  it('records the scheduled visit', () => {
    given(caseDecider, history.consenting()).when(command.scheduleVisit()).then([event.visitScheduled()]);
  });

  it('carries the household visit id through for sibling cases', () => {
    given(caseDecider, history.consenting())
      .when(command.scheduleVisit({ householdVisitId: 'hv-1' }))
      .then([event.visitScheduled({ householdVisitId: 'hv-1' })]);
  });

  it('rejects a visit id already on the case', () => {
    given(caseDecider, [...history.consenting(), event.visitScheduled()])
      .when(command.scheduleVisit({ date: '2024-10-20' }))
      .thenThrows('visit_exists', 'conflict');
  });

  it('rejects a visit id that already names another kind of entry', () => {
    given(caseDecider, [...history.consenting(), event.followUpCallMade({ callId: 'shared-id' })])
      .when(command.scheduleVisit({ visitId: 'shared-id' }))
      .thenThrows('entry_exists', 'conflict');
  });
});

describe('when a visit is recorded as held', () => {
  it('records an unscheduled visit as visit #1', () => {
    given(caseDecider, history.consenting()).when(command.recordVisitHeld()).then([event.visitHeld()]);
  });

  it('keeps strengths and aspirations in words inside pii and the chosen strength codes once each', () => {
    const pii = { strengths: ['Grandma walks Ana to school'], aspirations: ['vet like aunt Rosa'] };
    given(caseDecider, history.consenting())
      .when(
        command.recordVisitHeld({
          strengthCodes: ['family_engagement', 'resilience', 'family_engagement'],
          pii,
        }),
      )
      .then([event.visitHeld({ strengthCodes: ['family_engagement', 'resilience'], pii })]);
  });

  it('resolves the scheduled visit it names, with the details of the command', () => {
    given(caseDecider, [...history.consenting(), event.visitScheduled()])
      .when(
        command.recordVisitHeld({
          location: 'community',
          date: '2024-10-11',
          visitorIds: ['visitor-c', 'visitor-a'],
        }),
      )
      .then([
        event.visitHeld({
          location: 'community',
          date: '2024-10-11',
          visitorIds: ['visitor-c', 'visitor-a'],
        }),
      ]);
  });

  it('refuses to resolve a scheduled visit that does not exist', () => {
    given(caseDecider, history.consenting())
      .when(command.recordVisitHeld({ visitId: 'visit-9', resolvesScheduledVisit: true }))
      .thenThrows('visit_not_found', 'not_found');
  });

  it('numbers the next held visit consecutively', () => {
    given(caseDecider, withHeldVisits(2))
      .when(command.recordVisitHeld({ visitId: 'visit-3', date: '2024-10-24' }))
      .then([event.visitHeld({ visitId: 'visit-3', visitNumber: 3, date: '2024-10-24' })]);
  });

  it('accepts the stated number when it is the next one', () => {
    given(caseDecider, withHeldVisits(1))
      .when(command.recordVisitHeld({ visitId: 'visit-2', visitNumber: 2 }))
      .then([event.visitHeld({ visitId: 'visit-2', visitNumber: 2 })]);
  });

  it('rejects a stated number that is not the next one', () => {
    given(caseDecider, withHeldVisits(1))
      .when(command.recordVisitHeld({ visitId: 'visit-2', visitNumber: 3 }))
      .thenThrows('visit_out_of_order', 'conflict');
  });

  it('gives scheduled, missed and cancelled visits no number', () => {
    given(caseDecider, [
      ...history.consenting(),
      event.visitScheduled({ visitId: 'visit-s' }),
      event.visitScheduled({ visitId: 'visit-m' }),
      event.visitMissed({ visitId: 'visit-m' }),
      event.visitScheduled({ visitId: 'visit-c' }),
      event.visitCancelled({ visitId: 'visit-c' }),
    ])
      .when(command.recordVisitHeld({ visitId: 'visit-new', visitNumber: 1 }))
      .then([event.visitHeld({ visitId: 'visit-new', visitNumber: 1 })]);
  });

  it('numbers after voids by effective position: with #1 voided, the next visit is #2', () => {
    given(caseDecider, [...withHeldVisits(2), event.entryVoided({ entryId: 'visit-1' })])
      .when(command.recordVisitHeld({ visitId: 'visit-3', visitNumber: 2 }))
      .then([event.visitHeld({ visitId: 'visit-3', visitNumber: 2 })]);
  });

  it('rejects the number a voided visit would have freed at the end', () => {
    given(caseDecider, [...withHeldVisits(2), event.entryVoided({ entryId: 'visit-1' })])
      .when(command.recordVisitHeld({ visitId: 'visit-3', visitNumber: 3 }))
      .thenThrows('visit_out_of_order');
  });

  it('records a visit by a single visitor as not a pair', () => {
    given(caseDecider, history.consenting())
      .when(command.recordVisitHeld({ visitorIds: ['visitor-a'] }))
      .then([event.visitHeld({ visitorIds: ['visitor-a'], pair: false })]);
  });

  it('counts a visitor named twice once', () => {
    given(caseDecider, history.consenting())
      .when(command.recordVisitHeld({ visitorIds: ['visitor-a', 'visitor-a'] }))
      .then([event.visitHeld({ visitorIds: ['visitor-a'], pair: false })]);
  });

  it('rejects a held visit with no visitors', () => {
    given(caseDecider, history.consenting())
      .when(command.recordVisitHeld({ visitorIds: [] }))
      .thenThrows('visitor_required', 'conflict');
  });

  it.each<[string, CaseEvent[]]>([
    ['held', [event.visitHeld()]],
    ['missed', [event.visitScheduled(), event.visitMissed()]],
    ['cancelled', [event.visitScheduled(), event.visitCancelled()]],
    ['voided while scheduled', [event.visitScheduled(), event.entryVoided()]],
    ['voided after being held', [event.visitHeld(), event.entryVoided()]],
  ])('rejects resolving a visit already %s', (_name, visitEvents) => {
    given(caseDecider, [...history.consenting(), ...visitEvents])
      .when(command.recordVisitHeld({ date: '2024-10-16' }))
      .thenThrows('visit_already_resolved', 'conflict');
  });

  it('rejects a new visit id that already names another kind of entry', () => {
    given(caseDecider, [...history.consenting(), event.resourceReferred({ referralId: 'visit-1' })])
      .when(command.recordVisitHeld())
      .thenThrows('entry_exists');
  });
});

describe('when a scheduled visit did not take place', () => {
  const scheduled = (): CaseEvent[] => [...history.consenting(), event.visitScheduled()];

  it('records a missed visit, its coded reason and, as personal data, its words', () => {
    given(caseDecider, scheduled())
      .when(command.recordVisitNotHeld({ reasonCode: 'family_unavailable', pii: { reason: 'nobody home' } }))
      .then([event.visitMissed({ reasonCode: 'family_unavailable', pii: { reason: 'nobody home' } })]);
  });

  it('records a cancelled visit', () => {
    given(caseDecider, scheduled())
      .when(command.recordVisitNotHeld({ status: 'cancelled', date: '2024-10-09' }))
      .then([event.visitCancelled({ date: '2024-10-09' })]);
  });

  it('records it after the family withdrew consent', () => {
    given(caseDecider, [...scheduled(), event.consentWithdrawn({ respondedOn: '2024-10-08' })])
      .when(command.recordVisitNotHeld({ status: 'cancelled' }))
      .then([event.visitCancelled()]);
  });

  it('rejects a visit id the case does not have', () => {
    given(caseDecider, scheduled())
      .when(command.recordVisitNotHeld({ visitId: 'visit-9' }))
      .thenThrows('visit_not_found', 'not_found');
  });

  it.each<[string, CaseEvent[]]>([
    ['held', [event.visitHeld()]],
    ['missed', [event.visitMissed()]],
    ['voided', [event.entryVoided()]],
  ])('rejects a visit already %s', (_name, visitEvents) => {
    given(caseDecider, [...scheduled(), ...visitEvents])
      .when(command.recordVisitNotHeld({ status: 'cancelled', date: '2024-10-16' }))
      .thenThrows('visit_already_resolved', 'conflict');
  });
});
