import Database from 'better-sqlite3';
import type { RecordedEvent } from '@leap/event-store';
import { accessStreamId } from './access-event';
import { accessLogProjection, type AccessLogEntry } from './access-log.projection';
import {
  decodeAccessCursor,
  encodeAccessCursor,
  queryAccessLog,
  type AccessLogFilter,
} from './access-log.query';

let position = 0;
const recorded = (streamId: string, type: string, data: object, metadata: object = {}): RecordedEvent => ({
  id: `e${++position}`,
  streamId,
  revision: 0n,
  position: String(position),
  type,
  data: data as RecordedEvent['data'],
  metadata: metadata as RecordedEvent['metadata'],
  recordedAt: '2030-01-01T00:00:00.000Z',
});
const accessed = (at: string, districtId: string, actorId: string, caseIds: string[]) =>
  recorded(accessStreamId(districtId, new Date(at)), 'PersonalDataAccessed.v1', {
    at,
    actorId,
    actorRole: 'coordinator',
    districtId,
    route: 'GET /v1/cases',
    query: { q: '[redacted]' },
    caseIds,
    outcome: 'served',
  });

describe('when access events are projected into the access log', () => {
  it('names streams by district and UTC day, in the `access` category', () => {
    expect(accessStreamId('d-1', new Date('2026-05-04T23:30:00-04:00'))).toBe('access-d-1-2026-05-05');
  });

  it('keeps an entry per access event and reads entries of earlier versions from caseaccess streams', () => {
    const legacy = recorded(
      'caseaccess-c9',
      'CaseRecordAccessed.v1',
      { caseId: 'c9', view: 'history', asOf: '2024-01-01T00:00:00Z' },
      { actorId: 'old', actorRole: 'admin', districtId: 'd1', recordedAt: '2024-02-01T10:00:00.000Z' },
    );
    expect(accessLogProjection.evolve(null, legacy)).toEqual({
      entryId: legacy.id,
      at: '2024-02-01T10:00:00.000Z',
      actorId: 'old',
      actorRole: 'admin',
      districtId: 'd1',
      route: 'GET /v1/cases/:caseId/history',
      query: { knownAt: '2024-01-01T00:00:00Z' },
      caseIds: ['c9'],
      outcome: 'served',
    });
    const event = accessed('2026-05-04T12:00:00.000Z', 'd1', 'coord', ['c1', 'c2']);
    const entry = accessLogProjection.evolve(null, event);
    expect(entry).toMatchObject({ entryId: event.id, caseIds: ['c1', 'c2'], outcome: 'served' });
    expect(accessLogProjection.evolve(entry, event)).toBe(entry);
  });

  it('ignores access events outside access streams and every other event', () => {
    const misplaced = { ...accessed('2026-05-04T12:00:00.000Z', 'd1', 'x', ['c1']), streamId: 'case-c1' };
    expect(accessLogProjection.keyOf(misplaced)).toBeNull();
    expect(accessLogProjection.keyOf(recorded('case-c1', 'StudentIdentified.v1', {}))).toBeNull();
  });
});

describe('when the access log is queried', () => {
  const db = new Database(':memory:');
  const table = 'access_log_g1';
  const page = (filter: Partial<AccessLogFilter>) =>
    queryAccessLog(db, table, { districtId: 'd1', limit: 50, ...filter });
  const ids = (rows: { documents: string[] }) =>
    rows.documents.map((json) => (JSON.parse(json) as AccessLogEntry).actorId);

  beforeAll(() => {
    accessLogProjection.store.create(db, table);
    const writer = accessLogProjection.store.open(db, table);
    for (const event of [
      accessed('2026-05-04T12:00:02.000Z', 'd1', 'b', ['c1']),
      accessed('2026-05-04T12:00:01.000Z', 'd1', 'a', ['c1', 'c2']),
      accessed('2026-05-04T12:00:03.000Z', 'd1', 'c', ['c2']),
      accessed('2026-05-04T12:00:00.000Z', 'd2', 'z', ['c7']),
    ]) {
      writer.write(event.id, accessLogProjection.evolve(null, event), null);
    }
  });
  afterAll(() => db.close());

  it('answers the district’s entries oldest first; null answers every district', () => {
    expect(ids(page({}))).toEqual(['a', 'b', 'c']);
    expect(ids(page({ districtId: null }))).toEqual(['z', 'a', 'b', 'c']);
  });

  it('filters by case, actor and an inclusive time range', () => {
    expect(ids(page({ caseId: 'c2' }))).toEqual(['a', 'c']);
    expect(ids(page({ actorId: 'b' }))).toEqual(['b']);
    expect(ids(page({ from: '2026-05-04T12:00:02.000Z', to: '2026-05-04T12:00:03.000Z' }))).toEqual([
      'b',
      'c',
    ]);
  });

  it('pages with a cursor that survives encoding and refuses a foreign one', () => {
    const first = page({ limit: 2 });
    expect(ids(first)).toEqual(['a', 'b']);
    const cursor = decodeAccessCursor(encodeAccessCursor(first.next!));
    const second = page({ limit: 2, after: cursor! });
    expect([ids(second), second.next]).toEqual([['c'], null]);
    expect(decodeAccessCursor('bm9wZQ')).toBeNull();
  });
});
