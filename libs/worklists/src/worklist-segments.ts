import { assertNever } from '@leap/domain';
import { SEVERITY_COUNT } from './worklist-doc';

export const WORKLIST_STATES = ['open', 'overdue', 'snoozed'] as const;
export type WorklistState = (typeof WORKLIST_STATES)[number];

/**
 * Worklist order is: overdue first, then severity (most severe first), then the instant the item is
 * open from (its due time, or the end of its snooze), then follow-up id. Split by (overdue, severity)
 * it is eight segments, numbered in that order; each segment is one contiguous, ordered range of an
 * item index `(…, severity, open_from, follow_up_id)`:
 *
 * - overdue at `now`:     `open_from <= now - grace` (every such item is open: a snooze ending
 *                          before `now` is over);
 * - open, not overdue:    `open_from > now - grace` and (never snoozed, or the snooze ended by `now`);
 * - snoozed at `now`:     `open_from > now` and state `snoozed`.
 */
export interface Segment {
  index: number;
  overdue: boolean;
  severity: number;
}

export const SEGMENT_COUNT = 2 * SEVERITY_COUNT;

const segment = (overdue: boolean, severity: number): Segment => ({
  index: (overdue ? 0 : SEVERITY_COUNT) + severity,
  overdue,
  severity,
});
const severities = Array.from({ length: SEVERITY_COUNT }, (_, severity) => severity);

/** The segments a state filter lists, in worklist order. */
export function segmentsOf(state: WorklistState): Segment[] {
  const overdue = severities.map((severity) => segment(true, severity));
  const notOverdue = severities.map((severity) => segment(false, severity));
  switch (state) {
    case 'overdue':
      return overdue;
    case 'open':
      return [...overdue, ...notOverdue];
    case 'snoozed':
      return notOverdue;
    default:
      return assertNever(state);
  }
}
