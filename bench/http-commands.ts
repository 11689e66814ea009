/**
 * HTTP commands/s and latency against the embedded server (built, in its own process), with 32
 * concurrent connections: identifications of new students, and attendance checks spread over
 * existing cases. Every request is authenticated, validated, decided and appended to SQLite.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintEmbeddedToken } from '../libs/auth/src/mint-token';
import { districtTimeZone, localDate } from '../libs/http/src/business-date';
import { seedRegistry } from '../test/support/registry-seed';
import { ServerProcess } from '../test/support/server-process';
import { TEST_SECRET } from '../test/support/test-secret';
import type { BenchRow } from './event-store-appends';

const CONNECTIONS = 32;
const DURATION_S = 10;
const CASES = 2_000;

export async function runHttpCommandBench(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leap-bench-http-'));
  // One login at full speed: the request budget would measure itself, not the API.
  const server = await ServerProcess.start({ LEAP_DATA_DIR: dataDir, LEAP_RATE_LIMIT: 'off' });
  try {
    // Students are identified in schools of a registered district.
    const schoolIds = Array.from({ length: 20 }, (_, n) => `sch-${n}`);
    await seedRegistry(server.baseUrl, [{ districtId: 'd1', schoolIds }]);
    const token = await mintEmbeddedToken(new TextEncoder().encode(TEST_SECRET), {
      sub: 'bench',
      role: 'coordinator',
      districtId: 'd1',
    });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const run = `${Date.now()}`;
    // Cases identified today: their follow-up timers lie ahead, so the run measures commands, not
    // the raising of a backlog of overdue follow-ups (which the worker would do alongside).
    const today = localDate(new Date(), districtTimeZone());
    let student = 0;
    const identify = () =>
      JSON.stringify({
        studentId: `bench-${run}-${++student}`,
        districtId: 'd1',
        schoolId: `sch-${student % 20}`,
        grade: String((student % 12) + 1),
        identifiedOn: today,
        baseline: { asOf: today, daysEnrolled: 20, daysAbsent: 3 },
        targetingApproach: 'district_wide',
        pii: { guardianName: 'Guardian', guardianPhone: '555-0100' },
      });

    const caseIds: string[] = [];
    for (let i = 0; i < CASES; i += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, () =>
          fetch(`${server.baseUrl}/v1/cases`, { method: 'POST', headers, body: identify() }).then(
            (r) => r.json() as Promise<{ caseId: string }>,
          ),
        ),
      );
      caseIds.push(...batch.map((b) => b.caseId));
    }

    const identifyResult = await autocannon({
      url: server.baseUrl,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [
        {
          method: 'POST',
          path: '/v1/cases',
          headers,
          setupRequest: (req: any) => ({ ...req, body: identify() }),
        },
      ],
    });
    let next = 0;
    const checkResult = await autocannon({
      url: server.baseUrl,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [
        {
          method: 'POST',
          headers,
          setupRequest: (req: any) => ({
            ...req,
            path: `/v1/cases/${caseIds[next++ % caseIds.length]}/attendance-checks`,
            body: JSON.stringify({ asOf: today, daysEnrolled: 50, daysAbsent: next % 10 }),
          }),
        },
      ],
    });
    return [row('POST /v1/cases (identify)', identifyResult), row('POST …/attendance-checks', checkResult)];
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function row(name: string, result: autocannon.Result): BenchRow {
  const errors = result.errors + result.non2xx;
  return {
    name: `HTTP ${name}, ${CONNECTIONS} connections`,
    value: Math.round(result.requests.average),
    unit: 'commands/s',
    note: `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.requests.total} requests, ${errors} errors/non-2xx (target ≥ 1,000/s, p99 ≤ 50 ms)`,
  };
}

if (require.main === module) {
  void runHttpCommandBench().then((rows) => console.table(rows));
}
