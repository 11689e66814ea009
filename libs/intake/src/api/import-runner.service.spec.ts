import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importStreamOf } from '@leap/domain';
import { SqliteEventStore } from '@leap/event-store';
import { recordImportEvent } from '../reader/import-record';
import { ImportRunner } from './import-runner.service';

describe('when the API starts with spool files a stopped process left', () => {
  let dir: string;
  let store: SqliteEventStore;
  const previousDataDir = process.env.LEAP_DATA_DIR;
  const context = {
    actor: { id: 'coord-d1', role: 'coordinator' },
    commandId: 'c',
    correlationId: 'c',
    causationId: 'c',
    receivedAt: new Date('2026-01-10T12:00:00Z'),
  };
  const started = (importId: string) =>
    recordImportEvent(
      store,
      { importId, kind: 'roster', districtId: 'd1', context: { ...context, correlationId: importId } },
      {
        type: 'ImportStarted.v1',
        data: { importId, kind: 'roster', districtId: 'd1', startedAt: context.receivedAt.toISOString() },
      },
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'intake-runner-'));
    process.env.LEAP_DATA_DIR = dir;
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    process.env.LEAP_DATA_DIR = previousDataDir;
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records their imports as failed (interrupted) and removes the files', async () => {
    await started('imp-1');
    mkdirSync(join(dir, 'imports'));
    writeFileSync(join(dir, 'imports', 'imp-1.csv'), 'student_id\n1\n');
    writeFileSync(join(dir, 'imports', 'never-started.csv'), 'student_id\n1\n');
    await new ImportRunner(store, (kind, id) => `${kind}_${id}`).onApplicationBootstrap();
    const events = await store.readStream(importStreamOf('imp-1'));
    expect(events.map((event) => [event.type, event.data.reason, event.metadata.correlationId])).toEqual([
      ['ImportStarted.v1', undefined, 'imp-1'],
      ['ImportFailed.v1', 'interrupted', 'imp-1'],
    ]);
    expect(existsSync(join(dir, 'imports', 'imp-1.csv'))).toBe(false);
    expect(existsSync(join(dir, 'imports', 'never-started.csv'))).toBe(false);
    expect((await store.readAll()).map((event) => event.streamId)).toEqual(['import-imp-1', 'import-imp-1']);
  });
});
