import type { Projection } from '@leap/projections';
import { caseEventsFilter, caseIdOf, evolveCaseState } from './case-events';
import type { CaseSummaryDoc } from './case-summary';
import { caseSummariesStore } from './case-summaries.store';
import {
  NO_PERSONAL_FIELDS,
  personalFieldsSetBy,
  preparePersonalFields,
  type PersonalFields,
} from './personal-fields';

export const CASE_SUMMARIES = 'case_summaries';
/**
 * One summary per case, folded with the domain's `caseDecider.evolve`, so the summary applies
 * voids, transfers and visit numbering exactly as the command side does. Events before the
 * student's identification leave no document (as they leave the domain state empty). The student's
 * name (searched by `q=`, shown to roles with personal data) is opened from the identification by
 * `prepare`; no other personal data is read.
 */
export const caseSummariesProjection: Projection<CaseSummaryDoc, PersonalFields> = {
  name: CASE_SUMMARIES,
  version: 3,
  filter: caseEventsFilter,
  keyOf: caseIdOf,
  prepare: preparePersonalFields,
  evolve(doc, event, prepared) {
    const personal = personalFieldsSetBy(event, prepared) ?? doc?.personal ?? NO_PERSONAL_FIELDS;
    const next = evolveCaseState(doc?.state, event);
    if (!next) return doc && personal !== doc.personal ? { ...doc, personal } : doc;
    return { state: next.state, revision: Number(event.revision), personal };
  },
  store: caseSummariesStore,
};
