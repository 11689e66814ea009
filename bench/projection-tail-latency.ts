/**
 * Tail latency of HTTP commands while projections catch up, in the same process: the embedded server
 * (default configuration) answers attendance checks at 32 connections, first with its read models
 * live, then — restarted after 200,000 case-journey events were added to its store behind its back —
 * while every projection replays them, then again once they have caught up. Target: the p99 while
 * catching up at most 20% above the p99 alone.
 *
 *   npx tsx bench/projection-tail-latency.ts        (BENCH_SECONDS=10, BENCH_BACKLOG_CASES=10000)
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEventsDatabase } from '../libs/event-store/src/sqlite/schema';
import { spawn } from 'node:child_process';
import { BUILT_MAIN, freePort, ServerProcess } from '../test/support/server-process';
import { TEST_SECRET } from '../test/support/test-secret';
import { printable, type BenchRow } from './bench-row';
import { commandRequest, loginsFor, prepareCases, type Prepared } from './command-mix';
import { CONNECTIONS, describe } from './http-commands';
import { load, type LoadResult } from './load';
import { caseJourney } from './projections';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const BACKLOG_CASES = Number(process.env.BENCH_BACKLOG_CASES ?? 10_000);
const CASES = Number(process.env.BENCH_CASES ?? 640);

/**
 * Adds the case journeys to the store file while no server runs (raw inserts in large transactions:
 * setting up the backlog is not what is measured), journeys interleaved as in bench/projections.ts.
 */
function addBacklog(file: string): number {
  const db = openEventsDatabase(file);
  try {
    const insert = db.prepare(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const journeys = Array.from({ length: BACKLOG_CASES }, (_, n) => caseJourney(n));
    const recordedAt = new Date().toISOString();
    const write = db.transaction((revision: number) => {
      for (const [n, journey] of journeys.entries()) {
        const event = journey[revision]!;
        insert.run(
          randomUUID(),
          `case-backlog${n}`,
          revision,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          recordedAt,
        );
      }
    });
    for (let revision = 0; revision < journeys[0]!.length; revision++) write(revision);
    return BACKLOG_CASES * journeys[0]!.length;
  } finally {
    db.close();
  }
}

/** Active projections whose checkpoint is still before `head`, and any that recorded an error. */
function lagging(dataDir: string, head: number): { behind: string[]; failing: string[]; positions: string } {
  const db = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT projection, position, last_error FROM checkpoints WHERE active = 1')
      .all() as Array<{ projection: string; position: string | null; last_error: string | null }>;
    return {
      behind: rows.filter((row) => Number(row.position ?? 0) < head).map((row) => row.projection),
      failing: rows.filter((row) => row.last_error).map((row) => row.projection),
      positions: rows.map((row) => `${row.projection}@${row.position}`).join(','),
    };
  } finally {
    db.close();
  }
}

function headOf(dataDir: string): number {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT max(position) AS head FROM events').get() as { head: number }).head;
  } finally {
    db.close();
  }
}

/**
 * The built server on `dataDir`, waited for up to 5 minutes (with a backlog its start may take longer
 * than the tests' 20 s): its base URL, how long it took to answer /health, and a stop.
 */
async function startSlow(dataDir: string) {
  const port = await freePort();
  const child = spawn(process.execPath, [BUILT_MAIN], {
    env: {
      ...process.env,
      LEAP_JWT_SECRET: TEST_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      LEAP_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  while (performance.now() - started < 300_000) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}`);
    if (
      await fetch(`${baseUrl}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { baseUrl, stop, startS: (performance.now() - started) / 1000 };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error('The server did not answer /health within 300 s');
}

async function checks(baseUrl: string, prepared: Prepared, phase: string): Promise<LoadResult> {
  const logins = await loginsFor(`${phase}-${randomUUID().slice(0, 6)}`, CONNECTIONS);
  return load(baseUrl, CONNECTIONS, SECONDS, commandRequest('check', prepared, logins));
}

export async function runProjectionTailLatencyBench(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leap-bench-tail-'));
  const first = await ServerProcess.start({ LEAP_DATA_DIR: dataDir });
  let stop = () => first.stop();
  try {
    const prepared = await prepareCases(first.baseUrl, CASES);
    const alone = await checks(first.baseUrl, prepared, 'alone');
    await first.stop();
    const backlog = addBacklog(join(dataDir, 'events.sqlite'));
    const head = headOf(dataDir);
    const restarted = await startSlow(dataDir);
    stop = restarted.stop;
    const restartedAt = performance.now() - restarted.startS * 1000;
    const behindAtStart = lagging(dataDir, head).behind.length;
    const during = await checks(restarted.baseUrl, prepared, 'during');
    const afterDuring = lagging(dataDir, head);
    // Caught up: every projection at the head, or (a projection whose filter skips the last events
    // may stop short of it) no checkpoint moving for 5 s.
    let caughtUpS: number | null = null;
    let previous = '';
    let still = 0;
    for (let waited = 0; waited < 180; waited++) {
      const { behind, positions } = lagging(dataDir, head);
      still = positions === previous ? still + 1 : 0;
      previous = positions;
      if (behind.length === 0 || still >= 5) {
        caughtUpS = (performance.now() - restartedAt) / 1000 - (behind.length === 0 ? 0 : 5);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const after = await checks(restarted.baseUrl, prepared, 'after');
    const { failing } = lagging(dataDir, head);
    const alonePhase = { name: 'p99 alone (read models live)', value: alone.p99 };
    return [
      {
        name: `HTTP attendance checks p99 while projections catch up on ${backlog.toLocaleString('en-US')} events`,
        value: during.p99,
        unit: 'ms',
        versus: alonePhase,
        target: '≤ 120%',
        note: `${during.perSecond}/s, ${describe(during)}; server answered /health ${restarted.startS.toFixed(0)} s after its restart; projections behind at the start / end of the window: ${behindAtStart} / ${afterDuring.behind.length}; caught up ${caughtUpS === null ? 'not within 180 s' : `${caughtUpS.toFixed(0)} s after restart`}${failing.length ? `; failing: ${failing.join(', ')}` : ''}`,
      },
      {
        name: `server restart on a ${backlog.toLocaleString('en-US')}-event backlog: first answer to /health`,
        value: Number(restarted.startS.toFixed(1)),
        unit: 's',
        note: 'commands cannot be sent before it; the window above starts then',
      },
      {
        name: 'HTTP attendance checks p99 alone, before the backlog',
        value: alone.p99,
        unit: 'ms',
        note: `${alone.perSecond}/s, ${describe(alone)}`,
      },
      {
        name: 'HTTP attendance checks p99 alone, after the catch-up',
        value: after.p99,
        unit: 'ms',
        versus: alonePhase,
        note: `${after.perSecond}/s, ${describe(after)}`,
      },
    ];
  } finally {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runProjectionTailLatencyBench().then(
    (rows) => console.table(rows.map(printable)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
