import type { CaseEventType } from '@leap/domain';

/**
 * Fidelity monitors read cases without personally identifying data or free text: every `pii`
 * object goes, and so do the free-text fields listed per event type. Coded fields (barriers,
 * closure reasons, outcomes) stay, since fidelity is measured from them.
 */
const FREE_TEXT: Partial<Record<CaseEventType, readonly string[]>> = {
  'ConsentDeclined.v1': ['reason'],
  'ConsentWithdrawn.v1': ['reason'],
  'VisitHeld.v1': ['strengths', 'aspirations'],
  'VisitMissed.v1': ['reason'],
  'VisitCancelled.v1': ['reason'],
  'EntryVoided.v1': ['reason'],
  'CaseReopened.v1': ['reason'],
  'FollowUpCompleted.v1': ['outcome'],
};

export function redactEventData(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const drop = new Set(['pii', ...(FREE_TEXT[type as CaseEventType] ?? [])]);
  return Object.fromEntries(Object.entries(data).filter(([key]) => !drop.has(key)));
}
