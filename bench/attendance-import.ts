/**
 * Attendance import: 1M daily rows (5,000 students × 200 school days, sorted by date) imported by
 * the CLI (`npm run leap -- import attendance <file>`, writing to the embedded store directly) into
 * a data dir holding the district, its schools and the roster, beside the ceiling measured in the
 * same run: csv-parse reading the same file with the import's own parser options (`CSV_PARSE_OPTIONS`)
 * and nothing else. Targets: the import in ≤ 20 s, at ≥ 50% of the raw parse rate. The CLI's peak
 * RSS (GNU time) shows memory bounded by students × months, not rows. A second import of the same
 * file appends nothing. CPU times (user + system) are reported beside wall times: on a shared
 * machine they say more than the clock. The CLI is the built entry when there is one (see
 * `cliCommand`); its start-up alone is measured on a header-only file.
 *
 *   npx tsx bench/attendance-import.ts       BENCH_STUDENTS=1000 BENCH_DAYS=50 npx tsx bench/attendance-import.ts
 */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
const GNU_TIME = '/usr/bin/time';

interface Measured {
  wallMs: number;
  cpuMs: number;
}

interface CliRun extends Measured {
  rows: number;
  accepted: number;
  rejected: number;
  appended: number;
  maxRssBytes: number | null;
  /** The rate the CLI's progress bar ends on: rows over the import's own time, start-up excluded. */
  ownRate: number | null;
}

async function rawParse(file: string): Promise<Measured & { records: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let records = 0;
  for await (const _record of createReadStream(file).pipe(parse({ ...CSV_PARSE_OPTIONS }))) records += 1;
  const used = process.cpuUsage(cpu);
  return {
    records: records - 1,
    wallMs: performance.now() - started,
    cpuMs: (used.user + used.system) / 1000,
  };
}

const BUILT_CLI = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'leap.js');
/** The node options `npm run leap` runs the CLI with (package.json; see the README's Imports, CLI). */
const CLI_NODE_OPTIONS = ['--max-semi-space-size=32'];

/**
 * The CLI as an operator runs it once installed: the built entry on plain node (`npm run bench`
 * builds it first), whose start-up does not compile TypeScript, with `npm run leap`'s node options.
 * Without a build, or with BENCH_CLI=tsx, the sources through tsx as `npm run leap` runs them
 * (about 0.6 s more start-up).
 */
function cliCommand(): { command: string[]; label: string } {
  if (process.env.BENCH_CLI !== 'tsx' && existsSync(BUILT_CLI))
    return {
      command: [process.execPath, ...CLI_NODE_OPTIONS, BUILT_CLI],
      label: `node ${CLI_NODE_OPTIONS.join(' ')} dist/apps/cli/src/leap.js`,
    };
  const tsx = join(__dirname, '..', 'node_modules', '.bin', 'tsx');
  return {
    command: [tsx, ...CLI_NODE_OPTIONS, join(__dirname, '..', 'apps', 'cli', 'src', 'leap.ts')],
    label: `tsx ${CLI_NODE_OPTIONS.join(' ')} apps/cli/src/leap.ts`,
  };
}

/** `npm run leap -- import attendance <file> --district …` without npm's own start-up, under GNU time. */
async function importThroughCli(file: string, dataDir: string): Promise<CliRun> {
  const cli = [...cliCommand().command, 'import', 'attendance', file];
  const timed = existsSync(GNU_TIME);
  const [command, ...args] = timed ? [GNU_TIME, '-v', ...cli] : cli;
  const env: NodeJS.ProcessEnv = { ...process.env, LEAP_DATA_DIR: dataDir };
  delete env.LEAP_URL;
  const started = performance.now();
  const { stdout, stderr } = await promisify(execFile)(command!, [...args, '--district', DISTRICT_ID], {
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - started;
  const counts = /rows (\d+), accepted (\d+), rejected (\d+), events appended (\d+)/.exec(stdout);
  if (!/: completed/.test(stdout) || !counts) throw new Error(`The import did not complete:\n${stdout}`);
  const seconds = (label: string) =>
    Number(new RegExp(`${label} \\(seconds\\): ([\\d.]+)`).exec(stderr)?.[1] ?? NaN);
  const rssKb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  const rates = [...stderr.matchAll(/([\d,]+) rows\/s/g)];
  const ownRate = rates.length > 0 ? Number(rates.at(-1)![1]!.replaceAll(',', '')) : null;
  return {
    rows: Number(counts[1]),
    accepted: Number(counts[2]),
    rejected: Number(counts[3]),
    appended: Number(counts[4]),
    wallMs,
    cpuMs: (seconds('User time') + seconds('System time')) * 1000,
    maxRssBytes: rssKb ? Number(rssKb) * 1024 : null,
    ownRate,
  };
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

    const headerOnly = join(dataDir, 'attendance-header-only.csv');
    writeFileSync(headerOnly, 'student_id,school_id,date,category\n');

    const parsed = await rawParse(file);
    const startUp = await importThroughCli(headerOnly, dataDir);
    const first = await importThroughCli(file, dataDir);
    const again = await importThroughCli(file, dataDir);
    const parseRate = parsed.records / (parsed.wallMs / 1000);
    const importRate = first.rows / (first.wallMs / 1000);
    const withoutStartUpRate = first.rows / ((first.wallMs - startUp.wallMs) / 1000);
    const megabytes = (bytes: number | null) => (bytes === null ? NaN : Math.round(bytes / 1e6));
    const note = `${rows.toLocaleString('en-US')} rows, ${megabytes(statSync(file).size)} MB, sorted by date`;
    return [
      { name: 'raw csv-parse (import options), rows/s', value: Math.round(parseRate), unit: 'rows/s', note },
      { name: 'raw csv-parse elapsed', value: Math.round(parsed.wallMs), unit: 'ms' },
      { name: 'raw csv-parse CPU time', value: Math.round(parsed.cpuMs), unit: 'ms' },
      {
        name: 'CLI import rows/s (wall, start-up included)',
        value: Math.round(importRate),
        unit: 'rows/s',
        note: `${Math.round((100 * importRate) / parseRate)}% of raw parse (target ≥ 50%)`,
      },
      {
        name: 'CLI start-up (importing a header-only file)',
        value: Math.round(startUp.wallMs),
        unit: 'ms',
        note: cliCommand().label,
      },
      {
        name: 'CLI import rows/s (wall minus that start-up)',
        value: Math.round(withoutStartUpRate),
        unit: 'rows/s',
        note: `${Math.round((100 * withoutStartUpRate) / parseRate)}% of raw parse`,
      },
      {
        name: 'CLI import rows/s (its progress bar: the import alone)',
        value: first.ownRate ?? NaN,
        unit: 'rows/s',
        note: `${Math.round((100 * (first.ownRate ?? NaN)) / parseRate)}% of raw parse`,
      },
      {
        name: 'CLI import elapsed',
        value: Math.round(first.wallMs),
        unit: 'ms',
        note: `target ≤ ${TARGET_S * 1000} ms; ${first.accepted} accepted, ${first.rejected} rejected`,
      },
      {
        name: 'CLI import CPU time (user + system)',
        value: Math.round(first.cpuMs),
        unit: 'ms',
        note: `raw parse takes ${Math.round((100 * parsed.cpuMs) / first.cpuMs)}% of it`,
      },
      { name: 'events appended', value: first.appended, unit: 'events' },
      { name: 'CLI peak RSS', value: megabytes(first.maxRssBytes), unit: 'MB', note: 'GNU time' },
      {
        name: 'same file again: CLI elapsed',
        value: Math.round(again.wallMs),
        unit: 'ms',
        note: `${again.appended} events appended`,
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
