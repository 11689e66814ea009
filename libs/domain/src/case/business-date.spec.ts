import { businessDateOfEvent, CURRENT_CASE_EVENT_TYPES } from './business-date';
import type { CaseEvent } from './events';

describe('the business date of a case event', () => {
  it('is the date field the event records', () => {
    const held = {
      type: 'VisitHeld.v2',
      data: { visitId: 'v1', date: '2026-10-05' },
    } as unknown as CaseEvent;
    const closed = {
      type: 'CaseClosed.v1',
      data: { closedOn: '2027-01-10', reason: 'x' },
    } as unknown as CaseEvent;
    const check = { type: 'AttendanceChecked.v1', data: { asOf: '2026-10-31' } } as unknown as CaseEvent;
    expect([held, closed, check].map(businessDateOfEvent)).toEqual([
      '2026-10-05',
      '2027-01-10',
      '2026-10-31',
    ]);
  });

  it('is null for what has recorded time only (follow-up timers, claims, snoozes)', () => {
    const due = {
      type: 'FollowUpDue.v1',
      data: { followUpId: 'f', dueAt: '2026-10-05T12:00:00Z' },
    } as unknown as CaseEvent;
    const snoozed = {
      type: 'FollowUpSnoozed.v1',
      data: { followUpId: 'f', until: 'x' },
    } as unknown as CaseEvent;
    expect([due, snoozed].map(businessDateOfEvent)).toEqual([null, null]);
  });

  it('is declared for the current types only, legacy versions being read as them', () => {
    expect(CURRENT_CASE_EVENT_TYPES).toContain('VisitHeld.v2');
    expect(CURRENT_CASE_EVENT_TYPES).toContain('StudentIdentified.v2');
    expect(CURRENT_CASE_EVENT_TYPES).not.toContain('VisitHeld.v1');
    expect(CURRENT_CASE_EVENT_TYPES).toHaveLength(23);
  });
});
