/**
 * What sealing personal data costs, each figure beside the same work without it in the same run:
 * - HTTP commands/s against the built embedded server (32 connections), sealed vs the same server
 *   with sealing off (`NODE_ENV=benchmark LEAP_PII_SEALING=off`, refused anywhere else), in
 *   alternating rounds so both see the same machine load: identifications (each creates its case's
 *   data key, durably) and follow-up calls with notes on consented cases (the key exists). Target:
 *   ≤ 15% fewer commands/s.
 * - a full rebuild of the case summaries' fold (without its name-opening `prepare`: it decrypts
 *   nothing) over the same case journeys stored with sealed and with clear `pii`. Target: unchanged.
 * - for reference, the full case-summaries rebuild, which opens one identification per case.
 *
 *   npx tsx bench/pii-encryption.ts          BENCH_ROUNDS=3 BENCH_CASES=5000 npx tsx bench/pii-encryption.ts
 */
import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintEmbeddedToken } from '../libs/auth/src/mint-token';
import { caseSummariesProjection } from '../libs/case-summaries/src/case-summaries.projection';
import type { EventStore } from '../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { districtTimeZone, localDate } from '../libs/http/src/business-date';
import { AesGcmPiiCipher } from '../libs/privacy/src/crypto/aes-gcm-pii-cipher';
import type { PiiCipher } from '../libs/privacy/src/crypto/pii-cipher';
import { loadMasterKey } from '../libs/privacy/src/keys/master-key';
import { SqliteKeyStore } from '../libs/privacy/src/keys/sqlite-key-store';
import { SealingEventStore } from '../libs/privacy/src/stored-events/sealing-event-store';
import type { AnyProjection } from '../libs/projections/src/projection';
import { ReadModels } from '../libs/projections/src/read-models';
import { rebuildProjection } from '../libs/projections/src/rebuild';
import { seedRegistry } from '../test/support/registry-seed';
import { ServerProcess } from '../test/support/server-process';
import { TEST_SECRET } from '../test/support/test-secret';
import type { BenchRow } from './event-store-appends';
import { caseJourney } from './projections';

const CONNECTIONS = 32;
const ROUND_S = Number(process.env.BENCH_ROUND_S ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CASES = Number(process.env.BENCH_CASES ?? 2_000);

type Sealing = 'on' | 'off';

async function startServer(sealing: Sealing) {
  const dataDir = mkdtempSync(join(tmpdir(), `leap-bench-pii-${sealing}-`));
  const server = await ServerProcess.start({
    LEAP_DATA_DIR: dataDir,
    LEAP_RATE_LIMIT: 'off',
    NODE_ENV: 'benchmark',
    LEAP_PII_SEALING: sealing,
  });
  await seedRegistry(server.baseUrl, [{ districtId: 'd1', schoolIds: ['sch-0', 'sch-1'] }]);
  return { server, dataDir };
}

const CALL_CASES = Number(process.env.BENCH_CALL_CASES ?? 200);

async function headersFor(): Promise<Record<string, string>> {
  const token = await mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), {
    sub: 'bench',
    role: 'coordinator',
    districtId: 'd1',
  });
  return { 'content-type': 'application/json', authorization: `Bearer ${token}` };
}

const today = () => localDate(new Date(), districtTimeZone());

const identifyBody = () =>
  JSON.stringify({
    studentId: `bench-${randomUUID()}`,
    districtId: 'd1',
    schoolId: 'sch-1',
    grade: '7',
    identifiedOn: today(),
    baseline: { asOf: today(), daysEnrolled: 20, daysAbsent: 3 },
    targetingApproach: 'district_wide',
    pii: {
      studentName: 'Maya Lopez',
      guardianName: 'Rosa Lopez',
      guardianPhone: '+1 860 555 0101',
      address: '1 Elm St',
    },
  });

/** Cases with consent granted, so follow-up calls (with notes in `pii`) can be recorded on them. */
async function consentedCases(baseUrl: string): Promise<string[]> {
  const headers = await headersFor();
  const post = (path: string, body: string) =>
    fetch(`${baseUrl}${path}`, { method: 'POST', headers, body }).then(
      (r) => r.json() as Promise<{ caseId: string }>,
    );
  const ids: string[] = [];
  for (let i = 0; i < CALL_CASES; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const { caseId } = await post('/v1/cases', identifyBody());
        await post(
          `/v1/cases/${caseId}/consent-offers`,
          JSON.stringify({ offeredOn: today(), channel: 'phone' }),
        );
        await post(
          `/v1/cases/${caseId}/consent-responses`,
          JSON.stringify({ respondedOn: today(), decision: 'granted' }),
        );
        return caseId;
      }),
    );
    ids.push(...batch);
  }
  return ids;
}

type Command = 'identify' | 'call';

async function round(baseUrl: string, command: Command, caseIds: string[], seconds: number) {
  const headers = await headersFor();
  let next = 0;
  const request =
    command === 'identify'
      ? {
          method: 'POST' as const,
          path: '/v1/cases',
          headers,
          setupRequest: (req: any) => ({ ...req, body: identifyBody() }),
        }
      : {
          method: 'POST' as const,
          headers,
          setupRequest: (req: any) => ({
            ...req,
            path: `/v1/cases/${caseIds[next++ % caseIds.length]}/follow-up-calls`,
            body: JSON.stringify({
              calledOn: today(),
              outcome: 'reached',
              pii: { notes: 'Rosa will call back' },
            }),
          }),
        };
  return autocannon({ url: baseUrl, connections: CONNECTIONS, duration: seconds, requests: [request] });
}

/** Alternating rounds against two servers running side by side, after a warm-up of each. */
async function httpRows(): Promise<BenchRow[]> {
  const servers = { on: await startServer('on'), off: await startServer('off') };
  try {
    const cases = {
      on: await consentedCases(servers.on.server.baseUrl),
      off: await consentedCases(servers.off.server.baseUrl),
    };
    const rows: BenchRow[] = [];
    for (const command of ['identify', 'call'] as const) {
      const results: Record<Sealing, autocannon.Result[]> = { on: [], off: [] };
      for (const sealing of ['on', 'off'] as const)
        await round(servers[sealing].server.baseUrl, command, cases[sealing], 2);
      for (let n = 0; n < ROUNDS; n++)
        for (const sealing of n % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const))
          results[sealing].push(
            await round(servers[sealing].server.baseUrl, command, cases[sealing], ROUND_S),
          );
      const rate = (sealing: Sealing) =>
        results[sealing].reduce((sum, r) => sum + r.requests.average, 0) / results[sealing].length;
      const note = (sealing: Sealing) => {
        const all = results[sealing];
        const errors = all.reduce((sum, r) => sum + r.errors + r.non2xx, 0);
        const p99 = Math.max(...all.map((r) => r.latency.p99));
        return `${ROUNDS} × ${ROUND_S} s, p99 ≤ ${p99} ms, ${errors} errors/non-2xx`;
      };
      const name =
        command === 'identify' ? 'identify (a new data key per case)' : 'follow-up call with notes';
      rows.push(
        {
          name: `HTTP ${name}, pii sealed`,
          value: Math.round(rate('on')),
          unit: 'commands/s',
          note: note('on'),
        },
        {
          name: `HTTP ${name}, sealing off (benchmark only)`,
          value: Math.round(rate('off')),
          unit: 'commands/s',
          note: note('off'),
        },
        {
          name: `encryption overhead, ${name}`,
          value: Math.round((1 - rate('on') / rate('off')) * 1000) / 10,
          unit: '%',
          note: 'target ≤ 15%',
        },
      );
    }
    return rows;
  } finally {
    for (const { server, dataDir } of Object.values(servers)) {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
}

async function fill(store: EventStore): Promise<number> {
  for (let n = 0; n < CASES; n++) {
    const events = caseJourney(n).map((event) => ({ ...event, id: randomUUID() }));
    await store.appendToStream(`case-c${n}`, events, 'no_stream');
  }
  return CASES * caseJourney(0).length;
}

let rebuilds = 0;

/** Events/s of one full rebuild into fresh read models. */
async function rebuildRate(dir: string, store: EventStore, projection: AnyProjection, pii?: PiiCipher) {
  const readModels = ReadModels.open(join(dir, `read-models-${++rebuilds}.sqlite`));
  try {
    const result = await rebuildProjection(readModels, store, projection, { pii, countTotal: false });
    return (result.events * 1000) / result.elapsedMs;
  } finally {
    readModels.close();
  }
}

/** Best of three of each, taken in turns: the machine is shared. */
async function bestRates(measures: Array<() => Promise<number>>): Promise<number[]> {
  const best = measures.map(() => 0);
  for (let i = 0; i < 3; i++)
    for (const [n, measure] of measures.entries()) best[n] = Math.max(best[n]!, await measure());
  return best.map(Math.round);
}

async function rebuildRows(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'leap-bench-pii-rebuild-'));
  const keys = new SqliteKeyStore(join(dir, 'keys.sqlite'), loadMasterKey({ LEAP_DATA_DIR: dir }));
  const cipher = new AesGcmPiiCipher(keys);
  const clear = new SqliteEventStore(join(dir, 'clear.sqlite'));
  const sealed = new SealingEventStore(new SqliteEventStore(join(dir, 'sealed.sqlite')), cipher);
  try {
    const events = await fill(clear);
    await fill(sealed);
    const foldOnly: AnyProjection = { ...caseSummariesProjection, prepare: undefined };
    const note = `${events.toLocaleString('en-US')} events, ${CASES.toLocaleString('en-US')} cases`;
    const [foldClear, foldSealed, fullClear, fullSealed] = (await bestRates([
      () => rebuildRate(dir, clear, foldOnly),
      () => rebuildRate(dir, sealed, foldOnly),
      () => rebuildRate(dir, clear, caseSummariesProjection),
      () => rebuildRate(dir, sealed, caseSummariesProjection, cipher),
    ])) as [number, number, number, number];
    const change = (a: number, b: number) => `${(((b - a) / a) * 100).toFixed(1)}% vs clear`;
    return [
      { name: 'rebuild, case fold (decrypts nothing), clear pii', value: foldClear, unit: 'events/s', note },
      {
        name: 'rebuild, case fold (decrypts nothing), sealed pii',
        value: foldSealed,
        unit: 'events/s',
        note: `${change(foldClear, foldSealed)}; target unchanged`,
      },
      { name: 'rebuild, case_summaries, clear pii', value: fullClear, unit: 'events/s', note },
      {
        name: 'rebuild, case_summaries, sealed pii (opens 1 identification/case)',
        value: fullSealed,
        unit: 'events/s',
        note: change(fullClear, fullSealed),
      },
    ];
  } finally {
    await clear.close();
    await sealed.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runPiiEncryptionBench(): Promise<BenchRow[]> {
  return [...(await httpRows()), ...(await rebuildRows())];
}

if (require.main === module) {
  void runPiiEncryptionBench().then((rows) => console.table(rows));
}
