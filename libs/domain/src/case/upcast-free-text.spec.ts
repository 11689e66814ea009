import { fold } from '../decider';
import { redactEventData } from '../privacy/event-fields';
import type { Pseudonymize } from '../privacy/field-classes';
import { event, freeTextV1, history, TEAM_MEMBER, VISITOR, ACTOR } from './case.fixtures';
import { decideCase } from './decide';
import type { StoredCaseEvent } from './events';
import { evolveCase, initialCaseState } from './evolve';
import { upcastCaseEvent } from './upcast';

const stateOf = (stored: StoredCaseEvent[]) =>
  fold({ evolve: evolveCase, initialState: initialCaseState }, stored);

describe('when events written before free text moved into pii are read', () => {
  it('reads a declined consent as ConsentDeclined.v2: the reason moves into pii, no code', () => {
    expect(upcastCaseEvent(freeTextV1.consentDeclined())).toEqual({
      type: 'ConsentDeclined.v2',
      data: { respondedOn: '2024-10-04', reasonCode: null, pii: { reason: 'Mr. Park works nights' } },
    });
  });

  it('reads a withdrawn consent as ConsentWithdrawn.v2, and a missing reason as none', () => {
    expect(upcastCaseEvent(freeTextV1.consentWithdrawn())).toEqual({
      type: 'ConsentWithdrawn.v2',
      data: { respondedOn: '2024-10-20', reasonCode: null, pii: { reason: 'Rosa moved in with her sister' } },
    });
    expect(upcastCaseEvent(freeTextV1.consentWithdrawn({ reason: null }))).toMatchObject({
      data: { reasonCode: null, pii: {} },
    });
    expect(upcastCaseEvent(freeTextV1.consentDeclined({ reason: '' }))).toMatchObject({ data: { pii: {} } });
  });

  it('reads a held visit as VisitHeld.v2: strengths and aspirations join the notes in pii, no codes', () => {
    expect(upcastCaseEvent(freeTextV1.visitHeld())).toEqual({
      type: 'VisitHeld.v2',
      data: {
        visitId: 'visit-1',
        visitNumber: 1,
        date: '2024-10-10',
        location: 'home',
        visitorIds: ['visitor-a', 'visitor-b'],
        pair: true,
        householdVisitId: null,
        barriers: ['transportation'],
        strengthCodes: [],
        familyWantsToContinue: true,
        pii: { notes: 'met at kitchen table', strengths: ['engaged grandmother'], aspirations: ['nurse'] },
        recordedBy: VISITOR,
      },
    });
  });

  it.each([
    ['VisitMissed', freeTextV1.visitMissed(), 'Ana was at the clinic'],
    ['VisitCancelled', freeTextV1.visitCancelled(), 'Rosa asked to move it'],
  ])('reads %s.v1 as its v2 with the reason in pii', (name, legacy, reason) => {
    expect(upcastCaseEvent(legacy)).toEqual({
      type: `${name}.v2`,
      data: {
        visitId: 'visit-1',
        date: '2024-10-10',
        reasonCode: null,
        pii: { reason },
        recordedBy: VISITOR,
      },
    });
  });

  it('reads a voided entry as EntryVoided.v2 with the reason in pii', () => {
    expect(upcastCaseEvent(freeTextV1.entryVoided())).toEqual({
      type: 'EntryVoided.v2',
      data: {
        entryId: 'visit-1',
        entryKind: 'visit',
        voidedOn: '2024-10-15',
        reasonCode: null,
        pii: { reason: 'logged on the wrong case' },
        recordedBy: ACTOR,
      },
    });
  });

  it('reads a reopening as CaseReopened.v2 with the reason in pii', () => {
    expect(upcastCaseEvent(freeTextV1.caseReopened())).toEqual({
      type: 'CaseReopened.v2',
      data: { reopenedOn: '2024-12-15', reasonCode: null, pii: { reason: 'absences resumed' } },
    });
  });

  it('reads a completed follow-up as FollowUpCompleted.v2 with the outcome in pii, no resolution', () => {
    expect(upcastCaseEvent(freeTextV1.followUpCompleted())).toEqual({
      type: 'FollowUpCompleted.v2',
      data: {
        followUpId: 'follow-up-1',
        resolution: null,
        completedOn: '2024-10-09',
        completedBy: TEAM_MEMBER,
        pii: { outcome: 'called the family' },
      },
    });
  });

  it('passes the current versions through unchanged', () => {
    const current = [event.visitHeld(), event.visitMissed(), event.entryVoided(), event.followUpCompleted()];
    for (const e of current) expect(upcastCaseEvent(e)).toBe(e);
  });

  it('leaves no free text outside pii once a legacy event is shown to a role without personal data', () => {
    const pseudonymize: Pseudonymize = (kind) => `${kind}#x`;
    for (const legacy of Object.values(freeTextV1).map((build) => build())) {
      const current = upcastCaseEvent(legacy);
      const shown = JSON.stringify(redactEventData(current.type, { ...current.data }, pseudonymize));
      expect(shown).not.toMatch(/Park|Rosa|Ana|grandmother|nurse|clinic|wrong case|resumed|called/);
    }
  });
});

describe('when a stream holds the legacy versions', () => {
  const legacyVisits = (): StoredCaseEvent[] => [
    ...history.consenting(),
    freeTextV1.visitHeld(),
    event.visitScheduled({ visitId: 'visit-2', date: '2024-10-17' }),
    freeTextV1.visitMissed({ visitId: 'visit-2', date: '2024-10-17' }),
  ];

  it('folds into the same state as a stream of the current versions with the same words', () => {
    const current = stateOf([
      ...history.consenting(),
      event.visitHeld({ strengthCodes: [] }),
      event.visitScheduled({ visitId: 'visit-2', date: '2024-10-17' }),
      event.visitMissed({ visitId: 'visit-2', date: '2024-10-17', pii: { reason: 'Ana was at the clinic' } }),
    ]);
    expect(stateOf(legacyVisits())).toEqual(current);
  });

  it('decides on them as on current events: voiding the legacy visit writes EntryVoided.v2', () => {
    const state = stateOf(legacyVisits());
    expect(
      decideCase(
        {
          type: 'VoidEntry',
          data: { entryId: 'visit-1', voidedOn: '2024-10-20', reasonCode: 'duplicate', pii: {} },
          actorId: ACTOR,
        },
        state,
      ),
    ).toEqual([event.entryVoided({ voidedOn: '2024-10-20', reasonCode: 'duplicate', pii: {} })]);
  });

  it('reopens and completes follow-ups recorded by the legacy versions', () => {
    const closedAndReopened = stateOf([
      ...history.identified(),
      event.followUpDue(),
      freeTextV1.followUpCompleted(),
      event.caseClosed(),
      freeTextV1.caseReopened(),
    ]);
    expect(closedAndReopened).toMatchObject({
      status: 'open',
      followUps: [{ state: 'completed', resolution: null, pii: { outcome: 'called the family' } }],
    });
  });
});
