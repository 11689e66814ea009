/**
 * `npm run bench`: every benchmark, each compared with the ceiling measured in the same run.
 * Benchmarks are not tests: they print figures and never fail a build.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runEventStoreAppendBench, type BenchRow } from './event-store-appends';
import { runHttpCommandBench } from './http-commands';

type Bench = { title: string; run: () => Promise<BenchRow[]> };

async function optional(file: string, exported: string): Promise<Bench['run'] | null> {
  if (!existsSync(join(__dirname, `${file}.ts`))) return null;
  const module = (await import(`./${file}`)) as Record<string, Bench['run']>;
  return module[exported] ?? null;
}

async function main(): Promise<void> {
  const benches: Bench[] = [
    {
      title: 'SQLite event store appends vs raw better-sqlite3 inserts (WAL, synchronous=NORMAL)',
      run: runEventStoreAppendBench,
    },
    { title: 'HTTP commands against the embedded server', run: runHttpCommandBench },
  ];
  const more: [file: string, exported: string, title: string][] = [
    ['projections', 'runProjectionBench', 'Projections: catch-up and full rebuild over 200k events'],
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
      'Funding allocation: visits held replayed through the fidelity fold, and allocations of 200 districts',
    ],
    [
      'eventstoredb-adapter',
      'runEventStoreDbAdapterBench',
      'EventStoreDB adapter against the gRPC double, beside SQLite',
    ],
  ];
  for (const [file, exported, title] of more) {
    const run = await optional(file, exported);
    if (run) benches.push({ title, run });
  }

  const only = process.argv.slice(2);
  for (const bench of benches) {
    if (only.length > 0 && !only.some((word) => bench.title.toLowerCase().includes(word.toLowerCase())))
      continue;
    console.log(`\n## ${bench.title}`);
    console.table((await bench.run()).map((row) => ({ ...row, value: row.value.toLocaleString('en-US') })));
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
