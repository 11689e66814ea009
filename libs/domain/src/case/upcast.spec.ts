import { fold } from '../decider';
import { foldFollowUpFacts } from '../follow-ups/facts';
import { command, event, history, legacyEvent, VISITOR } from './case.fixtures';
import { decideCase } from './decide';
import type { StoredCaseEvent } from './events';
import { evolveCase, initialCaseState } from './evolve';
import { upcastCaseEvent } from './upcast';

/** A stream as the store holds it, folded the way every reader folds it. */
const stateOf = (stored: StoredCaseEvent[]) =>
  fold({ evolve: evolveCase, initialState: initialCaseState }, stored);

describe('when a referral recorded before the partner directory is read', () => {
  it('reads it as ResourceReferred.v2: the free-text partner becomes notes, no directory partner', () => {
    expect(upcastCaseEvent(legacyEvent.resourceReferredV1())).toEqual({
      type: 'ResourceReferred.v2',
      data: {
        referralId: 'referral-1',
        referredOn: '2024-10-10',
        resourceType: 'mental_health',
        partnerId: null,
        pii: { notes: 'Dr. Smith at Hartford Behavioral Health for Mr. Park' },
        recordedBy: VISITOR,
      },
    });
  });

  it('reads a legacy referral without a partner as one without notes', () => {
    expect(upcastCaseEvent(legacyEvent.resourceReferredV1({ partner: null }))).toMatchObject({
      data: { partnerId: null, pii: {} },
    });
  });

  it('passes current events through unchanged', () => {
    const current = event.resourceReferred();
    expect(upcastCaseEvent(current)).toBe(current);
  });

  it('folds a stream holding the legacy version into the same state as the current one', () => {
    const legacy = stateOf([...history.consenting(), legacyEvent.resourceReferredV1()]);
    const current = stateOf([
      ...history.consenting(),
      event.resourceReferred({
        resourceType: 'mental_health',
        partnerId: null,
        pii: { notes: 'Dr. Smith at Hartford Behavioral Health for Mr. Park' },
      }),
    ]);
    expect(legacy).toEqual(current);
    expect(legacy.status === 'open' && legacy.referrals).toEqual([
      expect.objectContaining({ referralId: 'referral-1', partnerId: null, outcome: null }),
    ]);
  });

  it('decides commands on a legacy referral as on a current one', () => {
    const state = stateOf([...history.consenting(), legacyEvent.resourceReferredV1()]);
    expect(decideCase(command.recordReferralOutcome(), state)).toEqual([event.referralOutcomeRecorded()]);
    expect(() => decideCase(command.referResource(), state)).toThrow(
      expect.objectContaining({ code: 'referral_exists' }),
    );
  });

  it('starts the referral-outcome clock of a legacy referral', () => {
    const stored = [...history.consenting(), legacyEvent.resourceReferredV1()].map((e, index) => ({
      ...e,
      id: `event-${index}`,
      recordedAt: '2024-10-10T15:00:00.000Z',
    }));
    expect(foldFollowUpFacts(stored).referrals['referral-1']).toEqual({
      eventId: 'event-3',
      recordedAt: '2024-10-10T15:00:00.000Z',
      businessDate: '2024-10-10',
    });
  });
});
