import { caseDecider, type CaseEvent } from '@leap/domain';
import type { Projection } from '@leap/projections';
import { CASE_EVENT_TYPES, isCaseEventType } from '@leap/case-summaries';
import type { WorklistDoc } from './worklist-doc';
import { worklistsStore } from './worklists.store';

export const WORKLISTS = 'worklists';
const CASE_STREAM = 'case-';

/**
 * One document per case, folded with the domain's `caseDecider.evolve`: every case event counts,
 * because an item's existence (resolution by the awaited action or closure), its school
 * (transfers), its severity (attendance checks and their voids) and who may see it (visitor
 * assignments) all follow from the case. Events before the identification leave no document.
 */
export const worklistsProjection: Projection<WorklistDoc> = {
  name: WORKLISTS,
  version: 1,
  filter: { streamPrefixes: [CASE_STREAM], eventTypes: CASE_EVENT_TYPES },
  keyOf: (event) =>
    event.streamId.startsWith(CASE_STREAM) ? event.streamId.slice(CASE_STREAM.length) : null,
  evolve(doc, event) {
    if (!isCaseEventType(event.type)) return doc;
    const domainEvent = { type: event.type, data: event.data } as unknown as CaseEvent;
    const state = caseDecider.evolve(doc?.state ?? caseDecider.initialState(), domainEvent);
    if (state.status === 'none') return doc;
    let raisedBy = doc?.raisedBy ?? {};
    if (domainEvent.type === 'FollowUpDue.v1' && !Object.hasOwn(raisedBy, domainEvent.data.followUpId)) {
      const raised = { eventId: event.id, revision: Number(event.revision) };
      raisedBy = { ...raisedBy, [domainEvent.data.followUpId]: raised };
    }
    return { state, revision: Number(event.revision), raisedBy };
  },
  store: worklistsStore,
};
