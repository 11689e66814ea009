import type { RecordedEvent } from '@leap/event-store';
import { ProjectionRunner } from './projection-runner';
import type { PiiReader, Projection } from './projection';
import { rebuildProjection } from './rebuild';
import {
  activeDocuments,
  appendTallies,
  eventually,
  openStores,
  tallyProjection,
  type Stores,
  type Tally,
} from './testing/projection-fixtures';

type Labelled = Tally & { labels?: string[] };

/** A tally that labels each event with what its `prepare` opened for it, and records its batches. */
function labellingProjection(batches: number[]): Projection<Labelled, string> {
  const tally = tallyProjection() as Projection<Labelled>;
  return {
    ...tally,
    async prepare(events, pii) {
      batches.push(events.length);
      const opened = await Promise.all(
        events.map((event) => pii.open(event.data, { streamId: event.streamId, eventType: event.type })),
      );
      return new Map(events.map((event, i) => [event.id, JSON.stringify(opened[i])]));
    },
    evolve(doc, event: RecordedEvent, prepared) {
      const next = tally.evolve(doc, event)!;
      return { ...next, labels: [...(doc?.labels ?? []), prepared ?? 'nothing prepared'] };
    },
  };
}

/** Answers every value as `{ n }` with `n` counting the calls, so the test sees which call served which event. */
const countingReader = (): PiiReader & { calls: number } => {
  const reader = {
    calls: 0,
    open: () => Promise.resolve({ n: ++reader.calls }),
  };
  return reader;
};

describe('when a projection prepares its batches', () => {
  let stores: Stores;
  beforeEach(() => (stores = openStores()));
  afterEach(() => stores.close());

  it('is prepared once per batch by the runner, before that batch’s evolves, with the runner’s reader', async () => {
    await appendTallies(stores.store, 6, 1);
    const batches: number[] = [];
    const pii = countingReader();
    const runner = new ProjectionRunner(stores.readModels, stores.store, [labellingProjection(batches)], {
      pii,
      limits: { maxEvents: 4, maxWaitMs: 50 },
    });
    runner.start();
    await eventually(() => expect(activeDocuments(stores.readModels)['tally-0']?.count).toBe(6));
    await runner.stop();
    expect(batches.reduce((a, b) => a + b, 0)).toBe(6);
    expect(batches.every((size) => size <= 4)).toBe(true);
    const doc = activeDocuments(stores.readModels)['tally-0'] as Labelled;
    expect(doc.labels).toEqual([1, 2, 3, 4, 5, 6].map((n) => JSON.stringify({ n })));
  });

  it('is prepared page by page by a rebuild, and never asks a reader when the projection prepares nothing', async () => {
    await appendTallies(stores.store, 5, 1);
    const batches: number[] = [];
    const pii = countingReader();
    await rebuildProjection(stores.readModels, stores.store, labellingProjection(batches), {
      batchSize: 2,
      pii,
    });
    expect(batches).toEqual([2, 2, 1]);
    expect(pii.calls).toBe(5);

    const untouched = countingReader();
    await rebuildProjection(stores.readModels, stores.store, tallyProjection(), { pii: untouched });
    expect(untouched.calls).toBe(0);
  });

  it('stops at a sealed value when the runner was given no cipher, rather than leaving a gap', async () => {
    await stores.store.appendToStream(
      'tally-0',
      [{ id: crypto.randomUUID(), type: 'Tallied.v1', data: { $sealed: 'aes-256-gcm/v1' }, metadata: {} }],
      'any',
    );
    await expect(rebuildProjection(stores.readModels, stores.store, labellingProjection([]))).rejects.toThrow(
      /no PII cipher/,
    );
  });
});
