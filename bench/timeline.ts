/**
 * The program timeline over 200,000 case events (10,000 cases x 20-event journeys in 5 districts,
 * appended round-robin like a program that runs for a term): one district's timeline (40,000 lines)
 * read whole in one pass (the default buffer), and in windows with a buffer of 5,000 lines, beside
 * reading every event of the store in pages through the adapter. Each row notes the most heap the
 * read retained, sampled every 2,000 lines: the windowed read holds about a window, not the district.
 *
 *   npx tsx --expose-gc bench/timeline.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend } from '../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { timelineLines } from '../libs/timeline/src/timeline-reader';
import type { BenchRow } from './event-store-appends';
import { caseJourney } from './projections';

const CASES = 10_000;

async function fill(store: SqliteEventStore): Promise<number> {
  const journeys = Array.from({ length: CASES }, (_, n) => caseJourney(n));
  const length = journeys[0]!.length;
  for (let step = 0; step < length; step += 1) {
    for (const [n, journey] of journeys.entries()) {
      const event: EventToAppend = { ...journey[step]!, id: randomUUID() };
      await store.appendToStream(`case-c${n}`, [event], step === 0 ? 'no_stream' : BigInt(step - 1));
    }
  }
  return CASES * length;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Wall time, and the most heap the read retained at the samples `run` takes: with `--expose-gc`
 * each sample collects garbage first (its time is left out of the wall time), else it is what the
 * heap held then, garbage included.
 */
async function measured(run: (sample: () => void) => Promise<number>) {
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let sampling = 0;
  const sample = () => {
    const started = performance.now();
    gc?.();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    sampling += performance.now() - started;
  };
  const started = performance.now();
  const count = await run(sample);
  const seconds = (performance.now() - started - sampling) / 1000;
  return { count, seconds, heapMb: (peak - base) / 1e6 };
}

export async function runTimelineBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'leap-bench-timeline-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  try {
    const total = await fill(store);
    const readAll = await measured(async (sample) => {
      let read = 0;
      let after: string | undefined;
      for (;;) {
        const page = await store.readAll({ after, maxCount: 1000, filter: { streamPrefixes: ['case-'] } });
        read += page.length;
        sample();
        if (page.length < 1000) return read;
        after = page.at(-1)!.position;
      }
    });
    const timeline = (budget: number) =>
      measured(async (sample) => {
        let lines = 0;
        const cut = { districtId: 'd-0', schoolIds: null, from: null, to: null, types: null, knownAt: null };
        const source = {
          store,
          pseudonymize: (kind: string, id: string) => `${kind}_${id}`,
          localDateOf: (instant: string) => instant.slice(0, 10),
          budget,
        };
        for await (const line of timelineLines(source, cut)) {
          if (line.length > 0) lines += 1;
          if (lines % 2_000 === 0) sample();
        }
        return lines;
      });
    const whole = await timeline(50_000);
    const windowed = await timeline(5_000);
    const rate = (events: number, seconds: number) => Math.round(events / seconds);
    return [
      {
        name: 'read all (adapter, pages of 1,000)',
        value: rate(readAll.count, readAll.seconds),
        unit: 'events/s',
        note: `${total} events`,
      },
      {
        name: 'timeline of one district, one pass',
        value: rate(total, whole.seconds),
        unit: 'store events/s',
        note: `${whole.count} lines in ${whole.seconds.toFixed(2)} s, heap +${whole.heapMb.toFixed(0)} MB`,
      },
      {
        name: 'timeline of one district, windows of 5,000 lines',
        value: rate(total, windowed.seconds),
        unit: 'store events/s',
        note: `${windowed.count} lines in ${windowed.seconds.toFixed(2)} s, heap +${windowed.heapMb.toFixed(0)} MB`,
      },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void runTimelineBench().then((rows) => console.table(rows));
}
