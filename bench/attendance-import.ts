/**
 * Attendance import: 1M daily rows (5,000 students × 200 school days, sorted by date) imported by a
 * process of its own into an embedded store holding the district, its schools and the roster, beside
 * the ceiling measured in the same run: csv-parse reading the same file with the import's own parser
 * options and nothing else. Targets: the import in ≤ 20 s, at ≥ 50% of the raw parse rate; peak RSS
 * reported (memory is bounded by students × months, not rows). A second import of the same file
 * appends nothing.
 *
 *   npx tsx bench/attendance-import.ts       BENCH_STUDENTS=1000 BENCH_DAYS=50 npx tsx bench/attendance-import.ts
 */
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { parse } from 'csv-parse';
import { CSV_PARSE_OPTIONS } from '../libs/intake/src/reader/csv-rows';
import { loadPseudonymKey } from '../libs/privacy/src/pseudonym-key';
import { createPseudonymizer } from '../libs/privacy/src/pseudonyms';
import { openApplicationEventStore } from '../libs/privacy/src/stored-events/application-event-store';
import { DISTRICT_ID, seedDistrictAndRoster, writeDailyFile } from './attendance-file';
import type { BenchRow } from './event-store-appends';

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 5_000);
const DAYS = Number(process.env.BENCH_DAYS ?? 200);
const TARGET_S = 20;

interface ImportRun {
  status: string;
  reason: string | null;
  counts: { rows: number; accepted: number; rejected: number; appended: number };
  elapsedMs: number;
  maxRssBytes: number;
  wallMs: number;
}

async function rawParse(file: string): Promise<{ records: number; ms: number }> {
  const started = performance.now();
  let records = 0;
  for await (const _record of createReadStream(file).pipe(parse({ ...CSV_PARSE_OPTIONS }))) records += 1;
  return { records: records - 1, ms: performance.now() - started };
}

async function importInProcess(file: string, dataDir: string): Promise<ImportRun> {
  const started = performance.now();
  const { stdout } = await promisify(execFile)(
    join(__dirname, '..', 'node_modules', '.bin', 'tsx'),
    [join(__dirname, 'attendance-import-process.ts'), file, DISTRICT_ID],
    { env: { ...process.env, LEAP_DATA_DIR: dataDir }, maxBuffer: 16 * 1024 * 1024 },
  );
  const wallMs = performance.now() - started;
  const run = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Omit<ImportRun, 'wallMs'>;
  if (run.status !== 'completed') throw new Error(`The import ${run.status}: ${run.reason}`);
  return { ...run, wallMs };
}

export async function runAttendanceImportBench(): Promise<BenchRow[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'leap-bench-attendance-'));
  try {
    const env = { LEAP_DATA_DIR: dataDir };
    const store = openApplicationEventStore(env);
    await seedDistrictAndRoster(store, STUDENTS, createPseudonymizer(loadPseudonymKey(env)));
    await store.close();
    const file = join(dataDir, 'attendance-daily.csv');
    const rows = await writeDailyFile(file, STUDENTS, DAYS);

    const parsed = await rawParse(file);
    const first = await importInProcess(file, dataDir);
    const again = await importInProcess(file, dataDir);
    const parseRate = parsed.records / (parsed.ms / 1000);
    const importRate = first.counts.accepted / (first.elapsedMs / 1000);
    const note = `${rows.toLocaleString('en-US')} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB, sorted by date`;
    return [
      { name: 'raw csv-parse (import options), rows/s', value: Math.round(parseRate), unit: 'rows/s', note },
      { name: 'raw csv-parse elapsed', value: Math.round(parsed.ms), unit: 'ms' },
      {
        name: 'import rows/s',
        value: Math.round(importRate),
        unit: 'rows/s',
        note: `${Math.round((100 * importRate) / parseRate)}% of raw parse (target ≥ 50%)`,
      },
      {
        name: 'import elapsed (read, check, decide, append)',
        value: Math.round(first.elapsedMs),
        unit: 'ms',
        note: `target ≤ ${TARGET_S * 1000} ms; ${first.counts.rejected} rows rejected`,
      },
      { name: 'import process wall time (with start-up)', value: Math.round(first.wallMs), unit: 'ms' },
      { name: 'events appended', value: first.counts.appended, unit: 'events' },
      { name: 'import process peak RSS', value: Math.round(first.maxRssBytes / 1e6), unit: 'MB' },
      {
        name: 'same file again: elapsed',
        value: Math.round(again.elapsedMs),
        unit: 'ms',
        note: `${again.counts.appended} events appended`,
      },
    ];
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void runAttendanceImportBench()
    .then((rows) => console.table(rows.map((row) => ({ ...row, value: row.value.toLocaleString('en-US') }))))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
