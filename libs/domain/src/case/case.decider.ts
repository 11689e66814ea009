import type { Decider } from '../decider';
import type { CaseCommand } from './commands';
import { decideCase } from './decide';
import type { CaseEvent } from './events';
import { evolveCase, initialCaseState } from './evolve';
import type { CaseState } from './state';

/** One student's LEAP case, stream `case-<caseId>`. */
export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState> = {
  decide: decideCase,
  evolve: evolveCase,
  initialState: initialCaseState,
};
