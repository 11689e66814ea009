import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { JsonObject } from '@leap/event-store';
import { GenerationWriter } from './generation-writer';
import { ensureActiveGeneration } from './generations';
import { jsonDocumentStore } from './json-document-store';
import type { Projection } from './projection';
import { openStores, type Stores } from './testing/projection-fixtures';

/** A read model that holds a name until the stream's `Forgotten.v1`. */
interface Person {
  name: string | null;
}
const NAME = 'Zebulon Quixote-Marchetti';

const people = (purgeOn?: string[]): Projection<Person> => ({
  name: 'people',
  version: 1,
  filter: { streamPrefixes: ['person-'] },
  keyOf: (event) => event.streamId,
  evolve: (_doc, event) => ({ name: event.type === 'Named.v1' ? String(event.data.name) : null }),
  store: jsonDocumentStore<Person>({
    columns: [{ name: 'name_search', type: 'TEXT', of: (d) => d.name?.toLowerCase() ?? null }],
  }),
  ...(purgeOn ? { purgeOn } : {}),
});

/** Every byte of the read-model file and its WAL, as Latin-1 text (ASCII names survive intact). */
function filesText(stores: Stores): string {
  const file = stores.readModels.db.name;
  return [file, `${file}-wal`]
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path).toString('latin1'))
    .join('\n');
}

async function nameThenForget(stores: Stores, projection: Projection<Person>): Promise<void> {
  const active = ensureActiveGeneration(stores.readModels, projection, new Date());
  const writer = new GenerationWriter(stores.readModels, {
    projection,
    generation: active.generation,
    active: true,
    position: active.position,
  });
  const append = (type: string, data: JsonObject) =>
    stores.store.appendToStream('person-1', [{ id: randomUUID(), type, data, metadata: {} }], 'any');
  await append('Named.v1', { name: NAME });
  writer.apply(await stores.store.readAll());
  expect(filesText(stores)).toContain(NAME.toLowerCase());
  await append('Forgotten.v1', {});
  writer.apply((await stores.store.readAll()).slice(1));
}

describe('when a batch erases personal data from a read model', () => {
  let stores: Stores;
  beforeEach(() => (stores = openStores()));
  afterEach(() => stores.close());

  it('opens the read models with secure_delete on', () => {
    expect(stores.readModels.db.pragma('secure_delete', { simple: true })).toBe(1);
  });

  it('leaves no byte of the value in the database file or its WAL once the purge checkpoint ran', async () => {
    await nameThenForget(stores, people(['Forgotten.v1']));
    const text = filesText(stores);
    expect(text).not.toContain(NAME);
    expect(text).not.toContain(NAME.toLowerCase());
    expect(readFileSync(`${stores.readModels.db.name}-wal`).length).toBe(0);
  });

  it('purges again after the next batch when a reader of an older snapshot held the WAL', async () => {
    stores.readModels.db.pragma('busy_timeout = 50');
    const other = stores.openReadModels();
    other.db.exec('BEGIN');
    other.db.prepare('SELECT count(*) FROM checkpoints').get();
    const projection = people(['Forgotten.v1']);
    await nameThenForget(stores, projection);
    expect(stores.readModels.purgePending).toBe(true);
    other.db.exec('COMMIT');
    const active = stores.readModels.checkpoints.active('people')!;
    const writer = new GenerationWriter(stores.readModels, {
      projection,
      generation: active.generation,
      active: true,
      position: active.position,
    });
    await stores.store.appendToStream(
      'person-2',
      [{ id: randomUUID(), type: 'Named.v1', data: { name: 'Al' }, metadata: {} }],
      'any',
    );
    writer.apply((await stores.store.readAll()).slice(2));
    expect(stores.readModels.purgePending).toBe(false);
    expect(filesText(stores)).not.toContain(NAME.toLowerCase());
  });

  it('still has old page images in the WAL when the projection names no purge event', async () => {
    await nameThenForget(stores, people());
    expect(filesText(stores)).toContain(NAME.toLowerCase());
  });
});
