import { event } from '../case/case.fixtures';
import type { CaseEvent } from '../case/events';
import { foldFollowUpFacts, type FactEvent } from './facts';
import { applyRuleChanges, DEFAULT_FOLLOW_UP_RULES, type FollowUpRuleId } from './rules';
import { decideFiredTimer } from './fired-timer';

const NY = 'America/New_York';
const recorded = (events: CaseEvent[]): FactEvent[] =>
  events.map((e, i) => ({
    ...e,
    id: `e${i}`,
    recordedAt: new Date(Date.UTC(2024, 9, 1, 14, i)).toISOString(),
  }));
const consenting = [event.studentIdentified(), event.consentOffered(), event.consentGranted()];
const visit1 = event.visitHeld();

/** Per rule: a history, the timer that fires (its trigger), when it is due, and an action that cancels it. */
const cases: [FollowUpRuleId, CaseEvent[], string, string, CaseEvent][] = [
  ['offer_consent', [event.studentIdentified()], 'e0', '2024-10-06T04:00:00.000Z', event.consentOffered()],
  ['consent_answer', consenting.slice(0, 2), 'e1', '2024-10-10T04:00:00.000Z', event.consentGranted()],
  ['first_visit', consenting, 'e2', '2024-10-14T04:00:00.000Z', visit1],
  [
    'next_visit',
    [...consenting, visit1],
    'e3',
    '2024-11-09T05:00:00.000Z',
    event.visitHeld({ visitId: 'visit-2', visitNumber: 2, date: '2024-10-30' }),
  ],
  [
    'referral_outcome',
    [...consenting, event.resourceReferred()],
    'e3',
    '2024-10-24T04:00:00.000Z',
    event.referralOutcomeRecorded(),
  ],
  [
    'attendance_escalation',
    [...consenting, visit1],
    'e3',
    '2024-11-09T05:00:00.000Z',
    event.attendanceChecked({ daysAbsent: 0, tier: 'satisfactory' }),
  ],
  [
    'no_contact',
    [...consenting],
    'e2',
    '2024-11-03T04:00:00.000Z',
    event.followUpCallMade({ calledOn: '2024-10-20' }),
  ],
];

describe.each(cases)('when a %s timer fires', (ruleId, history, triggerEventId, dueAt, cancel) => {
  const fire = (events: CaseEvent[], now: string, rules = DEFAULT_FOLLOW_UP_RULES) =>
    decideFiredTimer(
      foldFollowUpFacts(recorded(events)),
      rules,
      NY,
      { ruleId, triggerEventId },
      new Date(now),
    );

  it('raises the follow-up once it is due and the rule still applies', () => {
    expect(fire(history, dueAt)).toMatchObject({ kind: 'due', timer: { ruleId, triggerEventId, dueAt } });
  });

  it('raises nothing before it is due (the threshold grew since the timer was set)', () => {
    expect(fire(history, new Date(Date.parse(dueAt) - 1).toISOString())).toMatchObject({
      kind: 'not_yet_due',
      timer: { dueAt },
    });
  });

  it('raises nothing once the action it waited for was recorded', () => {
    expect(fire([...history, cancel], '2025-06-01T00:00:00.000Z')).toEqual({ kind: 'not_pending' });
  });

  it('raises nothing when the district turned the rule off', () => {
    const rules = applyRuleChanges(DEFAULT_FOLLOW_UP_RULES, { [ruleId]: { enabled: false } });
    expect(fire(history, dueAt, rules)).toEqual({ kind: 'not_pending' });
  });

  it('raises nothing on a closed case', () => {
    expect(fire([...history, event.caseClosed()], '2025-06-01T00:00:00.000Z')).toEqual({
      kind: 'not_pending',
    });
  });
});
