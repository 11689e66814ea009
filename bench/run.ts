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
  const projections = await optional('projections', 'runProjectionBench');
  if (projections) benches.push({ title: 'Projections: catch-up and rebuild', run: projections });

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
