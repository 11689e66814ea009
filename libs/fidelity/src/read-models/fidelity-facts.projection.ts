import { CASE_EVENT_TYPES } from '@leap/domain';
import type { AllEventsFilter, RecordedEvent } from '@leap/event-store';
import { jsonDocumentStore, type Projection } from '@leap/projections';
import { evolveFacts, FIDELITY_STREAM_PREFIXES } from '../domain/evolve-facts';
import type { StreamFacts } from '../domain/facts';

export const FIDELITY_FACTS = 'fidelity_facts';

/** Everything the fold reads: case events, the visitor registry and the district registry. */
export const fidelityEventsFilter: AllEventsFilter = {
  streamPrefixes: FIDELITY_STREAM_PREFIXES,
  eventTypes: [
    ...CASE_EVENT_TYPES,
    'VisitorRegistered.v1',
    'VisitorTrainingCompleted.v1',
    'DistrictRegistered.v1',
    'SchoolAdded.v1',
  ],
};

const districtOf = (doc: StreamFacts): string => doc.districtId;

/**
 * The facts of the fidelity metrics, one document per stream, folded with the one fold
 * (`evolveFacts`) the replays and series use too: answering from these documents or from a replay
 * of the store gives the same numbers for the same cut. Facts hold codes and dates only, so an
 * erasure leaves nothing to purge here.
 */
export const fidelityFactsProjection: Projection<StreamFacts> = {
  name: FIDELITY_FACTS,
  version: 1,
  filter: fidelityEventsFilter,
  keyOf: (event: RecordedEvent) => event.streamId,
  evolve: (doc, event) => evolveFacts(doc, event),
  store: jsonDocumentStore<StreamFacts>({
    columns: [
      { name: 'kind', type: 'TEXT', notNull: true, of: (doc) => doc.kind },
      { name: 'district_id', type: 'TEXT', notNull: true, of: districtOf },
    ],
    indexes: [['district_id', 'kind']],
  }),
};
