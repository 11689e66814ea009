import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { someEvents } from '../contract/contract-fixtures';
import { prefixQueries } from './prefix-queries';
import { SqliteEventStore } from './sqlite-event-store';

describe('SqliteEventStore prefix filters', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'leap-sqlite-prefix-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    for (const stream of ['case-1', 'case-12', 'case-2', 'cases-1', 'casework', 'student-1', 'case-1-a']) {
      await store.appendToStream(stream, someEvents(1), 'no_stream');
    }
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const streamsMatching = async (...streamPrefixes: string[]) =>
    (await store.readAll({ filter: { streamPrefixes } })).map((event) => event.streamId);

  describe('when filtering by prefix', () => {
    it('matches a whole category, part of one, or categories by their start', async () => {
      expect(await streamsMatching('case-')).toEqual(['case-1', 'case-12', 'case-2', 'case-1-a']);
      expect(await streamsMatching('case-1')).toEqual(['case-1', 'case-12', 'case-1-a']);
      expect(await streamsMatching('case')).toEqual([
        'case-1',
        'case-12',
        'case-2',
        'cases-1',
        'casework',
        'case-1-a',
      ]);
      expect(await streamsMatching('student-', 'case-2')).toEqual(['case-2', 'student-1']);
      expect(await streamsMatching('case-', 'case-1')).toEqual(['case-1', 'case-12', 'case-2', 'case-1-a']);
    });

    it('pages across several prefixes without skipping or repeating', async () => {
      const filter = { streamPrefixes: ['case-1', 'student-', 'cases-'] };
      const first = await store.readAll({ filter, maxCount: 2 });
      const rest = await store.readAll({ filter, after: first[1]?.position });
      expect([...first, ...rest].map((event) => event.streamId)).toEqual([
        'case-1',
        'case-12',
        'cases-1',
        'student-1',
        'case-1-a',
      ]);
    });
  });

  describe('when SQLite plans a category query', () => {
    it('walks the (category, position) index in order instead of scanning or sorting', () => {
      const db = new Database(join(dir, 'events.sqlite'), { readonly: true });
      try {
        const [query] = prefixQueries(0, 100, { streamPrefixes: ['case-'], eventTypes: ['X.v1'] });
        if (!query) throw new Error('no query');
        const plan = db.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.params) as Array<{
          detail: string;
        }>;
        const details = plan.map((step) => step.detail).join('\n');
        expect(details).toContain('USING INDEX events_by_category (category=? AND position>?)');
        expect(details).not.toContain('TEMP B-TREE');
      } finally {
        db.close();
      }
    });
  });
});
