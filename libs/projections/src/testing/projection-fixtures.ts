import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type AppendResult, type RecordedEvent } from '@leap/event-store';
import { jsonDocumentStore } from '../json-document-store';
import type { Projection } from '../projection';
import { ReadModels, generationTable } from '../read-models';

/**
 * A deliberately non-idempotent projection for runner specs: per stream, how many events it saw and
 * at which positions. Applying an event twice or skipping one shows in `count` and `positions`.
 */
export interface Tally {
  count: number;
  positions: string[];
}

export function tallyProjection(overrides: Partial<Projection<Tally>> = {}): Projection<Tally> {
  return {
    name: 'tally',
    version: 1,
    filter: { streamPrefixes: ['tally-'] },
    keyOf: (event) => event.streamId,
    evolve: (doc, event) => ({
      count: (doc?.count ?? 0) + 1,
      positions: [...(doc?.positions ?? []), event.position],
    }),
    store: jsonDocumentStore<Tally>({
      columns: [{ name: 'count', type: 'INTEGER', notNull: true, of: (d) => d.count }],
    }),
    ...overrides,
  };
}

export interface Stores {
  dir: string;
  store: SqliteEventStore;
  readModels: ReadModels;
  /** Another connection to the same read-model file, as another process would have. */
  openReadModels(): ReadModels;
  close(): Promise<void>;
}

export function openStores(): Stores {
  const dir = mkdtempSync(join(tmpdir(), 'leap-projections-'));
  const store = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 10 });
  const readModels = ReadModels.open(join(dir, 'read-models.sqlite'));
  const extra: ReadModels[] = [];
  return {
    dir,
    store,
    readModels,
    openReadModels() {
      const another = ReadModels.open(join(dir, 'read-models.sqlite'));
      extra.push(another);
      return another;
    },
    async close() {
      await store.close();
      for (const models of [readModels, ...extra]) models.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Appends `n` events, one per append, round-robin over `streams` streams `tally-0`, `tally-1`, ... */
export async function appendTallies(store: SqliteEventStore, n: number, streams = 3, type = 'Tallied.v1') {
  let last: AppendResult | undefined;
  for (let i = 0; i < n; i++) {
    last = await store.appendToStream(
      `tally-${i % streams}`,
      [{ id: randomUUID(), type, data: { i }, metadata: {} }],
      'any',
    );
  }
  return last!;
}

/** The active generation's documents, by key. */
export function activeDocuments(readModels: ReadModels, name = 'tally'): Record<string, Tally> {
  const active = readModels.checkpoints.active(name);
  if (!active) return {};
  const rows = readModels.db
    .prepare<[], { key: string; document: string }>(
      `SELECT key, document FROM ${generationTable(name, active.generation)}`,
    )
    .all();
  return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.document) as Tally]));
}

export const positionsOf = (events: RecordedEvent[]) => events.map((event) => event.position);

/** Polls until `check` passes (or throws its last failure after `timeoutMs`). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
