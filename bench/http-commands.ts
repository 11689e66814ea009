/**
 * HTTP commands against the embedded server (built, in its own process, the default configuration:
 * encryption, throttling, access audit, every projection, follow-up workers) beside a bare Express 5
 * JSON echo server in its own process, measured by the same load generator in the same run at 32
 * connections, one login per connection (within the default limit of 3,000 requests a minute per
 * login). Rows: identifications of new students, visits held and attendance checks on consented
 * cases, each with its rate as a share of the bare server's and its p99. The bare server runs in
 * rounds of half a phase before and after each command (the machine's load moves within a run);
 * each command is compared with the mean of the two rounds around it.
 *
 *   npx tsx bench/http-commands.ts        (BENCH_SECONDS=10 per phase, BENCH_CASES=640)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServerProcess } from '../test/support/server-process';
import { printable, type BenchRow } from './bench-row';
import { commandRequest, identifyBody, loginsFor, prepareCases, type Command } from './command-mix';
import { load, startBareServer, type LoadResult } from './load';

export const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CASES = Number(process.env.BENCH_CASES ?? 640);

export const TARGETS: Record<Command, { ratio: string; p99Ms: number }> = {
  identify: { ratio: '≥ 25%', p99Ms: 50 },
  visit: { ratio: '≥ 35%', p99Ms: 50 },
  check: { ratio: '≥ 35%', p99Ms: 50 },
};
const COMMANDS: Command[] = ['identify', 'visit', 'check'];

export const LABELS: Record<Command, string> = {
  identify: 'POST /v1/cases (identify)',
  visit: 'POST …/visits (held)',
  check: 'POST …/attendance-checks',
};

/** Rounds of the bare server answering the identification body (started once, warmed up). */
async function bareServer() {
  const bare = await startBareServer();
  const logins = await loginsFor('bare', CONNECTIONS);
  const request = {
    method: 'POST' as const,
    next: () => ({ path: '/v1/cases', body: identifyBody() }),
    headers: (n: number) => logins[n]!,
  };
  await load(bare.baseUrl, CONNECTIONS, 1, request);
  return { round: (seconds: number) => load(bare.baseUrl, CONNECTIONS, seconds, request), stop: bare.stop };
}

export function describe(result: LoadResult): string {
  const statuses = Object.entries(result.statuses)
    .map(([status, count]) => `${count}×${status}`)
    .join(' ');
  return `p50 ${result.p50} ms, ${result.total.toLocaleString('en-US')} responses (${statuses}), ${result.errors} errors/non-2xx`;
}

export async function runHttpCommandBench(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leap-bench-http-'));
  const server = await ServerProcess.start({ LEAP_DATA_DIR: dataDir });
  try {
    const prepared = await prepareCases(server.baseUrl, CASES);
    // The machine's load moves within a run: each command is compared with the mean of the bare
    // rounds just before and just after it.
    const bare = await bareServer();
    const bareRounds: LoadResult[] = [];
    const results = {} as Record<Command, LoadResult>;
    try {
      bareRounds.push(await bare.round(SECONDS / 2));
      for (const command of COMMANDS) {
        const logins = await loginsFor(command, CONNECTIONS);
        results[command] = await load(
          server.baseUrl,
          CONNECTIONS,
          SECONDS,
          commandRequest(command, prepared, logins),
        );
        bareRounds.push(await bare.round(SECONDS / 2));
      }
    } finally {
      await bare.stop();
    }
    const mean = (a: LoadResult, b: LoadResult) => Math.round((a.perSecond + b.perSecond) / 2);
    const rows: BenchRow[] = [
      {
        name: `bare Express 5 JSON echo, ${CONNECTIONS} connections (ceiling)`,
        value: Math.round(bareRounds.reduce((sum, r) => sum + r.perSecond, 0) / bareRounds.length),
        unit: 'requests/s',
        note: `rounds of ${SECONDS / 2} s: ${bareRounds.map((r) => `${r.perSecond}/s p99 ${r.p99} ms`).join(', ')}`,
      },
    ];
    COMMANDS.forEach((command, n) => {
      const result = results[command];
      rows.push(
        {
          name: `HTTP ${LABELS[command]}, ${CONNECTIONS} connections`,
          value: result.perSecond,
          unit: 'commands/s',
          versus: {
            name: 'bare Express 5 JSON echo, rounds before and after',
            value: mean(bareRounds[n]!, bareRounds[n + 1]!),
          },
          target: TARGETS[command].ratio,
          note: describe(result),
        },
        {
          name: `HTTP ${LABELS[command]}, p99`,
          value: result.p99,
          unit: 'ms',
          target: `≤ ${TARGETS[command].p99Ms} ms`,
        },
      );
    });
    return rows;
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runHttpCommandBench().then(
    (rows) => console.table(rows.map(printable)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
