import { assertNever, type OpenCase } from '@leap/domain';
import type { PersonalFields } from './personal-fields';

/**
 * The case-summaries document: the case state folded by the domain's own `evolve` (so voids,
 * transfers, numbering and derived figures follow the domain rules exactly) without its `pii`, the
 * stream revision it reflects, and the personal fields the list shows and searches (null when
 * erased). Summary columns are derived from it on every write.
 */
export interface CaseSummaryDoc {
  state: OpenCase;
  revision: number;
  personal: PersonalFields;
}

/** Where a case is in the LEAP journey, for worklists. */
export const STAGES = [
  'identified',
  'offered',
  'consented',
  'visiting',
  'declined',
  'withdrawn',
  'closed',
] as const;
export type Stage = (typeof STAGES)[number];

export const CASE_STATUSES = ['open', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export function stageOf(c: OpenCase): Stage {
  if (c.status === 'closed') return 'closed';
  switch (c.consent) {
    case 'none':
      return 'identified';
    case 'offered':
      return 'offered';
    case 'granted':
      return visitCountOf(c) > 0 ? 'visiting' : 'consented';
    case 'declined':
      return 'declined';
    case 'withdrawn':
      return 'withdrawn';
    default:
      return assertNever(c.consent);
  }
}

/** Held visits that were not voided (the domain numbers exactly these 1..n). */
export const visitCountOf = (c: OpenCase): number =>
  c.visits.filter((visit) => visit.status === 'held' && !visit.voided).length;

/**
 * Follow-ups raised on the case that still need someone: open, or snoozed (set aside, not done).
 * Completed and resolved ones (the awaited action happened) do not count. The domain derives each
 * follow-up's state in `evolve`, so the figure follows resolution rules without repeating them.
 */
export const openFollowUpsOf = (c: OpenCase): number =>
  c.followUps.filter((followUp) => followUp.state === 'open' || followUp.state === 'snoozed').length;
