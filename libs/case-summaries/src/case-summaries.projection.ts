import type { Projection } from '@leap/projections';
import { CASE_PURGE_EVENTS, caseEventsFilter, caseIdOf, evolveCaseState } from './case-events';
import type { CaseSummaryDoc } from './case-summary';
import { caseSummariesStore } from './case-summaries.store';

export const CASE_SUMMARIES = 'case_summaries';
/**
 * One summary per case, folded with the domain's `caseDecider.evolve`, so the summary applies
 * voids, transfers and visit numbering exactly as the command side does. Events before the
 * student's identification leave no document (as they leave the domain state empty).
 */
export const caseSummariesProjection: Projection<CaseSummaryDoc> = {
  name: CASE_SUMMARIES,
  version: 1,
  filter: caseEventsFilter,
  purgeOn: CASE_PURGE_EVENTS,
  keyOf: caseIdOf,
  evolve(doc, event) {
    const next = evolveCaseState(doc?.state, event);
    return next ? { state: next.state, revision: Number(event.revision) } : doc;
  },
  store: caseSummariesStore,
};
