import type { EventStore, Position, RecordedEvent } from '@leap/event-store';

/**
 * What retention needs to know of every case, folded from the case streams' events: the district,
 * whether and when it is closed, and whether its family's data is already erased. Only event types
 * and codes are read, never `pii`, so the scan opens no key. Identification is recognised by its
 * type name whatever its version (`StudentIdentified.v1`, `.v2`, ...).
 */
export interface CaseClosure {
  districtId: string;
  closedOn: string | null;
  erased: boolean;
}

export type ClosureIndex = Map<string, CaseClosure>;

const CASE_STREAM = 'case-';

export function evolveClosureIndex(
  index: ClosureIndex,
  event: Pick<RecordedEvent, 'streamId' | 'type' | 'data'>,
): void {
  if (!event.streamId.startsWith(CASE_STREAM)) return;
  const caseId = event.streamId.slice(CASE_STREAM.length);
  const known = index.get(caseId);
  const [name] = event.type.split('.');
  if (name === 'StudentIdentified') {
    if (!known && typeof event.data.districtId === 'string')
      index.set(caseId, { districtId: event.data.districtId, closedOn: null, erased: false });
    return;
  }
  if (!known) return;
  if (name === 'CaseClosed' && typeof event.data.closedOn === 'string') known.closedOn = event.data.closedOn;
  else if (name === 'CaseReopened') known.closedOn = null;
  else if (name === 'FamilyDataErased') known.erased = true;
}

/**
 * Closed cases of a district, not yet erased, whose closure is due: `isDue(closedOn)`. Sorted by
 * case id (system-made ids: safe to print and log).
 */
export function closedCasesDue(
  index: ClosureIndex,
  districtId: string,
  isDue: (closedOn: string) => boolean,
): string[] {
  const due: string[] = [];
  for (const [caseId, c] of index) {
    if (c.districtId === districtId && c.closedOn !== null && !c.erased && isDue(c.closedOn))
      due.push(caseId);
  }
  return due.sort();
}

const PAGE = 1000;
const CLOSURE_EVENTS = ['StudentIdentified', 'CaseClosed', 'CaseReopened', 'FamilyDataErased'];

/** Reads every case stream's events once, in pages, into a closure index; `onPage` reports events read so far. */
export async function scanClosures(
  store: EventStore,
  onPage: (eventsRead: number) => void = () => undefined,
): Promise<ClosureIndex> {
  const index: ClosureIndex = new Map();
  let after: Position | undefined;
  let read = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE, filter: { streamPrefixes: [CASE_STREAM] } });
    for (const event of page) {
      if (CLOSURE_EVENTS.includes(event.type.split('.')[0]!)) evolveClosureIndex(index, event);
    }
    read += page.length;
    onPage(read);
    const last = page.at(-1);
    if (!last || page.length < PAGE) return index;
    after = last.position;
  }
}
