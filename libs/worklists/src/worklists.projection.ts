import type { Projection } from '@leap/projections';
import {
  NO_PERSONAL_FIELDS,
  caseEventsFilter,
  caseIdOf,
  evolveCaseState,
  personalFieldsSetBy,
  preparePersonalFields,
  type PersonalFields,
} from '@leap/case-summaries';
import type { WorklistDoc } from './worklist-doc';
import { worklistsStore } from './worklists.store';

export const WORKLISTS = 'worklists';
/**
 * One document per case, folded with the domain's `caseDecider.evolve`: every case event counts,
 * because an item's existence (resolution by the awaited action or closure), its school
 * (transfers), its severity (attendance checks and their voids) and who may see it (visitor
 * assignments) all follow from the case. Events before the identification leave no document.
 * The student's name (shown on items to roles with personal data) is opened from the
 * identification by `prepare`; no other personal data is read.
 */
export const worklistsProjection: Projection<WorklistDoc, PersonalFields> = {
  name: WORKLISTS,
  version: 3,
  filter: caseEventsFilter,
  keyOf: caseIdOf,
  prepare: preparePersonalFields,
  evolve(doc, event, prepared) {
    const personal = personalFieldsSetBy(event, prepared) ?? doc?.personal ?? NO_PERSONAL_FIELDS;
    const next = evolveCaseState(doc?.state, event);
    if (!next) return doc && personal !== doc.personal ? { ...doc, personal } : doc;
    const { state, event: domainEvent } = next;
    let raisedBy = doc?.raisedBy ?? {};
    if (domainEvent.type === 'FollowUpDue.v1' && !Object.hasOwn(raisedBy, domainEvent.data.followUpId)) {
      const raised = { eventId: event.id, revision: Number(event.revision) };
      raisedBy = { ...raisedBy, [domainEvent.data.followUpId]: raised };
    }
    return { state, revision: Number(event.revision), raisedBy, personal };
  },
  store: worklistsStore,
};
