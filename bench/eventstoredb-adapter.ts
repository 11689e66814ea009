/**
 * The EventStoreDB adapter next to the SQLite adapter, through the same port, in one run: appends/s
 * (1 and 10 events per append, one append at a time and 16 in flight) and read-all events/s.
 *
 * What the EventStoreDB rows measure: OUR ADAPTER + @eventstore/db-client 6.2.1 + real gRPC on
 * loopback + the in-memory double of the server (test/esdb-double, in a process of its own).
 * They say what the adapter and the client cost per call; they say NOTHING about EventStoreDB,
 * whose storage, fsync and replication are not in the loop (the double keeps everything in memory).
 *
 *   npx tsx bench/eventstoredb-adapter.ts        (BENCH_EVENTS=10000 events per scenario)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore, EventToAppend } from '../libs/event-store/src/event-store.port';
import { EventStoreDbEventStore } from '../libs/event-store/src/eventstoredb/eventstoredb-event-store';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { EsdbDoubleProcess } from '../test/support/esdb-double-process';
import type { BenchRow } from './event-store-appends';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const IN_FLIGHT = 16;
const ESDB = 'EventStoreDB adapter + client + double (not EventStoreDB)';
const SQLITE = 'SQLite adapter (WAL, synchronous=NORMAL)';

/** ~600 bytes of data + metadata, shaped like an attendance check with full command metadata. */
const data = {
  caseId: 'c0b7a6f2-5d3e-4c1a-9f8e-2b6d4a1c3e5f',
  districtId: 'd-hartford',
  schoolId: 'sch-0042',
  asOf: '2026-11-20',
  daysEnrolled: 50,
  daysAbsent: 7,
  band: 'chronic',
  note: 'Attendance checked after the second home visit; family reports transport difficulties.',
};
const metadata = {
  actorId: 'u-7d1e2f3a-visitor',
  actorRole: 'visitor',
  districtId: 'd-hartford',
  schoolId: 'sch-0042',
  commandId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  correlationId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  causationId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  recordedAt: '2026-11-20T14:03:11.123Z',
};
const events = (count: number): EventToAppend[] =>
  Array.from({ length: count }, () => ({ id: randomUUID(), type: 'AttendanceChecked.v1', data, metadata }));

/**
 * EVENTS events in appends of `perAppend`, each to a stream of its own run (`no_stream`), `inFlight`
 * appends at a time. Returns events/s.
 */
async function appends(store: EventStore, perAppend: number, inFlight: number): Promise<number> {
  const run = randomUUID().slice(0, 8);
  let next = 0;
  const total = EVENTS / perAppend;
  const lane = async () => {
    while (next < total) {
      const n = next++;
      await store.appendToStream(`case-${run}-${n}`, events(perAppend), 'no_stream');
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: inFlight }, lane));
  return EVENTS / ((performance.now() - started) / 1000);
}

/** Every application event of `$all`, through the port's paged `readAll`. Returns events/s. */
async function readAll(store: EventStore): Promise<{ perSecond: number; events: number }> {
  const started = performance.now();
  const read = await store.readAll();
  return { perSecond: read.length / ((performance.now() - started) / 1000), events: read.length };
}

async function measure(name: string, store: EventStore): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [perAppend, inFlight] of [
    [1, 1],
    [10, 1],
    [1, IN_FLIGHT],
    [10, IN_FLIGHT],
  ] as const) {
    const perSecond = await appends(store, perAppend, inFlight);
    rows.push({
      name: `${name}: appends, ${perAppend} event(s)/append, ${inFlight} in flight`,
      value: Math.round(perSecond),
      unit: 'events/s',
      note: `${Math.round(perSecond / perAppend).toLocaleString('en-US')} appends/s`,
    });
  }
  const read = await readAll(store);
  rows.push({
    name: `${name}: read all`,
    value: Math.round(read.perSecond),
    unit: 'events/s',
    note: `${read.events} events`,
  });
  return rows;
}

export async function runEventStoreDbAdapterBench(): Promise<BenchRow[]> {
  const server = await EsdbDoubleProcess.start();
  const esdb = new EventStoreDbEventStore(server.connectionString);
  const dir = mkdtempSync(join(tmpdir(), 'leap-bench-esdb-'));
  const sqlite = new SqliteEventStore(join(dir, 'events.sqlite'));
  try {
    await esdb.appendToStream(`warm-up-${randomUUID()}`, events(1), 'no_stream'); // connection, server features
    return [...(await measure(ESDB, esdb)), ...(await measure(SQLITE, sqlite))];
  } finally {
    await esdb.close();
    await server.stop();
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runEventStoreDbAdapterBench()
    .then((rows) => console.table(rows.map((row) => ({ ...row, value: row.value.toLocaleString('en-US') }))))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
