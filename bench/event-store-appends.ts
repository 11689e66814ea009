/**
 * Event store append throughput: SqliteEventStore against its own ceiling, measured in one run.
 *
 * The ceiling is raw better-sqlite3 inserting the same rows (same schema and indexes, same
 * `BEGIN IMMEDIATE` transaction per append, WAL + synchronous=NORMAL, JSON pre-serialized) with
 * nothing else: no expected-revision check, no idempotency, no promise. Each scenario writes
 * EVENTS events into a fresh temp file. Target: the adapter at >= 50% of the ceiling.
 *
 *   npx tsx bench/event-store-appends.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend, ExpectedRevision } from '../libs/event-store/src/event-store.port';
import { openEventsDatabase } from '../libs/event-store/src/sqlite/schema';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';

import { printable, type BenchRow } from './bench-row';

export type { BenchRow } from './bench-row';

const EVENTS = 100_000;
const STREAMS = 10_000;
/** Concurrent appenders in one process (the HTTP benches' connection count). */
const IN_FLIGHT = 32;

/** ~650 bytes of data + metadata, shaped like an attendance check with full command metadata. */
const data = {
  caseId: 'c0b7a6f2-5d3e-4c1a-9f8e-2b6d4a1c3e5f',
  studentId: 'st-000123456',
  districtId: 'd-hartford',
  schoolId: 'sch-0042',
  asOf: '2026-11-20',
  daysEnrolled: 50,
  daysAbsent: 7,
  absenceRate: 0.14,
  band: 'chronic',
  note: 'Attendance checked after the second home visit; family reports transport difficulties.',
};
const metadata = {
  actorId: 'u-7d1e2f3a-visitor',
  role: 'visitor',
  scope: { districtId: 'd-hartford', schoolId: 'sch-0042' },
  commandId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  correlationId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  causationId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  commandType: 'CheckAttendance',
  recordedAt: '2026-11-20T14:03:11.123Z',
};
const dataJson = JSON.stringify(data);
const metadataJson = JSON.stringify(metadata);

interface Result {
  scenario: string;
  events: number;
  seconds: number;
  perSecond: number;
}

function tempFile(): { file: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'leap-bench-es-'));
  return { file: join(dir, 'events.sqlite'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Appends in stream round-robin: append n goes to stream n % streams, at that stream's next revision. */
function plan(perAppend: number, streams: number) {
  const appends = EVENTS / perAppend;
  return Array.from({ length: appends }, (_, n) => ({
    streamId: `case-${n % streams}`,
    revisionBefore: Math.floor(n / streams) * perAppend - 1,
    ids: Array.from({ length: perAppend }, () => randomUUID()),
  }));
}

async function adapter(perAppend: number, streams: number): Promise<Result> {
  const appends = plan(perAppend, streams).map((append) => ({
    ...append,
    expected: (append.revisionBefore < 0 ? 'no_stream' : BigInt(append.revisionBefore)) as ExpectedRevision,
    events: append.ids.map((id): EventToAppend => ({ id, type: 'AttendanceChecked.v1', data, metadata })),
  }));
  const { file, remove } = tempFile();
  const store = new SqliteEventStore(file);
  try {
    const started = performance.now();
    for (const append of appends) await store.appendToStream(append.streamId, append.events, append.expected);
    return result(`SqliteEventStore, ${perAppend} event(s)/append`, started);
  } finally {
    await store.close();
    remove();
  }
}

function ceiling(perAppend: number, streams: number): Result {
  const appends = plan(perAppend, streams);
  const { file, remove } = tempFile();
  const db = openEventsDatabase(file);
  try {
    const insert = db.prepare(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const write = db.transaction((streamId: string, first: number, ids: string[]) => {
      const recordedAt = new Date().toISOString();
      ids.forEach((id, index) =>
        insert.run(id, streamId, first + index, 'AttendanceChecked.v1', dataJson, metadataJson, recordedAt),
      );
    });
    const started = performance.now();
    for (const append of appends) write.immediate(append.streamId, append.revisionBefore + 1, append.ids);
    return result(`raw better-sqlite3 ceiling, ${perAppend} row(s)/transaction`, started);
  } finally {
    db.close();
    remove();
  }
}

/**
 * IN_FLIGHT appenders in one process, each appending one event at a time to streams no other
 * appender touches meanwhile (append n goes to stream n % STREAMS, as in `plan`).
 */
async function concurrentAdapter(): Promise<Result & { rejected: number }> {
  const appends = plan(1, STREAMS);
  const { file, remove } = tempFile();
  const store = new SqliteEventStore(file);
  let next = 0;
  let rejected = 0;
  const lane = async () => {
    while (next < appends.length) {
      const { streamId, revisionBefore, ids } = appends[next++]!;
      const expected: ExpectedRevision = revisionBefore < 0 ? 'no_stream' : BigInt(revisionBefore);
      try {
        await store.appendToStream(
          streamId,
          [{ id: ids[0]!, type: 'AttendanceChecked.v1', data, metadata }],
          expected,
        );
      } catch {
        rejected++;
      }
    }
  };
  try {
    const started = performance.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    return {
      ...result(`SqliteEventStore, ${IN_FLIGHT} concurrent single-event appenders`, started),
      rejected,
    };
  } finally {
    await store.close();
    remove();
  }
}

/** The ceiling for IN_FLIGHT appenders: raw transactions of IN_FLIGHT rows, one per stream. */
function groupedCeiling(): Result {
  const appends = plan(1, STREAMS);
  const { file, remove } = tempFile();
  const db = openEventsDatabase(file);
  try {
    const insert = db.prepare(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const write = db.transaction((group: typeof appends) => {
      const recordedAt = new Date().toISOString();
      for (const { streamId, revisionBefore, ids } of group)
        insert.run(
          ids[0],
          streamId,
          revisionBefore + 1,
          'AttendanceChecked.v1',
          dataJson,
          metadataJson,
          recordedAt,
        );
    });
    const started = performance.now();
    for (let from = 0; from < appends.length; from += IN_FLIGHT)
      write.immediate(appends.slice(from, from + IN_FLIGHT));
    return result(`raw better-sqlite3 ceiling, ${IN_FLIGHT} rows (streams)/transaction`, started);
  } finally {
    db.close();
    remove();
  }
}

function result(scenario: string, started: number): Result {
  const seconds = (performance.now() - started) / 1000;
  return { scenario, events: EVENTS, seconds, perSecond: EVENTS / seconds };
}

export async function runEventStoreAppendBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const table: Array<Result & { ofCeiling?: number }> = [];
  for (const [perAppend, streams] of [
    [1, STREAMS],
    [10, STREAMS / 10],
  ] as const) {
    const raw = ceiling(perAppend, streams);
    const store = await adapter(perAppend, streams);
    const ofCeiling = (100 * store.perSecond) / raw.perSecond;
    table.push(raw, { ...store, ofCeiling });
    rows.push(
      {
        name: `event store appends, ${perAppend} event(s)/append`,
        value: Math.round(store.perSecond),
        unit: 'events/s',
        versus: { name: `raw SQLite, ${perAppend} row(s)/transaction`, value: Math.round(raw.perSecond) },
        target: '≥ 50%',
      },
      {
        name: `raw SQLite inserts, ${perAppend} row(s)/transaction (ceiling)`,
        value: Math.round(raw.perSecond),
        unit: 'events/s',
      },
    );
  }
  const rawGroups = groupedCeiling();
  const concurrent = await concurrentAdapter();
  table.push(rawGroups, { ...concurrent, ofCeiling: (100 * concurrent.perSecond) / rawGroups.perSecond });
  rows.push(
    {
      name: `event store appends, ${IN_FLIGHT} concurrent single-event appenders`,
      value: Math.round(concurrent.perSecond),
      unit: 'events/s',
      versus: { name: `raw SQLite, ${IN_FLIGHT} rows/transaction`, value: Math.round(rawGroups.perSecond) },
      target: '≥ 80%',
      note: `${concurrent.rejected} rejected of ${EVENTS.toLocaleString('en-US')}`,
    },
    {
      name: `raw SQLite inserts, ${IN_FLIGHT} rows/transaction (ceiling)`,
      value: Math.round(rawGroups.perSecond),
      unit: 'events/s',
    },
  );
  console.table(
    table.map((row) => ({
      scenario: row.scenario,
      events: row.events,
      seconds: Number(row.seconds.toFixed(2)),
      'events/s': Math.round(row.perSecond),
      '% of ceiling': row.ofCeiling === undefined ? '100 (ceiling)' : row.ofCeiling.toFixed(0),
    })),
  );
  return rows;
}

if (require.main === module) {
  runEventStoreAppendBench().then(
    (rows) => console.table(rows.map(printable)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
