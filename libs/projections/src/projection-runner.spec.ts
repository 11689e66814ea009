import { ProjectionRunner } from './projection-runner';
import { rebuildProjection } from './rebuild';
import {
  activeDocuments,
  appendTallies,
  eventually,
  openStores,
  tallyProjection,
  type Stores,
} from './testing/projection-fixtures';

describe('when the runner follows the event store', () => {
  let stores: Stores;
  const runners: ProjectionRunner[] = [];
  beforeEach(() => (stores = openStores()));
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await stores.close();
  });

  const start = (
    projection = tallyProjection(),
    options: ConstructorParameters<typeof ProjectionRunner>[3] = {},
  ) => {
    const runner = new ProjectionRunner(stores.readModels, stores.store, [projection], {
      retryDelayMs: () => 10,
      ...options,
    });
    runners.push(runner);
    runner.start();
    return runner;
  };
  const checkpoint = () => stores.readModels.checkpoints.active('tally')?.position;

  it('catches up with history, then applies live appends', async () => {
    await appendTallies(stores.store, 30);
    start();
    await eventually(() => expect(checkpoint()).toBe('30'));
    await appendTallies(stores.store, 3);
    await eventually(() => expect(checkpoint()).toBe('33'));
    expect(Object.values(activeDocuments(stores.readModels)).map((doc) => doc.count)).toEqual([11, 11, 11]);
  });

  it('commits history in batches of at most maxEvents, each with its checkpoint', async () => {
    await appendTallies(stores.store, 250);
    const committed: Array<string | null | undefined> = [];
    const runner = start(tallyProjection(), { limits: { maxEvents: 100, maxWaitMs: 1000 } });
    runner.onAdvance(() => committed.push(checkpoint()));
    await eventually(() => expect(checkpoint()).toBe('250'));
    expect(committed).toEqual(['100', '200', '250']);
  });

  it('resumes after a restart from the stored checkpoint, applying each event exactly once', async () => {
    await appendTallies(stores.store, 20, 2);
    const first = start();
    await eventually(() => expect(checkpoint()).toBe('20'));
    await first.stop();
    await appendTallies(stores.store, 10, 2);
    start();
    await eventually(() => expect(checkpoint()).toBe('30'));
    const docs = activeDocuments(stores.readModels);
    expect(docs['tally-0']?.count).toBe(15);
    expect(docs['tally-0']?.positions).toEqual(Array.from({ length: 15 }, (_, i) => String(2 * i + 1)));
  });

  it('stops at an event it cannot apply, reports it, and goes on once it can', async () => {
    await appendTallies(stores.store, 5);
    let broken = true;
    start(
      tallyProjection({
        evolve: (doc, event) => {
          if (broken && event.position === '4') throw new Error('cannot read this');
          return { count: (doc?.count ?? 0) + 1, positions: [...(doc?.positions ?? []), event.position] };
        },
      }),
      { limits: { maxEvents: 2, maxWaitMs: 10 } },
    );
    await eventually(() =>
      expect(stores.readModels.checkpoints.active('tally')?.lastError).toContain('position 4'),
    );
    expect(checkpoint()).toBe('2');
    broken = false;
    await eventually(() => expect(checkpoint()).toBe('5'));
    expect(Object.values(activeDocuments(stores.readModels)).reduce((sum, doc) => sum + doc.count, 0)).toBe(
      5,
    );
  });

  it('moves to a generation another process swapped in, and applies later events there', async () => {
    await appendTallies(stores.store, 12);
    start();
    await eventually(() => expect(checkpoint()).toBe('12'));
    const oldGeneration = stores.readModels.checkpoints.active('tally')!.generation;
    await rebuildProjection(stores.openReadModels(), stores.store, tallyProjection());
    expect(stores.readModels.checkpoints.active('tally')!.generation).toBeGreaterThan(oldGeneration);
    await appendTallies(stores.store, 6);
    await eventually(() => expect(checkpoint()).toBe('18'));
    expect(Object.values(activeDocuments(stores.readModels)).map((doc) => doc.count)).toEqual([6, 6, 6]);
  });

  it('rebuilds aside when the stored documents come from another version of the projection', async () => {
    await appendTallies(stores.store, 9);
    const v1 = start();
    await eventually(() => expect(checkpoint()).toBe('9'));
    await v1.stop();
    const v2 = tallyProjection({
      version: 2,
      evolve: (doc, event) => ({
        count: (doc?.count ?? 0) + 10,
        positions: [...(doc?.positions ?? []), event.position],
      }),
    });
    start(v2);
    await eventually(() =>
      expect(stores.readModels.checkpoints.active('tally')).toMatchObject({ version: 2, position: '9' }),
    );
    expect(Object.values(activeDocuments(stores.readModels)).map((doc) => doc.count)).toEqual([30, 30, 30]);
    expect(stores.readModels.checkpoints.all('tally')).toHaveLength(1);
  });
});
