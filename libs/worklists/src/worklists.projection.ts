import type { Projection } from '@leap/projections';
import type { RecordedEvent } from '@leap/event-store';
import {
  CANDIDATE_EVENT_TYPES,
  CANDIDATE_STREAM_PREFIX,
  CASE_EVENT_TYPES,
  evolveCandidate,
  type CandidateEvent,
} from '@leap/domain';
import {
  CASE_PURGE_EVENTS,
  NO_PERSONAL_FIELDS,
  caseEventsFilter,
  caseIdOf,
  evolveCaseState,
  personalFieldsSetBy,
  preparePersonalFields,
  type PersonalFields,
} from '@leap/case-summaries';
import type { CandidateWorklistDoc, CaseWorklistDoc, WorklistDoc } from './worklist-doc';
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
  version: 4,
  filter: {
    streamPrefixes: [...(caseEventsFilter.streamPrefixes ?? []), CANDIDATE_STREAM_PREFIX],
    eventTypes: [...CASE_EVENT_TYPES, ...CANDIDATE_EVENT_TYPES],
  },
  purgeOn: CASE_PURGE_EVENTS,
  keyOf: (event) => (event.streamId.startsWith(CANDIDATE_STREAM_PREFIX) ? event.streamId : caseIdOf(event)),
  prepare: preparePersonalFields,
  evolve(doc, event, prepared) {
    if (event.streamId.startsWith(CANDIDATE_STREAM_PREFIX))
      return evolveCandidateDoc(doc as CandidateWorklistDoc | null, event);
    return evolveCaseDoc(doc as CaseWorklistDoc | null, event, prepared);
  },
  store: worklistsStore,
};

function evolveCaseDoc(
  doc: CaseWorklistDoc | null,
  event: RecordedEvent,
  prepared: PersonalFields | undefined,
): CaseWorklistDoc | null {
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
}

/** Candidates' streams (`new_candidate` follow-ups): folded with the domain's candidate evolve. */
function evolveCandidateDoc(
  doc: CandidateWorklistDoc | null,
  event: RecordedEvent,
): CandidateWorklistDoc | null {
  if (!(CANDIDATE_EVENT_TYPES as readonly string[]).includes(event.type)) return doc;
  const domainEvent = { type: event.type, data: event.data } as unknown as CandidateEvent;
  const state = evolveCandidate(doc?.state ?? { status: 'none' }, domainEvent);
  if (state.status !== 'listed') return doc;
  let raisedBy = doc?.raisedBy ?? {};
  if (domainEvent.type === 'CandidateFollowUpDue.v1') {
    const raised = { eventId: event.id, revision: Number(event.revision) };
    raisedBy = { ...raisedBy, [domainEvent.data.followUpId]: raised };
  }
  const candidateId = event.streamId.slice(CANDIDATE_STREAM_PREFIX.length);
  return { kind: 'candidate', candidateId, state, revision: Number(event.revision), raisedBy };
}
