import { event } from '../case/case.fixtures';
import type { CaseEvent } from '../case/events';
import { dueTimers, type FollowUpTimer } from './due-timers';
import { foldFollowUpFacts, type FactEvent } from './facts';
import { applyRuleChanges, DEFAULT_FOLLOW_UP_RULES, type FollowUpRuleId, type FollowUpRules } from './rules';

const NY = 'America/New_York';
/** Events recorded one minute apart from 2024-10-01 14:00Z, with ids `e0`, `e1`, ... */
const recorded = (events: CaseEvent[]): FactEvent[] =>
  events.map((e, i) => ({
    ...e,
    id: `e${i}`,
    recordedAt: new Date(Date.UTC(2024, 9, 1, 14, i)).toISOString(),
  }));

const timersOf = (
  ruleId: FollowUpRuleId,
  events: CaseEvent[],
  rules: FollowUpRules = DEFAULT_FOLLOW_UP_RULES,
) => dueTimers(foldFollowUpFacts(recorded(events)), rules, NY).filter((timer) => timer.ruleId === ruleId);
const brief = (timers: FollowUpTimer[]) =>
  timers.map(({ triggerEventId, dueAt, entryId }) => ({ triggerEventId, dueAt, entryId }));

const identified = event.studentIdentified();
const offered = event.consentOffered();
const granted = event.consentGranted();
const visit1 = event.visitHeld();
const consenting = [identified, offered, granted];

describe('offer_consent: identified, no consent offer', () => {
  it('falls due P5D after the start of the identification date in the district zone', () => {
    expect(timersOf('offer_consent', [identified])).toEqual([
      {
        ruleId: 'offer_consent',
        triggerEventId: 'e0',
        dueAt: '2024-10-06T04:00:00.000Z',
        reason: 'Identified on 2024-10-01; no consent offer within P5D',
        entryId: null,
      },
    ]);
  });

  it('is cancelled by a consent offer', () => {
    expect(timersOf('offer_consent', [identified, offered])).toEqual([]);
  });

  it('starts at the recorded instant for a threshold under a day', () => {
    const rules = applyRuleChanges(DEFAULT_FOLLOW_UP_RULES, { offer_consent: { after: 'PT2S' } });
    expect(brief(timersOf('offer_consent', [identified], rules))).toEqual([
      { triggerEventId: 'e0', dueAt: '2024-10-01T14:00:02.000Z', entryId: null },
    ]);
  });

  it('has no timer when the district turned the rule off', () => {
    const rules = applyRuleChanges(DEFAULT_FOLLOW_UP_RULES, { offer_consent: { enabled: false } });
    expect(timersOf('offer_consent', [identified], rules)).toEqual([]);
  });

  it('has no timer once its follow-up was raised for that trigger', () => {
    const due = event.followUpDue({ rule: 'offer_consent', triggerEventId: 'e0' });
    expect(timersOf('offer_consent', [identified, due])).toEqual([]);
  });
});

describe('when the family’s data was erased', () => {
  it('has no timer of any rule: the family is no longer worked with', () => {
    const facts = foldFollowUpFacts(recorded([...consenting, visit1, event.familyDataErased()]));
    expect(dueTimers(facts, DEFAULT_FOLLOW_UP_RULES, NY)).toEqual([]);
    expect(
      dueTimers(foldFollowUpFacts(recorded([...consenting, visit1])), DEFAULT_FOLLOW_UP_RULES, NY),
    ).not.toEqual([]);
  });
});

describe('consent_answer: consent offered, no answer', () => {
  it('falls due P7D after the latest offer', () => {
    const again = event.consentOffered({ offeredOn: '2024-10-05' });
    expect(brief(timersOf('consent_answer', [identified, offered, again]))).toEqual([
      { triggerEventId: 'e2', dueAt: '2024-10-12T04:00:00.000Z', entryId: null },
    ]);
  });

  it('is cancelled by an answer', () => {
    expect(timersOf('consent_answer', consenting)).toEqual([]);
    expect(timersOf('consent_answer', [identified, offered, event.consentDeclined()])).toEqual([]);
  });
});

describe('first_visit: consent granted, no visit #1', () => {
  it('falls due P10D after the grant', () => {
    expect(brief(timersOf('first_visit', consenting))).toEqual([
      { triggerEventId: 'e2', dueAt: '2024-10-14T04:00:00.000Z', entryId: null },
    ]);
  });

  it('is cancelled by a held visit, and comes back when that visit is voided', () => {
    expect(timersOf('first_visit', [...consenting, visit1])).toEqual([]);
    const voided = event.entryVoided({ entryId: 'visit-1', entryKind: 'visit' });
    expect(timersOf('first_visit', [...consenting, visit1, voided])).toHaveLength(1);
  });

  it('is cancelled when consent is withdrawn', () => {
    expect(timersOf('first_visit', [...consenting, event.consentWithdrawn()])).toEqual([]);
  });
});

describe('next_visit: the family wants to continue, no next visit', () => {
  it('falls due P30D after the last held visit', () => {
    expect(brief(timersOf('next_visit', [...consenting, visit1]))).toEqual([
      { triggerEventId: 'e3', dueAt: '2024-11-09T05:00:00.000Z', entryId: 'visit-1' },
    ]);
  });

  it('moves to the next held visit', () => {
    const visit2 = event.visitHeld({ visitId: 'visit-2', visitNumber: 2, date: '2024-10-20' });
    expect(brief(timersOf('next_visit', [...consenting, visit1, visit2]))).toEqual([
      { triggerEventId: 'e4', dueAt: '2024-11-19T05:00:00.000Z', entryId: 'visit-2' },
    ]);
  });

  it('has no timer when the family does not want to continue', () => {
    const last = event.visitHeld({ familyWantsToContinue: false });
    expect(timersOf('next_visit', [...consenting, last])).toEqual([]);
  });
});

describe('referral_outcome: a referral without an outcome', () => {
  const referral2 = event.resourceReferred({ referralId: 'referral-2', referredOn: '2024-10-11' });

  it('runs one timer per open referral, P14D after each', () => {
    expect(brief(timersOf('referral_outcome', [...consenting, event.resourceReferred(), referral2]))).toEqual(
      [
        { triggerEventId: 'e3', dueAt: '2024-10-24T04:00:00.000Z', entryId: 'referral-1' },
        { triggerEventId: 'e4', dueAt: '2024-10-25T04:00:00.000Z', entryId: 'referral-2' },
      ],
    );
  });

  it('is cancelled by an outcome or a void', () => {
    const events = [...consenting, event.resourceReferred(), referral2, event.referralOutcomeRecorded()];
    expect(timersOf('referral_outcome', events).map((t) => t.entryId)).toEqual(['referral-2']);
    const voided = event.entryVoided({ entryId: 'referral-2', entryKind: 'referral' });
    expect(timersOf('referral_outcome', [...events, voided])).toEqual([]);
  });
});

describe('attendance_escalation: still chronically absent P30D after visit #1', () => {
  it('falls due P30D after visit #1 while the latest attendance is chronic', () => {
    expect(
      brief(timersOf('attendance_escalation', [...consenting, visit1, event.attendanceChecked()])),
    ).toEqual([{ triggerEventId: 'e3', dueAt: '2024-11-09T05:00:00.000Z', entryId: 'visit-1' }]);
  });

  it('is cancelled when the latest check is no longer chronic', () => {
    const improved = event.attendanceChecked({ daysAbsent: 1, tier: 'satisfactory' });
    expect(timersOf('attendance_escalation', [...consenting, visit1, improved])).toEqual([]);
  });

  it('has no timer before visit #1', () => {
    expect(timersOf('attendance_escalation', consenting)).toEqual([]);
  });
});

describe('no_contact: no contact of any kind on an open case', () => {
  it('runs from identification when nobody has reached the family yet', () => {
    expect(brief(timersOf('no_contact', [identified]))).toEqual([
      { triggerEventId: 'e0', dueAt: '2024-10-31T04:00:00.000Z', entryId: null },
    ]);
  });

  it('restarts at the latest contact by business date', () => {
    const call = event.followUpCallMade({ calledOn: '2024-10-12' });
    const lateLoggedVisit = event.visitHeld({ date: '2024-10-08' });
    expect(brief(timersOf('no_contact', [...consenting, call, lateLoggedVisit]))).toEqual([
      { triggerEventId: 'e3', dueAt: '2024-11-11T05:00:00.000Z', entryId: null },
    ]);
  });

  it('falls back to the previous contact when the latest is voided', () => {
    const call = event.followUpCallMade({ calledOn: '2024-10-12' });
    const voided = event.entryVoided({ entryId: 'call-1', entryKind: 'follow_up_call' });
    expect(timersOf('no_contact', [...consenting, call, voided]).map((t) => t.triggerEventId)).toEqual([
      'e2',
    ]);
  });

  it('has no timer, nor any other, on a closed case', () => {
    const events = [...consenting, event.resourceReferred(), event.caseClosed()];
    expect(dueTimers(foldFollowUpFacts(recorded(events)), DEFAULT_FOLLOW_UP_RULES, NY)).toEqual([]);
  });

  it('restarts at reopening', () => {
    const events = [identified, event.caseClosed(), event.caseReopened()];
    expect(brief(timersOf('no_contact', events))).toEqual([
      { triggerEventId: 'e2', dueAt: '2025-01-14T05:00:00.000Z', entryId: null },
    ]);
  });
});

describe('a threshold stored before thresholds were bounded', () => {
  it.each(['P300000Y', 'P3Y', 'PT0.5S'])('gives %j no timer, and the other rules theirs', (after) => {
    const rules = applyRuleChanges(DEFAULT_FOLLOW_UP_RULES, { no_contact: { after } });
    const timers = dueTimers(foldFollowUpFacts(recorded([identified])), rules, NY);
    expect(timers.map((timer) => timer.ruleId)).toEqual(['offer_consent']);
  });
});
