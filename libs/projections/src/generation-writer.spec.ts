import { GenerationWriter, ProjectionEventError } from './generation-writer';
import { ensureActiveGeneration } from './generations';
import type { DocumentTable } from './projection';
import {
  activeDocuments,
  appendTallies,
  openStores,
  tallyProjection,
  type Stores,
  type Tally,
} from './testing/projection-fixtures';

describe('when a batch of events is applied to a generation', () => {
  let stores: Stores;
  beforeEach(() => (stores = openStores()));
  afterEach(() => stores.close());

  const activeWriter = (projection = tallyProjection()) => {
    const active = ensureActiveGeneration(stores.readModels, projection, new Date());
    return new GenerationWriter(stores.readModels, {
      projection,
      generation: active.generation,
      active: true,
      position: active.position,
    });
  };

  it('writes the documents and moves the checkpoint to the last event', async () => {
    await appendTallies(stores.store, 5, 2);
    const events = await stores.store.readAll();
    expect(activeWriter().apply(events)).toBe('applied');
    expect(activeDocuments(stores.readModels)).toEqual({
      'tally-0': { count: 3, positions: ['1', '3', '5'] },
      'tally-1': { count: 2, positions: ['2', '4'] },
    });
    expect(stores.readModels.checkpoints.active('tally')).toMatchObject({ position: '5', events: 5 });
  });

  it('rolls documents and checkpoint back together when the batch fails part-way', async () => {
    await appendTallies(stores.store, 4, 2);
    const events = await stores.store.readAll();
    let writes = 0;
    const store = tallyProjection().store;
    const flaky = tallyProjection({
      store: {
        ...store,
        open: (db, table) => {
          const inner = store.open(db, table);
          return {
            load: (key) => inner.load(key),
            write: (key, doc, before) => {
              inner.write(key, doc, before);
              if (++writes === 2) throw new Error('disk full');
            },
          } satisfies DocumentTable<Tally>;
        },
      },
    });
    expect(() => activeWriter(flaky).apply(events)).toThrow('disk full');
    expect(activeDocuments(stores.readModels)).toEqual({});
    expect(stores.readModels.checkpoints.active('tally')).toMatchObject({ position: null, events: 0 });

    expect(activeWriter().apply(events)).toBe('applied');
    expect(activeDocuments(stores.readModels)['tally-0']).toEqual({ count: 2, positions: ['1', '3'] });
  });

  it('refuses a batch when another writer already moved the checkpoint', async () => {
    await appendTallies(stores.store, 3);
    const events = await stores.store.readAll();
    const first = activeWriter();
    const second = activeWriter();
    expect(first.apply(events.slice(0, 2))).toBe('applied');
    expect(second.apply(events.slice(0, 2))).toBe('superseded');
    expect(activeDocuments(stores.readModels)['tally-0']).toEqual({ count: 1, positions: ['1'] });
    expect(first.apply(events.slice(2))).toBe('applied');
    expect(stores.readModels.checkpoints.active('tally')?.position).toBe('3');
  });

  it('names the event and position when evolve cannot apply it, and applies nothing of the batch', async () => {
    await appendTallies(stores.store, 3);
    const events = await stores.store.readAll();
    const failing = tallyProjection({
      evolve: (doc, event) => {
        if (event.position === '2') throw new Error('unexpected data');
        return { count: (doc?.count ?? 0) + 1, positions: [] };
      },
    });
    const attempt = () => activeWriter(failing).apply(events);
    expect(attempt).toThrow(ProjectionEventError);
    expect(attempt).toThrow('tally failed on Tallied.v1 at position 2 (tally-1): unexpected data');
    expect(activeDocuments(stores.readModels)).toEqual({});
  });
});
