/**
 * The closest open-source TypeScript peer, in the same run: the same events appended through Emmett's
 * SQLite event store (`@event-driven-io/emmett-sqlite`, on the `sqlite3` package) and through our
 * SQLite adapter, one append at a time and 32 appenders at once, each append one event to a stream
 * no other appender touches meanwhile, with an expected version. Rejected appends (the call threw)
 * and lost ones (acknowledged, yet not read back afterwards) are counted for both.
 *
 * The peer lives in bench/peers (its own package.json and lockfile), installed with `npm ci` the
 * first time this bench runs, so the project's own install never builds `sqlite3`.
 *
 *   npx tsx bench/peer-emmett.ts        (BENCH_PEER_EVENTS=10000 events per scenario)
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { printable, type BenchRow } from './bench-row';

const EVENTS = Number(process.env.BENCH_PEER_EVENTS ?? 10_000);
const STREAMS = 1_000;
const IN_FLIGHT = 32;
const HUNG_MS = 5_000;
/** Each scenario stops starting appends after this long (a store whose appends hang would never end). */
const BUDGET_MS = 60_000;
const PEERS = join(__dirname, 'peers');

/** What the bench uses of emmett-sqlite 0.38 (see its dist/index.d.ts). */
interface EmmettStore {
  appendToStream(
    streamName: string,
    events: Array<{ type: string; data: unknown; metadata?: Record<string, unknown> }>,
    options?: { expectedStreamVersion?: bigint | 'STREAM_DOES_NOT_EXIST' },
  ): Promise<unknown>;
  readStream(streamName: string): Promise<{ events: unknown[] }>;
}
type EmmettSqlite = { getSQLiteEventStore(options: { fileName: string }): EmmettStore };

const data = {
  caseId: 'c0b7a6f2-5d3e-4c1a-9f8e-2b6d4a1c3e5f',
  districtId: 'd-hartford',
  schoolId: 'sch-0042',
  asOf: '2026-11-20',
  daysEnrolled: 50,
  daysAbsent: 7,
  band: 'chronic',
};
const metadata = {
  actorId: 'u-7d1e2f3a-visitor',
  actorRole: 'visitor',
  commandId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  correlationId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  causationId: '5e9c1b2a-8f7d-4e6c-a3b2-1d0f9e8c7b6a',
  recordedAt: '2026-11-20T14:03:11.123Z',
};

/** Installs bench/peers from its lockfile when it is not there yet (builds sqlite3 once). */
export function loadEmmett(): EmmettSqlite {
  const installed = join(PEERS, 'node_modules/@event-driven-io/emmett-sqlite/package.json');
  if (!existsSync(installed)) {
    console.log('Installing the peers of bench/peers (npm ci, once) …');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PEERS, stdio: 'inherit' });
  }
  return createRequire(join(PEERS, 'package.json'))('@event-driven-io/emmett-sqlite') as EmmettSqlite;
}

/** Appends one event each: append n to stream n % STREAMS, which holds floor(n / STREAMS) events before it. */
type Append = (streamId: string, eventsBefore: number) => Promise<unknown>;

interface Outcome {
  /** Acknowledged appends per second. */
  perSecond: number;
  /** Fewer than EVENTS when the scenario ran out of BUDGET_MS. */
  attempted: number;
  acknowledged: number;
  rejected: number;
  /** Of the rejected: appends that neither resolved nor rejected within HUNG_MS. */
  hung: number;
  firstError?: string;
}

async function drive(append: Append, inFlight: number): Promise<Outcome> {
  const run = randomUUID().slice(0, 8);
  let next = 0;
  let acknowledged = 0;
  let rejected = 0;
  let hung = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const lane = async () => {
    while (next < EVENTS && performance.now() - started < BUDGET_MS) {
      const n = next++;
      let timer: NodeJS.Timeout | undefined;
      try {
        // An append that never settles (a store can lose its promise) counts as rejected.
        await Promise.race([
          append(`case-${run}${n % STREAMS}`, Math.floor(n / STREAMS)),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${HUNG_MS} ms`)), HUNG_MS);
          }),
        ]);
        acknowledged++;
      } catch (error) {
        rejected++;
        if (error instanceof Error && error.message.startsWith('no answer')) hung++;
        firstError ??= error instanceof Error ? error.message : String(error);
      } finally {
        clearTimeout(timer);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return {
    perSecond: acknowledged / ((performance.now() - started) / 1000),
    attempted: acknowledged + rejected,
    acknowledged,
    rejected,
    hung,
    firstError,
  };
}

async function ours(dir: string, inFlight: number): Promise<Outcome & { stored: number }> {
  const store = new SqliteEventStore(join(dir, `ours-${inFlight}.sqlite`));
  try {
    const outcome = await drive(
      (streamId, before) =>
        store.appendToStream(
          streamId,
          [{ id: randomUUID(), type: 'AttendanceChecked.v1', data, metadata }],
          before === 0 ? 'no_stream' : BigInt(before - 1),
        ),
      inFlight,
    );
    return { ...outcome, stored: (await store.readAll()).length };
  } finally {
    await store.close();
  }
}

async function peer(
  emmett: EmmettSqlite,
  dir: string,
  inFlight: number,
): Promise<Outcome & { stored: number }> {
  const file = join(dir, `emmett-${inFlight}.sqlite`);
  const store = emmett.getSQLiteEventStore({ fileName: file });
  const streams = new Set<string>();
  const outcome = await drive((streamId, before) => {
    streams.add(streamId);
    return store.appendToStream(streamId, [{ type: 'AttendanceChecked.v1', data, metadata }], {
      // Emmett counts stream versions from 1: a stream with k events is at version k.
      expectedStreamVersion: before === 0 ? 'STREAM_DOES_NOT_EXIST' : BigInt(before),
    });
  }, inFlight);
  let stored = 0;
  for (const streamId of streams) stored += (await store.readStream(streamId)).events.length;
  return { ...outcome, stored };
}

export async function runEmmettPeerBench(): Promise<BenchRow[]> {
  const emmett = loadEmmett();
  const dir = mkdtempSync(join(tmpdir(), 'leap-bench-peer-'));
  const rows: BenchRow[] = [];
  try {
    for (const inFlight of [1, IN_FLIGHT]) {
      const theirs = await peer(emmett, dir, inFlight);
      const mine = await ours(dir, inFlight);
      const label = inFlight === 1 ? 'single appends, one at a time' : `${inFlight} concurrent appenders`;
      const faults = (o: Outcome & { stored: number }) =>
        `${o.attempted} attempted, ${o.rejected} rejected (${o.hung} never answered), ${o.acknowledged - o.stored} lost (acknowledged ${o.acknowledged}, read back ${o.stored})` +
        (o.firstError ? `; first error: ${o.firstError.slice(0, 80)}` : '');
      rows.push(
        {
          name: `our SQLite adapter, ${label}`,
          value: Math.round(mine.perSecond),
          unit: 'events/s',
          versus: { name: 'emmett-sqlite 0.38.5', value: Math.round(theirs.perSecond) },
          note: faults(mine),
        },
        {
          name: `emmett-sqlite 0.38.5 (peer), ${label}`,
          value: Math.round(theirs.perSecond),
          unit: 'events/s',
          note: faults(theirs),
        },
      );
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runEmmettPeerBench().then(
    (rows) => console.table(rows.map(printable)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
