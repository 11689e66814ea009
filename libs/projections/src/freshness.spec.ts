import { randomUUID } from 'node:crypto';
import { ReadModelFreshness } from './freshness';
import { ProjectionRunner } from './projection-runner';
import { projectionStatus } from './projection-status';
import {
  appendTallies,
  eventually,
  openStores,
  tallyProjection,
  type Stores,
} from './testing/projection-fixtures';

describe('when a query waits for its read model to reach a position', () => {
  let stores: Stores;
  let runner: ProjectionRunner;
  let freshness: ReadModelFreshness;
  const projection = tallyProjection();
  beforeEach(() => {
    stores = openStores();
    runner = new ProjectionRunner(stores.readModels, stores.store, [projection]);
    freshness = new ReadModelFreshness(stores.readModels, stores.store, (listener) =>
      runner.onAdvance(listener),
    );
  });
  afterEach(async () => {
    await runner.stop();
    await stores.close();
  });

  it('resolves once the runner has applied the position', async () => {
    runner.start();
    const { position } = await appendTallies(stores.store, 5);
    await expect(freshness.waitForPosition(projection, position, 2000)).resolves.toBe(true);
    expect(stores.readModels.checkpoints.active('tally')?.position).toBe(position);
  });

  it('gives up after the timeout when the read model does not move', async () => {
    const { position } = await appendTallies(stores.store, 5);
    const started = Date.now();
    await expect(freshness.waitForPosition(projection, position, 100)).resolves.toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('counts a position of an event the projection does not subscribe to as reached once earlier events are applied', async () => {
    runner.start();
    await appendTallies(stores.store, 3);
    const other = await stores.store.appendToStream(
      'visitor-1',
      [{ id: randomUUID(), type: 'VisitorRegistered.v1', data: {}, metadata: {} }],
      'any',
    );
    await expect(freshness.waitForPosition(projection, other.position, 2000)).resolves.toBe(true);
    expect(stores.readModels.checkpoints.active('tally')?.position).toBe('3');
  });

  it('waits for a position beyond the head of the store until the store and the read model reach it', async () => {
    runner.start();
    const { position } = await appendTallies(stores.store, 3);
    const beyond = String(Number(position) + 4);
    await expect(freshness.waitForPosition(projection, beyond, 150)).resolves.toBe(false);
    const waiting = freshness.waitForPosition(projection, beyond, 2000);
    await appendTallies(stores.store, 4);
    await expect(waiting).resolves.toBe(true);
    expect(stores.readModels.checkpoints.active('tally')?.position).toBe(beyond);
  });
});

describe('when the status of a projection is asked for', () => {
  let stores: Stores;
  beforeEach(() => (stores = openStores()));
  afterEach(() => stores.close());

  it('reports the events and seconds it is behind, then live with no lag once caught up', async () => {
    const projection = tallyProjection();
    const runner = new ProjectionRunner(stores.readModels, stores.store, [projection]);
    runner.start();
    await runner.stop();
    await appendTallies(stores.store, 4);
    const later = new Date(Date.now() + 3000);
    const behind = await projectionStatus(stores.readModels, stores.store, projection, later);
    expect(behind).toMatchObject({
      state: 'catching_up',
      checkpoint: null,
      lag: { events: 4, eventsCapped: false },
    });
    expect(behind.lag.seconds).toBeGreaterThanOrEqual(3);

    const again = new ProjectionRunner(stores.readModels, stores.store, [projection]);
    again.start();
    await eventually(() => expect(stores.readModels.checkpoints.active('tally')?.position).toBe('4'));
    await again.stop();
    expect(await projectionStatus(stores.readModels, stores.store, projection, new Date())).toMatchObject({
      state: 'live',
      checkpoint: '4',
      eventsApplied: 4,
      lag: { events: 0, seconds: 0 },
      lastError: null,
      rebuild: null,
    });
  });
});
