/**
 * What a command costs on a short and on a long case, and what the cache of folded states holds:
 * - follow-up calls recorded through `handleCommand` (case decider, embedded SQLite store) on 100
 *   cases of 10 events and 100 of 1,000, in alternating rounds; with the cache (the default) and without
 *   it (`maxStreams: 0`, every command reads and folds the whole stream). Target: the long case
 *   within 20% of the short one with the cache. Each case gets one command before the clock starts:
 *   the first command on a case this process has not folded yet reads it whole, like without the cache.
 * - the process's RSS and heap once 100,000 cases (4 events each) were folded through the cache,
 *   with the bound raised to hold them all, and with the default bound.
 *
 *   npx tsx bench/command-cache.ts          BENCH_COMMAND_CASES=50 BENCH_CACHED_CASES=20000 npx tsx bench/command-cache.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_STREAM_STATE_CACHE,
  handleCommand,
  loadStreamState,
  useStreamStateCache,
} from '../libs/commands/src';
import { caseDecider, type CaseCommand, type CaseEvent, type CaseState } from '../libs/domain/src';
import type { EventStore, EventToAppend } from '../libs/event-store/src/event-store.port';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import type { BenchRow } from './event-store-appends';
import { caseJourney } from './projections';

/** Cases of each length; each gets 1 + ROUNDS commands. */
const CASES = Number(process.env.BENCH_COMMAND_CASES ?? 100);
const ROUNDS = 3;
const CACHED_CASES = Number(process.env.BENCH_CACHED_CASES ?? 100_000);

const withIds = (events: Omit<EventToAppend, 'id'>[]): EventToAppend[] =>
  events.map((event) => ({ ...event, id: randomUUID() }));

/** A case of `length` events: a consented journey, then calls and attendance checks. */
async function caseOf(store: EventStore, n: number, length: number): Promise<string> {
  const journey = caseJourney(n);
  const streamId = `case-c${n}`;
  await store.appendToStream(streamId, withIds(journey.slice(0, Math.min(length, 10))), 'no_stream');
  const filler = journey.find((event) => event.type === 'FollowUpCallMade.v1')!;
  for (let at = 10; at < length; at += 100) {
    const events = Array.from({ length: Math.min(100, length - at) }, (_, i) => ({
      ...filler,
      data: { ...filler.data, callId: `fill-${at + i}` },
    }));
    await store.appendToStream(streamId, withIds(events), BigInt(at - 1));
  }
  return streamId;
}

let commandCount = 0;
const recordCall = (store: EventStore, streamId: string) =>
  handleCommand<CaseCommand, CaseEvent, CaseState>({
    store,
    streamId,
    decider: caseDecider,
    context: {
      actor: { id: 'bench', role: 'coordinator' },
      commandId: `bench-${++commandCount}`,
      correlationId: 'bench',
      causationId: 'bench',
      receivedAt: new Date(),
    },
    command: {
      type: 'RecordFollowUpCall',
      data: { callId: `call-b${commandCount}`, calledOn: '2025-12-05', outcome: 'reached', pii: {} },
      actorId: 'bench',
    },
    scopeOf: (state) => ({
      districtId: state.status === 'none' ? null : state.districtId,
      schoolId: state.status === 'none' ? null : state.schoolId,
    }),
  });

/**
 * Mean milliseconds per command on each group of cases: every case gets one command before the
 * clock starts, then `ROUNDS` more, the groups alternating, so cases keep (about) their length.
 */
async function msPerCommand(store: EventStore, groups: string[][]): Promise<number[]> {
  for (const streamId of groups.flat()) await recordCall(store, streamId);
  const total = groups.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [index, streams] of groups.entries()) {
      const started = process.hrtime.bigint();
      for (const streamId of streams) await recordCall(store, streamId);
      total[index]! += Number(process.hrtime.bigint() - started) / 1e6;
    }
  }
  return total.map((ms, index) => ms / (ROUNDS * groups[index]!.length));
}

async function commandCosts(store: EventStore): Promise<BenchRow[]> {
  const cases = (length: number, first: number) =>
    Promise.all(Array.from({ length: CASES }, (_, i) => caseOf(store, first + i, length)));
  const [short, long] = [await cases(10, 1), await cases(1_000, 1 + CASES)];
  const rows: BenchRow[] = [];
  for (const [label, maxStreams] of [
    ['without the cache (every command folds the stream)', 0],
    ['with the cache', DEFAULT_STREAM_STATE_CACHE.maxStreams],
  ] as const) {
    useStreamStateCache(store, { ...DEFAULT_STREAM_STATE_CACHE, maxStreams });
    const [onShort, onLong] = await msPerCommand(store, [short, long]);
    rows.push(
      { name: `command on a 10-event case, ${label}`, value: round(onShort!), unit: 'ms/command' },
      { name: `command on a 1,000-event case, ${label}`, value: round(onLong!), unit: 'ms/command' },
      {
        name: `1,000-event case / 10-event case, ${label}`,
        value: Math.round((onLong! / onShort!) * 100),
        unit: '%',
        note: 'target ≤ 120% with the cache',
      },
    );
  }
  return rows;
}

async function memoryWithCases(store: EventStore): Promise<BenchRow[]> {
  const journeys = Array.from({ length: CACHED_CASES }, (_, n) => 10_000 + n);
  for (const n of journeys)
    await store.appendToStream(`case-c${n}`, withIds(caseJourney(n).slice(0, 4)), 'no_stream');
  const rows: BenchRow[] = [];
  for (const [label, maxStreams] of [
    [`bound raised to ${CACHED_CASES.toLocaleString('en-US')}`, CACHED_CASES],
    [
      `default bound (${DEFAULT_STREAM_STATE_CACHE.maxStreams.toLocaleString('en-US')})`,
      DEFAULT_STREAM_STATE_CACHE.maxStreams,
    ],
  ] as const) {
    const cache = useStreamStateCache(store, { ...DEFAULT_STREAM_STATE_CACHE, maxStreams });
    (globalThis as { gc?: () => void }).gc?.();
    const before = process.memoryUsage();
    for (const n of journeys) await loadStreamState(store, `case-c${n}`, caseDecider);
    (globalThis as { gc?: () => void }).gc?.();
    const after = process.memoryUsage();
    const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
    rows.push(
      {
        name: `${CACHED_CASES.toLocaleString('en-US')} cases folded, ${label}: cases cached`,
        value: cache.size,
        unit: 'cases',
        note: `≈ ${mb(cache.bytes)} MB by the cache's own estimate`,
      },
      { name: `… RSS after`, value: mb(after.rss), unit: 'MB', note: `${mb(before.rss)} MB before` },
      {
        name: `… heap used after`,
        value: mb(after.heapUsed),
        unit: 'MB',
        note: `${mb(before.heapUsed)} MB before`,
      },
    );
  }
  useStreamStateCache(store, { ...DEFAULT_STREAM_STATE_CACHE, maxStreams: 0 });
  return rows;
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;

export async function runCommandCacheBench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'leap-bench-command-cache-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'));
  try {
    return [...(await commandCosts(store)), ...(await memoryWithCases(store))];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  void runCommandCacheBench().then((rows) => console.table(rows));
}
