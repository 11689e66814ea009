/**
 * Projection throughput on the embedded stores: the case-summaries read model catching up with
 * 200,000 case events (10,000 cases x 20-event journeys), a full rebuild (count, replay aside,
 * swap) as `leap projections rebuild` runs it, and how soon an event appended through another
 * connection reaches the read model. Target: catch-up >= 20,000 events/s on a 2-core machine.
 *
 * By default every append carries one event and consecutive events belong to different cases (the
 * hard case: no two events of a batch share a document). BENCH_CHUNK=4 appends a case's journey
 * four events at a time, like an import.
 *
 *   npx tsx bench/projections.ts            BENCH_CHUNK=4 npx tsx bench/projections.ts
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from '../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { caseSummariesProjection } from '../libs/case-summaries/src/case-summaries.projection';
import { ProjectionRunner } from '../libs/projections/src/projection-runner';
import { ReadModels } from '../libs/projections/src/read-models';
import { rebuildProjection } from '../libs/projections/src/rebuild';
import { printable, type BenchRow } from './bench-row';

const CASES = 10_000;
/** Events per append; appends go round-robin over the cases. */
const CHUNK = Number(process.env.BENCH_CHUNK ?? 1);
const LATENCY_SAMPLES = 20;

const metadataOf = (n: number, type: string) => ({
  actorId: 'u-7d1e2f3a-visitor',
  actorRole: 'home_visitor',
  districtId: `d-${n % 5}`,
  schoolId: `sch-${n % 40}`,
  commandId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  commandType: type,
  correlationId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  causationId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  recordedAt: '2026-11-20T14:03:11.123Z',
});

/** One case's journey, 20 events, shaped like the real ones (a visit voided, a transfer, referrals). */
export function caseJourney(n: number): Array<Omit<EventToAppend, 'id'>> {
  const by = 'u-7d1e2f3a-visitor';
  const visit = (visitId: string, date: string) => ({
    visitId,
    visitNumber: 1,
    date,
    location: 'home',
    visitorIds: ['va', 'vb'],
    pair: true,
    householdVisitId: null,
    barriers: ['transportation'],
    strengthCodes: ['family_engagement'],
    familyWantsToContinue: true,
    pii: { notes: 'met at the kitchen table', strengths: ['engaged grandmother'], aspirations: ['nurse'] },
    recordedBy: by,
  });
  const call = (callId: string, calledOn: string) => ({
    callId,
    calledOn,
    outcome: 'reached',
    pii: {},
    recordedBy: by,
  });
  const check = (checkId: string, asOf: string, daysAbsent: number) => ({
    checkId,
    asOf,
    daysEnrolled: 60,
    daysAbsent,
    tier: daysAbsent >= 6 ? 'chronic' : 'at_risk',
    recordedBy: by,
  });
  const events: Array<[string, Record<string, unknown>]> = [
    [
      'StudentIdentified.v2',
      {
        caseId: `c${n}`,
        student: `stu_${n}`,
        districtId: `d-${n % 5}`,
        schoolId: `sch-${n % 40}`,
        schoolYear: '2025-26',
        grade: String(1 + (n % 12)),
        identifiedOn: '2025-10-01',
        baseline: { asOf: '2025-09-30', daysEnrolled: 20, daysAbsent: 3, tier: 'chronic' },
        flags: { englishLearner: n % 3 === 0, freeReducedLunch: true, housingInsecure: false, iep: false },
        homeLanguage: 'es',
        household: `hh_${n}`,
        targetingApproach: 'district_wide',
        pii: {
          studentId: `st-${n}`,
          householdId: `h-${n}`,
          studentName: `Student ${n}`,
          guardianName: `Guardian ${n}`,
          guardianPhone: '+1 860 555 0101',
          address: '1 Elm St',
        },
      },
    ],
    [
      'VisitorsAssigned.v1',
      {
        assignedOn: '2025-10-02',
        visitors: [
          { visitorId: 'va', subject: 'ana' },
          { visitorId: 'vb', subject: null },
        ],
      },
    ],
    ['ConsentOffered.v1', { offeredOn: '2025-10-03', channel: 'phone' }],
    ['ConsentGranted.v1', { respondedOn: '2025-10-04' }],
    [
      'VisitScheduled.v1',
      {
        visitId: 'v1',
        date: '2025-10-10',
        location: 'home',
        visitorIds: ['va', 'vb'],
        householdVisitId: null,
        recordedBy: by,
      },
    ],
    ['VisitHeld.v2', visit('v1', '2025-10-10')],
    ['FollowUpCallMade.v1', call('call-1', '2025-10-12')],
    [
      'ResourceReferred.v1',
      {
        referralId: 'r1',
        referredOn: '2025-10-12',
        resourceType: 'transportation',
        partner: 'City Bus',
        recordedBy: by,
      },
    ],
    ['VisitHeld.v2', visit('v2', '2025-10-20')],
    [
      'ReferralOutcomeRecorded.v1',
      { referralId: 'r1', recordedOn: '2025-10-25', outcome: 'connected', recordedBy: by },
    ],
    ['AttendanceChecked.v1', check('chk-1', '2025-10-31', 7)],
    ['FollowUpCallMade.v1', call('call-2', '2025-11-02')],
    [
      'VisitScheduled.v1',
      {
        visitId: 'v3',
        date: '2025-11-05',
        location: 'school',
        visitorIds: ['va'],
        householdVisitId: null,
        recordedBy: by,
      },
    ],
    [
      'VisitMissed.v2',
      {
        visitId: 'v3',
        date: '2025-11-05',
        reasonCode: 'family_unavailable',
        pii: { reason: 'family away' },
        recordedBy: by,
      },
    ],
    ['VisitHeld.v2', visit('v4', '2025-11-10')],
    [
      'EntryVoided.v2',
      {
        entryId: 'call-2',
        entryKind: 'follow_up_call',
        voidedOn: '2025-11-11',
        reasonCode: 'wrong_case',
        pii: { reason: 'wrong family' },
        recordedBy: by,
      },
    ],
    [
      'ResourceReferred.v1',
      { referralId: 'r2', referredOn: '2025-11-12', resourceType: 'food', partner: null, recordedBy: by },
    ],
    ['AttendanceChecked.v1', check('chk-2', '2025-11-30', 4)],
    [
      'CaseTransferred.v1',
      { fromSchoolId: `sch-${n % 40}`, toSchoolId: `sch-${(n + 1) % 40}`, transferredOn: '2025-12-01' },
    ],
    ['FollowUpCallMade.v1', call('call-3', '2025-12-03')],
  ];
  return events.map(([type, data]) => ({ type, data, metadata: metadataOf(n, type) }));
}
const JOURNEY_LENGTH = caseJourney(0).length;

async function fill(store: SqliteEventStore): Promise<number> {
  const journeys = Array.from({ length: CASES }, (_, n) => caseJourney(n));
  for (let from = 0; from < JOURNEY_LENGTH; from += CHUNK) {
    for (const [n, journey] of journeys.entries()) {
      const events = journey
        .slice(from, from + CHUNK)
        .map((event): EventToAppend => ({ ...event, id: randomUUID() }));
      await store.appendToStream(`case-c${n}`, events, from === 0 ? 'no_stream' : BigInt(from - 1));
    }
  }
  return CASES * JOURNEY_LENGTH;
}

function waitForCheckpoint(
  runner: ProjectionRunner,
  readModels: ReadModels,
  position: string,
): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      const reached = readModels.checkpoints.active(caseSummariesProjection.name)?.position;
      if (reached != null && Number(reached) >= Number(position)) {
        stop();
        resolve();
      }
    };
    const stop = runner.onAdvance(check);
    check();
  });
}

/** Pages of the projections' size: the rate a projection could at best consume the store at. */
const PAGE = 1_000;

/** Every event through the adapter's paged `readAll` (parsed, as projections get them). Events/s. */
async function adapterReadAll(store: SqliteEventStore): Promise<number> {
  const started = performance.now();
  let count = 0;
  let after: string | undefined;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE });
    if (page.length === 0) break;
    count += page.length;
    after = page.at(-1)!.position;
  }
  return count / ((performance.now() - started) / 1000);
}

/**
 * The same pages by a raw `SELECT` on its own better-sqlite3 connection: the ceiling of any reader
 * of this table. With `parse`, data and metadata are also JSON-parsed (what any reader must do).
 */
function rawSelect(file: string, parse: boolean): number {
  const db = new Database(file, { readonly: true });
  try {
    const page = db.prepare<[number, number], { position: number; data: string; metadata: string }>(
      'SELECT position, event_id, stream_id, revision, type, data, metadata, recorded_at FROM events WHERE position > ? ORDER BY position LIMIT ?',
    );
    const started = performance.now();
    let count = 0;
    let after = 0;
    for (;;) {
      const rows = page.all(after, PAGE);
      if (rows.length === 0) break;
      if (parse)
        for (const row of rows) {
          JSON.parse(row.data);
          JSON.parse(row.metadata);
        }
      count += rows.length;
      after = rows.at(-1)!.position;
    }
    return count / ((performance.now() - started) / 1000);
  } finally {
    db.close();
  }
}

export async function runProjectionBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'leap-bench-projections-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  const readModels = ReadModels.open(join(dir, 'read-models.sqlite'));
  const other = new SqliteEventStore(join(dir, 'events.sqlite'));
  try {
    let started = performance.now();
    const events = await fill(store);
    const fillSeconds = (performance.now() - started) / 1000;
    const head = String(events);
    const readAllRate = await adapterReadAll(store);
    const rawRate = rawSelect(join(dir, 'events.sqlite'), false);
    const rawParsedRate = rawSelect(join(dir, 'events.sqlite'), true);
    const readAll = { name: 'adapter read-all, same run', value: Math.round(readAllRate) };

    const runner = new ProjectionRunner(readModels, store, [caseSummariesProjection]);
    started = performance.now();
    runner.start();
    await waitForCheckpoint(runner, readModels, head);
    const catchUpSeconds = (performance.now() - started) / 1000;

    // Live: appends by another connection (as another process would) reach the read model by polling.
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_SAMPLES; i++) {
      const [last] = await other.readStream('case-c0', { direction: 'backwards', maxCount: 1 });
      const call = caseJourney(0).find((event) => event.type === 'FollowUpCallMade.v1')!;
      const data = { ...call.data, callId: `live-${i}` };
      const sent = performance.now();
      const { position } = await other.appendToStream(
        'case-c0',
        [{ ...call, data, id: randomUUID() }],
        last!.revision,
      );
      await waitForCheckpoint(runner, readModels, position);
      latencies.push(performance.now() - sent);
    }
    await runner.stop();

    const rebuild = await rebuildProjection(readModels, store, caseSummariesProjection);
    const rebuildSeconds = rebuild.elapsedMs / 1000;
    latencies.sort((a, b) => a - b);
    const rows: BenchRow[] = [
      {
        name: `event store filled (case journeys, ${CHUNK} events/append)`,
        value: events,
        unit: 'events',
        note: `${fillSeconds.toFixed(1)} s`,
      },
      {
        name: 'case summaries catch-up from empty',
        value: Math.round(events / catchUpSeconds),
        unit: 'events/s',
        versus: readAll,
        target: '≥ 50%',
        note: `${events.toLocaleString('en-US')} events in ${catchUpSeconds.toFixed(2)} s`,
      },
      {
        name: 'case summaries full rebuild (count, replay aside, swap)',
        value: Math.round(rebuild.events / rebuildSeconds),
        unit: 'events/s',
        versus: readAll,
        target: '≥ 50%',
        note: `${rebuildSeconds.toFixed(2)} s`,
      },
      {
        name: `adapter read-all (readAll pages of ${PAGE}, parsed events)`,
        value: Math.round(readAllRate),
        unit: 'events/s',
        versus: { name: 'raw SELECT, same table and pages', value: Math.round(rawRate) },
        target: '≥ 60%',
      },
      {
        name: 'raw SELECT + JSON.parse of data and metadata (for reference)',
        value: Math.round(rawParsedRate),
        unit: 'events/s',
        versus: { name: 'raw SELECT', value: Math.round(rawRate) },
      },
      {
        name: 'append by another connection -> read model (median)',
        value: Math.round(latencies[Math.floor(latencies.length / 2)]!),
        unit: 'ms',
        note: `max ${Math.round(latencies.at(-1)!)} ms over ${LATENCY_SAMPLES}; bound 1,000 ms`,
      },
    ];
    return rows;
  } finally {
    await other.close();
    await store.close();
    readModels.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runProjectionBench().then(
    (rows) => console.table(rows.map(printable)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
