import type { Projection } from '@leap/projections';
import { caseDecider, type CaseEvent } from '@leap/domain';
import { CASE_EVENT_TYPES, isCaseEventType, type CaseSummaryDoc } from './case-summary';
import { caseSummariesStore } from './case-summaries.store';

export const CASE_SUMMARIES = 'case_summaries';
const CASE_STREAM = 'case-';

/**
 * One summary per case, folded with the domain's `caseDecider.evolve`, so the summary applies
 * voids, transfers and visit numbering exactly as the command side does. Events before the
 * student's identification leave no document (as they leave the domain state empty).
 */
export const caseSummariesProjection: Projection<CaseSummaryDoc> = {
  name: CASE_SUMMARIES,
  version: 1,
  filter: { streamPrefixes: [CASE_STREAM], eventTypes: CASE_EVENT_TYPES },
  keyOf: (event) =>
    event.streamId.startsWith(CASE_STREAM) ? event.streamId.slice(CASE_STREAM.length) : null,
  evolve(doc, event) {
    if (!isCaseEventType(event.type)) return doc;
    const domainEvent = { type: event.type, data: event.data } as unknown as CaseEvent;
    const state = caseDecider.evolve(doc?.state ?? caseDecider.initialState(), domainEvent);
    if (state.status === 'none') return doc;
    return { state, revision: Number(event.revision) };
  },
  store: caseSummariesStore,
};
