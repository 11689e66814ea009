import type { Decider } from '../decider';
import type { CaseCommand } from './commands';
import { decideCase } from './decide';
import type { CaseEvent } from './events';
import { evolveCase, initialCaseState } from './evolve';
import type { CaseState } from './state';

/**
 * One student's LEAP case, stream `case-<caseId>`. `evolve` also accepts the legacy event versions a
 * stream may hold (`StoredCaseEvent`), upcasting them, so folding a stream read as it is stays right.
 */
export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  decide: decideCase,
  evolve: evolveCase,
  initialState: initialCaseState,
};
