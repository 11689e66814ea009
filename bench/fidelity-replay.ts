/**
 * Fidelity replay: ≥ 1M events (cases over two school years, the visitor and district registry)
 * appended directly in batches into a fresh SQLite store, then
 *   - the ceiling: every event the fold reads, read through the adapter (`readAll` pages, same
 *     filter and page size) and nothing else;
 *   - the replay: the same read folded by `replayFacts` (in memory, no SQLite writes), then the
 *     state's metrics on a date; target ≥ 70% of the ceiling's rate;
 *   - a two-year weekly series (105 points) from that one replay, for a district and for the state.
 * CPU times (user + system) are reported beside wall times: on a shared machine they say more.
 *
 *   npx tsx bench/fidelity-replay.ts        BENCH_CASES=5000 npx tsx bench/fidelity-replay.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { EventToAppend } from '../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { metricsOf } from '../libs/fidelity/src/domain/metrics';
import { seriesOf } from '../libs/fidelity/src/domain/series';
import { fidelityEventsFilter } from '../libs/fidelity/src/read-models/fidelity-facts.projection';
import { replayFacts } from '../libs/fidelity/src/replay/replay-facts';
import type { BenchRow } from './event-store-appends';
import { fidelityJourney, fidelityRegistry } from './fidelity-journeys';

const CASES = Number(process.env.BENCH_CASES ?? 62_000);
const PAGE = 5_000;
const TARGET = 0.7;

async function measure<T>(work: () => Promise<T> | T): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await work();
  const used = process.cpuUsage(cpu);
  return { result, wallMs: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

async function fill(store: SqliteEventStore): Promise<number> {
  let count = 0;
  const append = async (streamId: string, events: Array<Omit<EventToAppend, 'id'>>) => {
    await store.appendToStream(
      streamId,
      events.map((event) => ({ ...event, id: randomUUID() })),
      'any',
    );
    count += events.length;
  };
  for (const [streamId, events] of fidelityRegistry()) await append(streamId, events);
  for (let n = 0; n < CASES; n++) await append(`case-c${n}`, fidelityJourney(n));
  return count;
}

async function readAllOnly(store: SqliteEventStore): Promise<number> {
  let after: string | undefined;
  let read = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: PAGE, filter: fidelityEventsFilter });
    read += page.length;
    if (page.length < PAGE) return read;
    after = page.at(-1)?.position;
  }
}

export async function runFidelityReplayBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'leap-bench-fidelity-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  try {
    const filled = await measure(() => fill(store));
    const events = filled.result;
    // Warm the page cache once so neither measured read pays for the first touch of the file.
    await readAllOnly(store);
    const ceiling = await measure(() => readAllOnly(store));
    const replay = await measure(() => replayFacts(store, { pageSize: PAGE }));
    const facts = replay.result.facts;
    const onDate = await measure(() => metricsOf(facts, { onDate: '2026-06-30' }));
    const window = { from: '2024-07-01', to: '2026-06-30' };
    const district = await measure(() => seriesOf(facts, { ...window, districtId: 'd0' }, 'week'));
    const state = await measure(() => seriesOf(facts, window, 'week'));
    const rate = (n: number, ms: number) => Math.round((n * 1000) / ms);
    const ceilingRate = rate(ceiling.result, ceiling.wallMs);
    const replayRate = rate(replay.result.eventsRead, replay.wallMs);
    const share = replayRate / ceilingRate;
    return [
      {
        name: 'events in the store (appended in batches)',
        value: events,
        unit: 'events',
        note: `${CASES.toLocaleString('en-US')} cases, ${(filled.wallMs / 1000).toFixed(1)} s to append`,
      },
      {
        name: 'ceiling: readAll through the adapter',
        value: ceilingRate,
        unit: 'events/s',
        note: `${(ceiling.wallMs / 1000).toFixed(2)} s wall, ${(ceiling.cpuMs / 1000).toFixed(2)} s CPU`,
      },
      {
        name: 'replay: readAll + fidelity fold',
        value: replayRate,
        unit: 'events/s',
        note: `${(replay.wallMs / 1000).toFixed(2)} s wall, ${(replay.cpuMs / 1000).toFixed(2)} s CPU`,
      },
      {
        name: 'replay / ceiling',
        value: Math.round(share * 1000) / 10,
        unit: '%',
        note: share >= TARGET ? `meets the ${TARGET * 100}% target` : `BELOW the ${TARGET * 100}% target`,
      },
      {
        name: 'state metrics on a date (from the replayed facts)',
        value: Math.round(onDate.wallMs),
        unit: 'ms',
        note: `${onDate.result.visitsHeld.numerator.toLocaleString('en-US')} visits counted`,
      },
      {
        name: 'weekly series, two years, one district',
        value: Math.round(district.wallMs),
        unit: 'ms',
        note: `${district.result.length} points, replay excluded`,
      },
      {
        name: 'weekly series, two years, the state',
        value: Math.round(state.wallMs),
        unit: 'ms',
        note: `${state.result.length} points, replay excluded`,
      },
      {
        name: 'replay + state weekly series in one pass',
        value: Math.round(replay.wallMs + state.wallMs),
        unit: 'ms',
      },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void runFidelityReplayBench().then(
    (rows) => console.table(rows),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
