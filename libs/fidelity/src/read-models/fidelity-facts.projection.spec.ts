import type { RecordedEvent } from '@leap/event-store';
import { CaseEvents, district, visitor } from '../testing/fidelity-events';
import { factsOf, foldFacts } from '../domain/evolve-facts';
import type { StreamFacts } from '../domain/facts';
import { metricsOf } from '../domain/metrics';
import { fidelityFactsProjection } from './fidelity-facts.projection';

describe('fidelity facts projection', () => {
  const events = [
    ...district('d1', 'CREC', ['s1']),
    ...visitor('v1', 'school', '2025-08-20'),
    ...new CaseEvents('a')
      .identified('2025-09-02')
      .offered('2025-09-03')
      .granted('2025-09-04')
      .visit('a1', '2025-09-05', { visitorIds: ['v1'] })
      .voided('a1', 'visit', '2025-09-06')
      .visit('a2', '2025-09-07').events,
    { streamId: 'partner-p1', type: 'PartnerRegistered.v1', data: {}, recordedAt: '2025-08-01T00:00:00Z' },
  ].map((e, n) => ({ ...e, id: `e${n}`, revision: 0n, position: String(n), metadata: {} }) as RecordedEvent);

  it('keeps, per stream, the documents the in-memory fold builds', () => {
    const documents = new Map<string, StreamFacts>();
    for (const event of events) {
      const key = fidelityFactsProjection.keyOf(event);
      if (key === null) continue;
      const next = fidelityFactsProjection.evolve(documents.get(key) ?? null, event);
      if (next) documents.set(key, next);
    }
    expect([...documents.keys()].sort()).toEqual(['case-a', 'district-d1', 'visitor-v1']);
    const fold = foldFacts(events);
    const stored = factsOf(JSON.parse(JSON.stringify([...documents.values()])) as StreamFacts[]);
    expect(metricsOf(stored, {})).toEqual(metricsOf(fold, {}));
    expect(metricsOf(stored, {}).visitsHeld.numerator).toBe(1);
  });

  it('never mutates the document it is given', () => {
    const [identified, offered] = new CaseEvents('b').identified('2025-09-02').offered('2025-09-03').events;
    const doc = fidelityFactsProjection.evolve(null, identified as RecordedEvent);
    const frozen = JSON.stringify(doc);
    fidelityFactsProjection.evolve(doc, offered as RecordedEvent);
    expect(JSON.stringify(doc)).toBe(frozen);
  });
});
