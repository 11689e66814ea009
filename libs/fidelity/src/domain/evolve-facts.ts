import { DISTRICT_PREFIX, REQUIRED_TRAINING, type DistrictEvent, type VisitorEvent } from '@leap/domain';
import { evolveCaseFacts, type FidelityEvent } from './evolve-case-facts';
import type { CaseFacts, DistrictFacts, FidelityFacts, StreamFacts, VisitorFacts } from './facts';

export type { FidelityEvent } from './evolve-case-facts';

export const CASE_STREAM = 'case-';
export const VISITOR_STREAM = 'visitor-';
/** The streams the fidelity fold reads: cases, the visitor registry and the district registry. */
export const FIDELITY_STREAM_PREFIXES = [CASE_STREAM, VISITOR_STREAM, DISTRICT_PREFIX];

/**
 * THE fold of the fidelity metrics, one stream's facts at a time: the projection, the replays
 * (`onDate`, `knownAt`), the series, the CLI and the bench all fold events with this function and
 * nothing else. Pure; it never mutates `facts`. Events of other streams leave `facts` as they are.
 */
export function evolveFacts(facts: StreamFacts | null, event: FidelityEvent): StreamFacts | null {
  if (event.streamId.startsWith(CASE_STREAM)) {
    return evolveCaseFacts(facts?.kind === 'case' ? facts : null, event);
  }
  if (event.streamId.startsWith(VISITOR_STREAM)) {
    return evolveVisitorFacts(facts?.kind === 'visitor' ? facts : null, event);
  }
  if (event.streamId.startsWith(DISTRICT_PREFIX)) {
    return evolveDistrictFacts(facts?.kind === 'district' ? facts : null, event);
  }
  return facts;
}

function evolveVisitorFacts(facts: VisitorFacts | null, event: FidelityEvent): VisitorFacts | null {
  const at = Date.parse(event.recordedAt);
  const e = event as unknown as VisitorEvent;
  if (e.type === 'VisitorRegistered.v1') {
    if (facts) return facts;
    const { visitorId, districtId, organization } = e.data;
    return { kind: 'visitor', visitorId, districtId, organization: organization.type, at, leap101: [] };
  }
  if (e.type === 'VisitorTrainingCompleted.v1' && facts && e.data.training === REQUIRED_TRAINING) {
    return { ...facts, leap101: [...facts.leap101, { on: e.data.completedOn, at }] };
  }
  return facts;
}

function evolveDistrictFacts(facts: DistrictFacts | null, event: FidelityEvent): DistrictFacts | null {
  const at = Date.parse(event.recordedAt);
  const e = event as unknown as DistrictEvent;
  if (e.type === 'DistrictRegistered.v1') {
    if (facts) return facts;
    const { districtId, regionId, timeZone } = e.data;
    return { kind: 'district', districtId, regionId, timeZone, at, schools: [] };
  }
  if (e.type === 'SchoolAdded.v1' && facts && !facts.schools.some((s) => s.schoolId === e.data.schoolId)) {
    return { ...facts, schools: [...facts.schools, { schoolId: e.data.schoolId, at }] };
  }
  return facts;
}

/** Facts being folded in memory (replays, series, CLI, bench): one document per stream. */
export class FactsFold implements FidelityFacts {
  readonly cases = new Map<string, CaseFacts>();
  readonly visitors = new Map<string, VisitorFacts>();
  readonly districts = new Map<string, DistrictFacts>();
  private readonly byStream = new Map<string, StreamFacts>();

  apply(event: FidelityEvent): void {
    const before = this.byStream.get(event.streamId) ?? null;
    const after = evolveFacts(before, event);
    if (after === before || after === null) return;
    this.byStream.set(event.streamId, after);
    if (after.kind === 'case') this.cases.set(after.caseId, after);
    else if (after.kind === 'visitor') this.visitors.set(after.visitorId, after);
    else this.districts.set(after.districtId, after);
  }
}

/** Folds events, in store order, into facts. */
export function foldFacts(events: Iterable<FidelityEvent>): FactsFold {
  const fold = new FactsFold();
  for (const event of events) fold.apply(event);
  return fold;
}

/** Facts from stored documents (the projection's), in the shape the metrics read. */
export function factsOf(documents: Iterable<StreamFacts>): FidelityFacts {
  const fold = new FactsFold();
  for (const doc of documents) {
    if (doc.kind === 'case') fold.cases.set(doc.caseId, doc);
    else if (doc.kind === 'visitor') fold.visitors.set(doc.visitorId, doc);
    else fold.districts.set(doc.districtId, doc);
  }
  return fold;
}
