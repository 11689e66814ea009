/**
 * Funding allocation: the preview's one costly step, counting home visits held per district from the
 * fidelity facts (the preview reads them from the read model; a replay through the fold is timed too), beside a plain read of the same events
 * through the adapter in the same run; and the allocation itself for Connecticut's ~200 districts.
 * The store holds 200,000 case events (10,000 case journeys of 20 events, as bench/projections.ts).
 *
 *   npx tsx bench/funding-allocation.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from '../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { allocate, type DistrictFactors } from '../libs/funding/src/domain/allocate';
import { replayFacts } from '../libs/fidelity/src/replay/replay-facts';
import { visitsHeldFromFacts } from '../libs/funding/src/performance/visits-held-from-facts';
import type { BenchRow } from './event-store-appends';
import { caseJourney } from './projections';

const CASES = 10_000;
const DISTRICTS = 200;
const ALLOCATIONS = 1_000;

async function fill(store: SqliteEventStore): Promise<number> {
  let events = 0;
  for (let n = 0; n < CASES; n++) {
    const journey = caseJourney(n).map((event): EventToAppend => ({ ...event, id: randomUUID() }));
    await store.appendToStream(`case-c${n}`, journey, 'no_stream');
    events += journey.length;
  }
  return events;
}

async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await run();
  return { value, seconds: (performance.now() - started) / 1000 };
}

export async function runFundingAllocationBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'leap-bench-funding-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  try {
    const events = await fill(store);
    const read = await timed(() => store.readAll({ filter: { streamPrefixes: ['case-'] } }));
    const { facts } = await replayFacts(store);
    const replay = await timed(async () => visitsHeldFromFacts((await replayFacts(store)).facts, null));
    const counted = await timed(() => visitsHeldFromFacts(facts, null));
    const visits = [...replay.value.values()].reduce((sum, n) => sum + n, 0);
    const districts: DistrictFactors[] = Array.from({ length: DISTRICTS }, (_, i) => ({
      districtId: `d${String(i).padStart(3, '0')}`,
      values: {
        enrollment: 500 + ((i * 7919) % 40_000),
        needIndex: ((i * 37) % 100) / 100,
        fundsSpent: (i * 104_729) % 800_000,
        visitsHeld: (i * 613) % 3_000,
      },
    }));
    const weights = { enrollment: 1, needIndex: 1, fundsSpent: 1, visitsHeld: 1 };
    const shares = await timed(() => {
      for (let i = 0; i < ALLOCATIONS; i++)
        allocate({ total: 90_000_000 + i, minimum: 200_000, maximum: 800_000, weights, districts });
    });
    return [
      { name: 'case events in the store', value: events, unit: 'events' },
      {
        name: 'plain read of the case events (adapter)',
        value: Math.round(events / read.seconds),
        unit: 'events/s',
      },
      {
        name: `visits held per district, fidelity fold replay (${visits} visits counted)`,
        value: Math.round(events / replay.seconds),
        unit: 'events/s',
      },
      {
        name: 'visit count with a replay of the store',
        value: Math.round(replay.seconds * 1000),
        unit: 'ms',
      },
      {
        name: 'visit count over facts already folded (the preview, besides reading the read model)',
        value: Math.round(counted.seconds * 1000),
        unit: 'ms',
      },
      {
        name: `allocations of ${DISTRICTS} districts (water-filling, largest remainder)`,
        value: Math.round(ALLOCATIONS / shares.seconds),
        unit: 'allocations/s',
      },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void runFundingAllocationBench().then((rows) => console.table(rows));
}
