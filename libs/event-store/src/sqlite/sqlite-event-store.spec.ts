import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consume, ids, someEvents, within } from '../contract/contract-fixtures';
import type { EventToAppend } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';

describe('SqliteEventStore on a shared file', () => {
  let dir: string;
  let file: string;
  const opened: SqliteEventStore[] = [];
  const open = () => {
    const store = new SqliteEventStore(file);
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leap-sqlite-store-'));
    file = join(dir, 'events.sqlite');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  describe('when appends are asked for in the same turn (group commit)', () => {
    it('accepts or refuses each on its own, in the order asked', async () => {
      const store = open();
      await store.appendToStream('case-2', someEvents(1), 'no_stream');
      const first = someEvents(2);
      const results = await Promise.allSettled([
        store.appendToStream('case-1', first, 'no_stream'),
        store.appendToStream('case-2', someEvents(1), 'no_stream'),
        store.appendToStream('case-3', [], 'no_stream'),
        store.appendToStream('case-1', someEvents(1), 1n),
      ]);
      expect(results.map((result) => result.status)).toEqual([
        'fulfilled',
        'rejected',
        'rejected',
        'fulfilled',
      ]);
      expect(results[1]).toMatchObject({ reason: { name: 'WrongExpectedRevisionError', actual: 0n } });
      expect(ids(await store.readStream('case-1')).slice(0, 2)).toEqual(ids(first));
      expect(await store.readStream('case-1')).toHaveLength(3);
      expect(await store.readStream('case-2')).toHaveLength(1);
    });

    it('answers a re-append of stored ids with the original result inside a group', async () => {
      const store = open();
      const events = someEvents(2);
      const original = await store.appendToStream('case-1', events, 'no_stream');
      const [again, other] = await Promise.all([
        store.appendToStream('case-1', events, 'no_stream'),
        store.appendToStream('case-4', someEvents(1), 'no_stream'),
      ]);
      expect(again).toEqual(original);
      expect(other.nextRevision).toBe(0n);
      expect(await store.readStream('case-1')).toHaveLength(2);
    });

    it('refuses an append whose later event id is stored elsewhere, writing none of it, while the others go in', async () => {
      const store = open();
      const [stored] = someEvents(1) as [EventToAppend];
      await store.appendToStream('case-7', [stored], 'no_stream');
      const before = someEvents(1);
      const partlyStored = [...someEvents(2), stored];
      const after = someEvents(2);
      const results = await Promise.allSettled([
        store.appendToStream('case-8', before, 'no_stream'),
        store.appendToStream('case-9', partlyStored, 'any'),
        store.appendToStream('case-10', after, 'no_stream'),
        store.appendToStream('case-9', someEvents(1), 'no_stream'),
      ]);
      expect(results.map((result) => result.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect(results[1]).toMatchObject({ reason: { name: 'WrongExpectedRevisionError', actual: null } });
      expect(results[3]).toMatchObject({ value: { nextRevision: 0n } });
      expect(ids(await store.readStream('case-8'))).toEqual(ids(before));
      expect(ids(await store.readStream('case-10'))).toEqual(ids(after));
      expect(await store.readStream('case-9')).toHaveLength(1);
      const positions = (await store.readAll()).map((event) => event.streamId);
      expect(positions).toEqual(['case-7', 'case-8', 'case-10', 'case-10', 'case-9']);
    });

    it('writes appends asked for before a deletion first', async () => {
      const store = open();
      const appended = store.appendToStream('case-5', someEvents(1), 'no_stream');
      await store.deleteStream('case-5', 0n);
      await expect(appended).resolves.toMatchObject({ nextRevision: 0n });
      await expect(store.readStream('case-5')).rejects.toMatchObject({ name: 'StreamDeletedError' });
    });
  });

  describe('when another instance appends to the same file', () => {
    it('delivers those events to this instance’s subscription within a second', async () => {
      const reader = open();
      const writer = open();
      const subscription = reader.subscribeToAll({ filter: { streamPrefixes: ['case-'] } });
      const consumer = consume(subscription);
      await within(subscription.caughtUp, 1_000, 'caughtUp');
      const events = someEvents(3);
      const appendedAt = Date.now();
      await writer.appendToStream('case-1', events, 'no_stream');
      expect(ids(await consumer.waitFor(3, 1_000))).toEqual(ids(events));
      expect(Date.now() - appendedAt).toBeLessThan(1_000);
      await subscription.close();
    });

    it('serializes racing appends of both instances at exact revisions', async () => {
      const [a, b] = [open(), open()];
      await a.appendToStream('case-2', someEvents(1), 'no_stream');
      const outcomes = await Promise.allSettled(
        [a, b, a, b].map((store) => store.appendToStream('case-2', someEvents(1), 0n)),
      );
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(await b.readStream('case-2')).toHaveLength(2);
    });
  });

  describe('when the file is closed and reopened', () => {
    it('keeps every event, its revision and position, and continues the streams', async () => {
      const first = open();
      const events = someEvents(4);
      const result = await first.appendToStream('case-3', events, 'no_stream');
      await first.close();

      const reopened = open();
      const read = await reopened.readStream('case-3');
      expect(ids(read)).toEqual(ids(events));
      expect(read[3]?.position).toBe(result.position);
      const next = await reopened.appendToStream('case-3', someEvents(1), 3n);
      expect(next.nextRevision).toBe(4n);
      expect(reopened.comparePositions(result.position, next.position)).toBeLessThan(0);
    });
  });

  describe('when opened', () => {
    it('runs in WAL mode with synchronous=NORMAL, also after a reopen', async () => {
      await open().close();
      open();
      const db = new Database(file, { readonly: true });
      try {
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        db.close();
      }
      // synchronous is per connection: read it through the store's own connection.
      const store = open() as unknown as { db: Database.Database };
      expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
      expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    });
  });

  describe('when the same ids are appended again with another expectation', () => {
    it('answers with the original result for "any" and for a later exact revision', async () => {
      const store = open();
      const events = someEvents(2);
      const original = await store.appendToStream('case-4', events, 'no_stream');
      await store.appendToStream('case-4', someEvents(1), 1n);
      expect(await store.appendToStream('case-4', events, 'any')).toEqual(original);
      expect(await store.appendToStream('case-4', events, 2n)).toEqual(original);
      expect(await store.appendToStream('case-4', events, 'stream_exists')).toEqual(original);
      expect(await store.readStream('case-4')).toHaveLength(3);
    });

    it('refuses ids already stored in another stream', async () => {
      const store = open();
      const events = someEvents(1);
      await store.appendToStream('case-5', events, 'no_stream');
      await expect(store.appendToStream('case-6', events, 'any')).rejects.toMatchObject({
        name: 'WrongExpectedRevisionError',
        actual: null,
      });
    });
  });
});
