/**
 * Worklist query latency with 100,000 open follow-ups in the read model (25,000 cases x 4 items, 20%
 * claimed, due over the last 10 days): the default worklist page (one school, open items, first
 * page of 50). Target: p99 <= 20 ms on a 2-core machine.
 *
 * The events go through the SQLite event store and the projection runner, as in production. Then:
 * - in process: `Worklists.list` (the SQL segment reads + the item view + the cursor) and
 *   `JSON.stringify` of the answer, i.e. everything the endpoint does after auth and validation;
 * - over HTTP: the built server (`npm run build` first) started on the same data dir, sequential
 *   GETs with a coordinator token (auth, validation pipe, query, serialisation, loopback).
 *
 *   npx tsx bench/worklist-query.ts
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Principal } from '../libs/auth/src/principal';
import { createPseudonymizer } from '../libs/privacy/src/pseudonyms';
import { mintEmbeddedToken } from '../libs/auth/src/mint-token';
import { caseSummariesProjection } from '../libs/case-summaries/src/case-summaries.projection';
import type { EventToAppend } from '../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { ProjectionRunner } from '../libs/projections/src/projection-runner';
import { ReadModels } from '../libs/projections/src/read-models';
import { worklistConfigFromEnv } from '../libs/worklists/src/worklist-config';
import { worklistsProjection } from '../libs/worklists/src/worklists.projection';
import { Worklists, type WorklistRequest } from '../libs/worklists/src/worklists.service';
import { ServerProcess } from '../test/support/server-process';
import { TEST_SECRET } from '../test/support/test-secret';
import type { BenchRow } from './event-store-appends';

const CASES = 25_000;
const ITEMS_PER_CASE = 4;
const SAMPLES = 2_000;
const WARMUP = 500;
const NOW = Date.now();
const TIERS = ['severe_chronic', 'chronic', 'at_risk', 'satisfactory'];
const RULES = ['offer_consent', 'no_contact', 'referral_outcome', 'next_visit'];
const COORDINATOR = { sub: 'team-1', role: 'coordinator', districtId: 'd-1' } as const;
/** Every fifth case is in one big school (20,000 items); the others spread over 32 (2,500 each). */
const schoolOf = (n: number) => (n % 5 === 0 ? 'sch-big' : `sch-${n % 40}`);

function caseEvents(n: number): EventToAppend[] {
  const metadata = { actorId: 'system', actorRole: 'system', districtId: 'd-1', schoolId: schoolOf(n) };
  const event = (type: string, data: Record<string, unknown>, k = 0): EventToAppend => ({
    id: `00000000-0000-4000-8000-${String(n * 10 + k).padStart(12, '0')}`,
    type,
    data,
    metadata,
  });
  const identified = event('StudentIdentified.v2', {
    caseId: `c${n}`,
    student: `stu_${n}`,
    districtId: 'd-1',
    schoolId: schoolOf(n),
    schoolYear: '2026-27',
    grade: String(1 + (n % 12)),
    identifiedOn: '2026-09-15',
    baseline: { asOf: '2026-09-14', daysEnrolled: 20, daysAbsent: 3, tier: TIERS[n % 4] },
    flags: { englishLearner: false, freeReducedLunch: true, housingInsecure: false, iep: false },
    homeLanguage: 'es',
    household: null,
    targetingApproach: 'district_wide',
    pii: { studentId: `st-${n}`, studentName: `Student ${n}`, guardianName: `Guardian ${n}` },
  });
  const items = RULES.slice(0, ITEMS_PER_CASE).map((rule, k) =>
    event(
      'FollowUpDue.v1',
      {
        followUpId: `f-${n}-${k}`,
        rule,
        reason: `No action within P7D (${rule})`,
        dueAt: new Date(NOW - ((n * 7919 + k * 104_729) % 864_000) * 1000).toISOString(),
        triggerEventId: `t-${n}-${k}`,
        entryId: null,
      },
      k + 1,
    ),
  );
  const claimed =
    n % 5 === 1 ? [event('FollowUpClaimed.v1', { followUpId: `f-${n}-0`, claimedBy: 'team-1' }, 9)] : [];
  const visitor = { visitorId: 'v-ana', subject: 'ana' };
  const assigned =
    n % 1000 === 7
      ? [event('VisitorsAssigned.v1', { assignedOn: '2026-09-16', visitors: [visitor] }, 8)]
      : [];
  return [identified, ...assigned, ...items, ...claimed];
}

async function fill(store: SqliteEventStore): Promise<string> {
  let position = '';
  for (let n = 0; n < CASES; n++)
    position = (await store.appendToStream(`case-c${n}`, caseEvents(n), 'no_stream')).position!;
  return position;
}

function caughtUp(runner: ProjectionRunner, readModels: ReadModels, head: string): Promise<void> {
  const names = [caseSummariesProjection.name, worklistsProjection.name];
  return new Promise((resolve) => {
    const check = () => {
      const done = names.every(
        (name) => Number(readModels.checkpoints.active(name)?.position ?? 0) >= Number(head),
      );
      if (done) {
        stop();
        resolve();
      }
    };
    const stop = runner.onAdvance(check);
    check();
  });
}

async function measure(run: () => unknown): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const started = performance.now();
    await run();
    if (i >= WARMUP) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Number(times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2));
  return { p50: at(0.5), p99: at(0.99) };
}

/** Two rows per scenario: p50 and p99 over SAMPLES runs. */
async function latency(scenarios: Array<[name: string, run: () => unknown]>, note: string) {
  const rows: BenchRow[] = [];
  for (const [name, run] of scenarios) {
    const { p50, p99 } = await measure(run);
    rows.push({ name: `${name} p50`, value: p50, unit: 'ms', note });
    rows.push({ name: `${name} p99`, value: p99, unit: 'ms', note: `${note}; target p99 <= 20 ms` });
  }
  return rows;
}

async function buildReadModel(dir: string): Promise<BenchRow> {
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  const readModels = ReadModels.open(join(dir, 'read-models.sqlite'));
  try {
    let started = performance.now();
    const head = await fill(store);
    const appendS = (performance.now() - started) / 1000;
    const runner = new ProjectionRunner(readModels, store, [caseSummariesProjection, worklistsProjection]);
    started = performance.now();
    runner.start();
    await caughtUp(runner, readModels, head);
    await runner.stop();
    readModels.db.pragma('wal_checkpoint(TRUNCATE)'); // the steady state: SQLite checkpoints as it goes
    const projectS = (performance.now() - started) / 1000;
    const table = `${readModels.activeTable(worklistsProjection.name)}_items`;
    const items = readModels.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const note = `${CASES} cases; append ${appendS.toFixed(1)} s, both projections ${projectS.toFixed(1)} s`;
    return { name: 'read model filled (open follow-ups)', value: items, unit: 'items', note };
  } finally {
    readModels.close();
    await store.close();
  }
}

function inProcess(dir: string): Promise<BenchRow[]> {
  const readModels = ReadModels.open(join(dir, 'read-models.sqlite'));
  const service = new Worklists(
    readModels,
    { now: () => new Date() },
    worklistConfigFromEnv({}),
    createPseudonymizer(randomBytes(32)),
  );
  const principal: Principal = { ...COORDINATOR, issuer: 'leap-case-embedded', name: null, schoolIds: null };
  const page = (request: Partial<WorklistRequest>) => () =>
    JSON.stringify(service.list(principal, { state: 'open', limit: 50, ...request }));
  const ana: Principal = { ...principal, sub: 'ana', role: 'home_visitor' };
  const visitorPage = () => JSON.stringify(service.list(ana, { state: 'open', limit: 50 }));
  return latency(
    [
      ['in-process default page, school of 2,500 items', page({ schoolId: 'sch-1' })],
      ['in-process default page, school of 20,000 items', page({ schoolId: 'sch-big' })],
      ['in-process assignee=me across the district (5,000)', page({ assignee: 'me' })],
      ['in-process home visitor, 25 families (100 items)', visitorPage],
    ],
    'Worklists.list + JSON.stringify',
  ).finally(() => readModels.close());
}

async function overHttp(dir: string): Promise<BenchRow[]> {
  // One login at full speed: the request budget would measure itself, not the query.
  const server = await ServerProcess.start({
    LEAP_DATA_DIR: dir,
    LEAP_FOLLOW_UP_WORKERS: 'off',
    LEAP_RATE_LIMIT: 'off',
  });
  try {
    const token = await mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), COORDINATOR);
    const get = (query: string) => async () => {
      const response = await fetch(`${server.baseUrl}/v1/worklists?${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const body = (await response.json()) as { items?: unknown[] };
      if (response.status !== 200 || body.items?.length !== 50)
        throw new Error(`${response.status} ${JSON.stringify(body).slice(0, 300)}`);
    };
    return await latency(
      [
        ['HTTP default page, school of 2,500 items', get('schoolId=sch-1')],
        ['HTTP default page, school of 20,000 items', get('schoolId=sch-big')],
      ],
      'built server, sequential requests',
    );
  } finally {
    await server.stop();
  }
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export async function runWorklistQueryBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'leap-bench-worklists-'));
  try {
    const filled = await buildReadModel(dir);
    collectGarbage(); // else a major GC of the fill's garbage lands in the first scenario's samples
    return [filled, ...(await inProcess(dir)), ...(await overHttp(dir))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runWorklistQueryBench().then(
    (rows) => console.table(rows.map((row) => ({ ...row, value: row.value.toLocaleString('en-US') }))),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
