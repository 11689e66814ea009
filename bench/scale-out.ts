/**
 * Past one machine: two api processes (LEAP_ROLE=api) and one worker (LEAP_ROLE=worker), each with
 * a data dir (read-model replica) of its own, on one event store — the EventStoreDB gRPC double in a
 * process of its own, with the shared PostgreSQL key store and secrets the deployment requires. The
 * same command mix (identifications, visits held, attendance checks) is sent to both apis at once,
 * 16 connections each, one login per connection; then every read model must converge: each api
 * lists every case, and every projection of the three processes reaches the store's head.
 *
 * THROUGH THE DOUBLE, NOT EVENTSTOREDB: the double keeps everything in memory (no storage, no fsync,
 * no replication), so the combined rate says what our processes sustain, not what a cluster would.
 *
 *   npx tsx bench/scale-out.ts        (BENCH_SECONDS=10, BENCH_CASES=320)
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EsdbDoubleProcess } from '../test/support/esdb-double-process';
import { freePort, ServerProcess } from '../test/support/server-process';
import { sharedKeyStore } from '../test/support/shared-key-store';
import { TEST_MASTER_KEY, TEST_PSEUDONYM_KEY, TEST_SECRET } from '../test/support/test-secret';
import { printable, type BenchRow } from './bench-row';
import { commandRequest, loginAs, loginsFor, prepareCases, type Command, type Prepared } from './command-mix';
import { load, type ConnectionRequest, type LoadResult } from './load';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CASES = Number(process.env.BENCH_CASES ?? 320);
const PER_API = 16;
const CONVERGE_S = 180;
const WORKER_MAIN = join(__dirname, '../dist/apps/worker/src/main.js');

/** Connection n sends identifications, visits or checks (n % 3), on cases of its own. */
function mix(prepared: Prepared, logins: Record<string, string>[]): ConnectionRequest {
  const commands: Command[] = ['identify', 'visit', 'check'];
  const requests = commands.map((command) => commandRequest(command, prepared, logins));
  return {
    method: 'POST',
    next: (n) => requests[n % commands.length]!.next(n),
    headers: (n) => logins[n]!,
  };
}

async function startWorker(env: Record<string, string>): Promise<{ stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [WORKER_MAIN], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LEAP_ROLE: 'worker' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let tries = 0; tries < 200; tries++) {
    if (child.exitCode !== null) throw new Error(`The worker exited with ${child.exitCode}`);
    if (
      await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Cases an api lists (every page), as a coordinator of d1 sees them in its own replica. */
async function listedCases(baseUrl: string, headers: Record<string, string>): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '200', ...(cursor ? { cursor } : {}) });
    const response = await fetch(`${baseUrl}/v1/cases?${query}`, { headers });
    if (!response.ok) return -1;
    const page = (await response.json()) as { items: unknown[]; nextCursor: string | null };
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

/** Each active projection's checkpoint in a replica, as `name@position` lines. */
function checkpoints(dataDir: string): string {
  const db = new Database(join(dataDir, 'read-models.sqlite'), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT projection, position FROM checkpoints WHERE active = 1 ORDER BY projection')
      .all() as Array<{ projection: string; position: string | null }>;
    return rows.map((row) => `${row.projection}@${row.position}`).join('\n');
  } finally {
    db.close();
  }
}

/**
 * Waits until the replicas agree: every projection at the same checkpoint in all three, unchanged
 * since the previous look a second earlier; then both apis must list the same number of cases
 * (listing last: each listing is audited, which moves the access log's checkpoint).
 */
async function converge(
  apis: ServerProcess[],
  dirs: string[],
): Promise<{ seconds: number; listed: number[]; agreed: boolean }> {
  const headers = await loginAs(`scale-reader-${randomUUID().slice(0, 6)}`);
  const started = performance.now();
  let previous = '';
  for (;;) {
    const replicas = dirs.map(checkpoints);
    const now = replicas.join('|');
    const seconds = (performance.now() - started) / 1000;
    if ((replicas.every((replica) => replica === replicas[0]) && now === previous) || seconds > CONVERGE_S) {
      const listed = await Promise.all(apis.map((api) => listedCases(api.baseUrl, headers)));
      const agreed = seconds <= CONVERGE_S && listed.every((n) => n === listed[0] && n > 0);
      return { seconds: (performance.now() - started) / 1000, listed, agreed };
    }
    previous = now;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export async function runScaleOutBench(): Promise<BenchRow[]> {
  const double = await EsdbDoubleProcess.start();
  const keys = await sharedKeyStore();
  const dirs = [0, 1, 2].map((n) => mkdtempSync(join(tmpdir(), `leap-bench-scale-${n}-`)));
  const shared = {
    EVENTSTORE_CONNECTION_STRING: double.connectionString,
    LEAP_PSEUDONYM_KEY: TEST_PSEUDONYM_KEY,
    LEAP_MASTER_KEY: TEST_MASTER_KEY,
    LEAP_KEYSTORE_URL: keys.url,
    LEAP_JWT_SECRET: TEST_SECRET,
    LEAP_QUEUE_PREFIX: `leap-bench-${randomUUID().slice(0, 8)}`,
  };
  const apis: ServerProcess[] = [];
  let worker: { stop(): Promise<void> } | null = null;
  try {
    for (const dir of dirs.slice(0, 2))
      apis.push(await ServerProcess.start({ ...shared, LEAP_ROLE: 'api', LEAP_DATA_DIR: dir }));
    worker = await startWorker({ ...shared, LEAP_DATA_DIR: dirs[2]! });
    const prepared = await prepareCases(apis[0]!.baseUrl, CASES);
    const settled = await converge(apis, dirs); // the replicas idle before the load
    // Each api works on half of the cases: no two processes race on one stream.
    const halves = [0, 1].map((half) => ({
      ...prepared,
      caseIds: prepared.caseIds.filter((_, n) => n % 2 === half),
    }));
    const results: LoadResult[] = await Promise.all(
      apis.map(async (api, n) =>
        load(api.baseUrl, PER_API, SECONDS, mix(halves[n]!, await loginsFor(`scale-${n}`, PER_API))),
      ),
    );
    const converged = await converge(apis, dirs);
    const combined = results.reduce((sum, r) => sum + r.perSecond, 0);
    const errors = results.reduce((sum, r) => sum + r.errors, 0);
    const statuses = results
      .flatMap((r) => Object.entries(r.statuses))
      .reduce<Record<string, number>>(
        (all, [status, count]) => ({ ...all, [status]: (all[status] ?? 0) + count }),
        {},
      );
    return [
      {
        name: `THROUGH THE ESDB DOUBLE (not EventStoreDB): command mix, 2 api processes + 1 worker, ${2 * PER_API} connections`,
        value: combined,
        unit: 'commands/s',
        note: `${results.map((r, n) => `api ${n + 1}: ${r.perSecond}/s p99 ${r.p99} ms`).join('; ')}; ${errors} errors/non-2xx (${Object.entries(
          statuses,
        )
          .map(([s, c]) => `${c}×${s}`)
          .join(' ')})`,
      },
      {
        name: 'read models converged after the load (every projection at one checkpoint in all 3 replicas, both apis list every case)',
        value: Number(converged.seconds.toFixed(1)),
        unit: 's',
        note: converged.agreed
          ? `converged: each api lists ${converged.listed[0]} cases (replicas had ${settled.agreed ? '' : 'NOT '}settled before the load, ${settled.seconds.toFixed(0)} s)`
          : `NOT converged within ${CONVERGE_S} s: apis list ${converged.listed.join(' / ')} cases`,
      },
    ];
  } finally {
    for (const api of apis) await api.stop();
    await worker?.stop();
    await double.stop();
    await keys.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runScaleOutBench().then(
    (rows) => console.table(rows.map(printable)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
