import { ABANDONED_BUILD_MS, createGenerationAside } from './generations';
import { ProjectionRunner } from './projection-runner';
import { rebuildProjection, type RebuildProgress } from './rebuild';
import { generationTable } from './read-models';
import {
  activeDocuments,
  appendTallies,
  eventually,
  openStores,
  tallyProjection,
  type Stores,
} from './testing/projection-fixtures';

describe('when a projection is rebuilt', () => {
  let stores: Stores;
  beforeEach(() => (stores = openStores()));
  afterEach(() => stores.close());

  const tables = () =>
    stores.readModels.db
      .prepare<[], string>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'tally%' ORDER BY name",
      )
      .pluck()
      .all();

  async function buildFirstGeneration() {
    const runner = new ProjectionRunner(stores.readModels, stores.store, [tallyProjection()]);
    runner.start();
    await eventually(() => expect(stores.readModels.checkpoints.active('tally')?.position).toBe('30'));
    await runner.stop();
  }

  it('builds aside while the old documents stay readable, then swaps and drops the old tables', async () => {
    await appendTallies(stores.store, 30);
    await buildFirstGeneration();
    const before = activeDocuments(stores.readModels);
    const seen: Array<RebuildProgress & { servedGeneration: number; served: unknown }> = [];
    const result = await rebuildProjection(stores.openReadModels(), stores.store, tallyProjection(), {
      batchSize: 10,
      onProgress: (progress) =>
        seen.push({
          ...progress,
          servedGeneration: stores.readModels.checkpoints.active('tally')!.generation,
          served: activeDocuments(stores.readModels),
        }),
    });
    expect(seen.map((p) => [p.done, p.total])).toEqual([
      [10, 30],
      [20, 30],
      [30, 30],
      [30, 30],
    ]);
    expect(
      seen
        .slice(0, 3)
        .every((p) => p.servedGeneration === 1 && JSON.stringify(p.served) === JSON.stringify(before)),
    ).toBe(true);
    expect(result).toMatchObject({ generation: 2, events: 30, position: '30', swapped: true });
    expect(stores.readModels.checkpoints.active('tally')).toMatchObject({ generation: 2, position: '30' });
    expect(activeDocuments(stores.readModels)).toEqual(before);
    expect(tables()).toEqual([generationTable('tally', 2)]);
  });

  it('keeps the old generation when the build is stopped', async () => {
    await appendTallies(stores.store, 30);
    await buildFirstGeneration();
    let batches = 0;
    const result = await rebuildProjection(stores.readModels, stores.store, tallyProjection(), {
      batchSize: 10,
      shouldStop: () => ++batches > 2,
    });
    expect(result.swapped).toBe(false);
    expect(stores.readModels.checkpoints.all('tally').map((g) => [g.generation, g.active])).toEqual([
      [1, true],
    ]);
    expect(tables()).toEqual([generationTable('tally', 1)]);
  });

  it('refuses to start while another build is moving, and clears a build abandoned by a dead process', () => {
    const projection = tallyProjection();
    const now = new Date();
    createGenerationAside(stores.readModels, projection, now);
    expect(() => createGenerationAside(stores.readModels, projection, now)).toThrow(
      'A rebuild of tally is in progress',
    );
    const later = new Date(now.getTime() + ABANDONED_BUILD_MS + 1);
    const fresh = createGenerationAside(stores.readModels, projection, later);
    expect(stores.readModels.checkpoints.all('tally').map((g) => g.generation)).toEqual([fresh.generation]);
    expect(tables()).toEqual([generationTable('tally', fresh.generation)]);
  });
});
