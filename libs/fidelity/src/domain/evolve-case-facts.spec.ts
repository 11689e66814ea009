import { businessDateOfEvent, upcastCaseEvent, type StoredCaseEvent } from '@leap/domain';
import { CaseEvents } from '../testing/fidelity-events';
import { foldFacts } from './evolve-facts';

describe('the facts of a case', () => {
  it('date every fact as the domain dates its event (the mapping the timeline uses)', () => {
    const history = new CaseEvents('a')
      .identified('2025-09-01')
      .offered('2025-09-02')
      .granted('2025-09-03')
      .visit('v1', '2025-09-04')
      .call('k1', '2025-09-05')
      .referred('r1', '2025-09-06', 'food', null)
      .outcome('r1', '2025-09-07', 'connected')
      .checked('a1', '2025-09-08')
      .voided('k1', 'follow_up_call', '2025-09-09')
      .due('f1', '2025-09-10T15:00:00.000Z')
      .completed('f1', '2025-09-11')
      .withdrawn('2025-09-12').events;
    const c = foldFacts(history).cases.get('a')!;
    const factDates = [
      c.identified.on,
      ...c.offers.map((f) => f.on),
      ...c.decisions.map((f) => f.on),
      ...c.visits.map((f) => f.on),
      ...c.calls.map((f) => f.on),
      ...c.referrals.flatMap((f) => [f.on, ...f.outcomes.map((o) => o.on)]),
      ...c.checks.map((f) => f.on),
      ...c.calls.flatMap((f) => (f.voided ? [f.voided.on] : [])),
      ...c.followUps.flatMap((f) => (f.completed ? [f.completed.on] : [])),
    ];
    const eventDates = history.flatMap((event) => {
      const on = businessDateOfEvent(
        upcastCaseEvent({ type: event.type, data: event.data } as StoredCaseEvent),
      );
      return on === null ? [] : [on];
    });
    expect(factDates.sort()).toEqual(eventDates.sort());
    expect(eventDates).toHaveLength(11);
  });
});
