/**
 * `npm run bench`: every benchmark, each figure printed beside the ceiling or peer measured in the
 * same run and the ratio. Benchmarks are not tests: they print figures and never fail a build.
 *
 *   npm run bench                              every benchmark
 *   npm run bench -- http appends              only those whose title contains a word
 *   npm run bench -- --json [file.json]        also write every row to a file (default
 *                                              bench-results/<timestamp>.json) to compare commits
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { printable, ratioOf, type BenchRow } from './bench-row';
import { runEventStoreAppendBench } from './event-store-appends';
import { runHttpCommandBench } from './http-commands';

type Bench = { title: string; run: () => Promise<BenchRow[]> };

async function optional(file: string, exported: string): Promise<Bench['run'] | null> {
  if (!existsSync(join(__dirname, `${file}.ts`))) return null;
  const module = (await import(`./${file}`)) as Record<string, Bench['run']>;
  return module[exported] ?? null;
}

const MORE: [file: string, exported: string, title: string][] = [
  [
    'command-cache',
    'runCommandCacheBench',
    'Command cost on a 10-event and a 1,000-event case, and the memory of the command cache',
  ],
  [
    'projections',
    'runProjectionBench',
    'Projections: catch-up and full rebuild over 200k events, vs read-all and raw SELECT',
  ],
  [
    'projection-tail-latency',
    'runProjectionTailLatencyBench',
    'Tail latency: HTTP commands alone vs while projections catch up on 200k events',
  ],
  [
    'peer-emmett',
    'runEmmettPeerBench',
    'Peer: appends through Emmett SQLite event store (emmett-sqlite) vs our SQLite adapter',
  ],
  [
    'scale-out',
    'runScaleOutBench',
    'Scale out: two api processes and a worker on the EventStoreDB double (scale-out)',
  ],
  [
    'follow-up-scheduling',
    'runFollowUpSchedulingBench',
    'Follow-up timers: BullMQ jobs scheduled per second',
  ],
  ['worklist-query', 'runWorklistQueryBench', 'Worklist query with 100k open follow-ups'],
  [
    'pii-encryption',
    'runPiiEncryptionBench',
    'Encryption of personal data: HTTP commands and a rebuild, sealed vs clear',
  ],
  [
    'attendance-import',
    'runAttendanceImportBench',
    'Attendance import (attendance-import): 1M daily rows through the CLI vs raw csv-parse',
  ],
  [
    'impact-calibration',
    'runImpactCalibrationBench',
    'Impact calibration (impact-calibration): 95% interval coverage of the realised effect over 100 demo seeds',
  ],
  [
    'fidelity-replay',
    'runFidelityReplayBench',
    'Fidelity replay (fidelity-replay): 1M events folded vs the adapter read-all rate, two-year weekly series',
  ],
  [
    'timeline',
    'runTimelineBench',
    'Program timeline (timeline): one district of a 200k-event store, in one pass and in windows',
  ],
  [
    'funding-allocation',
    'runFundingAllocationBench',
    'Funding allocation: visits held from the fidelity facts, and allocations of 200 districts',
  ],
  [
    'eventstoredb-adapter',
    'runEventStoreDbAdapterBench',
    'EventStoreDB adapter against the gRPC double, beside SQLite',
  ],
];

/** `--json` with an optional file (a following argument ending in `.json`), and the filter words. */
export function parseArgs(args: string[]): { json: string | null; only: string[] } {
  let json: string | null = null;
  const only: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--json=')) json = arg.slice('--json='.length);
    else if (arg === '--json') json = args[i + 1]?.endsWith('.json') ? args[++i]! : '';
    else only.push(arg);
  }
  if (json === '') json = join('bench-results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  return { json, only };
}

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const benches: Bench[] = [
    {
      title: 'SQLite event store appends vs raw better-sqlite3 inserts (WAL, synchronous=NORMAL)',
      run: runEventStoreAppendBench,
    },
    {
      title: 'HTTP commands against the embedded server vs a bare Express 5 JSON echo server',
      run: runHttpCommandBench,
    },
  ];
  for (const [file, exported, title] of MORE) {
    const run = await optional(file, exported);
    if (run) benches.push({ title, run });
  }

  const { json, only } = parseArgs(process.argv.slice(2));
  const report = {
    startedAt: new Date().toISOString(),
    commit: commit(),
    node: process.version,
    cpus: cpus().length,
    loadAverageAtStart: loadavg().map((n) => Number(n.toFixed(2))),
    loadAverageAtEnd: [] as number[],
    filter: only,
    rows: [] as Array<Record<string, unknown>>,
    failed: [] as Array<{ bench: string; error: string }>,
  };
  const write = () => {
    if (!json) return;
    report.loadAverageAtEnd = loadavg().map((n) => Number(n.toFixed(2)));
    mkdirSync(dirname(json), { recursive: true });
    writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  };
  console.log(`load average ${report.loadAverageAtStart.join(', ')} on ${report.cpus} cores`);
  for (const bench of benches) {
    if (only.length > 0 && !only.some((word) => bench.title.toLowerCase().includes(word.toLowerCase())))
      continue;
    console.log(`\n## ${bench.title}`);
    let rows: BenchRow[];
    try {
      rows = await bench.run();
    } catch (error) {
      // One broken benchmark does not lose the others' figures; the run still ends with code 1.
      console.error(error);
      process.exitCode = 1;
      report.failed.push({
        bench: bench.title,
        error: error instanceof Error ? error.message : String(error),
      });
      write();
      continue;
    }
    console.table(rows.map(printable));
    report.rows.push(
      ...rows.map((row) => ({
        bench: bench.title,
        figure: row.name,
        value: row.value,
        unit: row.unit,
        ceiling: row.versus?.name ?? null,
        ceilingValue: row.versus?.value ?? null,
        ratio: ratioOf(row) ?? null,
        target: row.target ?? null,
        note: row.note ?? null,
      })),
    );
    write(); // after each bench: a long run stopped halfway keeps what it measured
  }
  if (json) console.log(`\nrows written to ${json}`);
}

if (require.main === module)
  void main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
