import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { importStreamOf } from '@leap/domain';
import { SqliteEventStore } from '@leap/event-store';
import { fieldOf, valuesOf, type ImportEnvironment, type Importer } from '../importer';
import { ImportStoppedError } from './import-stopped';
import { runImport } from './run-import';

const SHAPES = [
  { name: 'daily', required: ['student_id', 'date'], optional: ['note'] },
  { name: 'period', required: ['student_id', 'period_start'], optional: [] },
];

/** An importer that keeps what it is handed and rejects rows whose date is `bad`. */
function recordingImporter() {
  const seen: { shape: string; rows: { line: number; values: Record<string, string> }[] } = {
    shape: '',
    rows: [],
  };
  const importer: Importer = {
    kind: 'attendance',
    shapes: SHAPES,
    async run(rows, job, _env, progress) {
      seen.shape = job.shape;
      for await (const row of rows) {
        seen.rows.push({ line: row.line, values: valuesOf(row, job.columns) });
        if (fieldOf(row, job.columns, 'date') === 'bad')
          progress.reject({ line: row.line, column: 'date', reason: 'invalid_date' });
        else progress.accept();
      }
    },
  };
  return { importer, seen };
}

// Every behaviour holds whether csv-parse runs on the main thread or on a worker thread (the CLI's).
describe.each([
  ['on the main thread', false],
  ['on a worker thread', true],
])('runImport, parsing %s', (_where, parseInWorker) => {
  let dir: string;
  let store: SqliteEventStore;
  let env: ImportEnvironment;
  const context = {
    actor: { id: 'u1', role: 'coordinator' },
    commandId: 'c1',
    correlationId: 'x',
    causationId: 'x',
    receivedAt: new Date('2026-01-10T12:00:00Z'),
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'intake-reader-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    env = { store, pseudonymize: (kind, id) => `${kind}_${id}`, today: '2026-01-10' };
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (text: string | Buffer, importer: Importer, importId = 'imp1') =>
    runImport({
      importer,
      input: Readable.from([text]),
      importId,
      districtId: 'd1',
      context,
      env,
      parseInWorker,
    });

  describe('when the file is messy but well-formed', () => {
    it('matches the header in any order and case, strips a BOM, reads CRLF and quoted newlines, and numbers rows by their first line', async () => {
      const { importer, seen } = recordingImporter();
      const text =
        '\ufeff Date ,STUDENT_ID,note\r\n2026-01-05,s1,plain\r\n\r\n2026-01-06,s2,"two\r\nlines, and a comma"\r\n2026-01-07 , s3 ,""\r\n';
      const outcome = await run(text, importer);
      expect(outcome).toMatchObject({ status: 'completed', counts: { rows: 3, accepted: 3, rejected: 0 } });
      expect(seen.shape).toBe('daily');
      expect(seen.rows).toEqual([
        { line: 2, values: { date: '2026-01-05', student_id: 's1', note: 'plain' } },
        { line: 4, values: { date: '2026-01-06', student_id: 's2', note: 'two\r\nlines, and a comma' } },
        { line: 6, values: { date: '2026-01-07', student_id: 's3', note: '' } },
      ]);
    });

    it('picks the shape the header fits', async () => {
      const { importer, seen } = recordingImporter();
      await run('period_start,student_id\n2026-01-01,s1\n', importer);
      expect(seen.shape).toBe('period');
    });
  });

  describe('when rows are malformed', () => {
    it('reports them as malformed_csv with their line and hands the others on', async () => {
      const { importer, seen } = recordingImporter();
      const outcome = await run(
        'student_id,date\ns1,2026-01-05\ns2\ns3,bad\ns4,2026-01-06,extra\ns5,2026-01-07\n',
        importer,
      );
      expect(seen.rows.map((row) => row.line)).toEqual([2, 4, 6]);
      expect(outcome).toMatchObject({
        status: 'completed',
        counts: { rows: 5, accepted: 2, rejected: 3, appended: 0 },
        rejectedRows: [
          { line: 3, column: null, reason: 'malformed_csv' },
          { line: 4, column: 'date', reason: 'invalid_date' },
          { line: 5, column: null, reason: 'malformed_csv' },
        ],
      });
    });

    it('stops the import when a quote is never closed, rather than losing the rest silently', async () => {
      const { importer } = recordingImporter();
      const outcome = await run('student_id,date\ns1,2026-01-05\ns2,"2026-01-06\ns3,2026-01-07\n', importer);
      expect(outcome).toMatchObject({ status: 'failed', reason: 'malformed_csv' });
    });
  });

  describe('when the header fits no shape', () => {
    it('fails the import naming the unknown and missing columns', async () => {
      const { importer, seen } = recordingImporter();
      const outcome = await run('student_id,day,note\ns1,2026-01-05,x\n', importer);
      expect(outcome.status).toBe('failed');
      expect(outcome.reason).toBe('invalid_header');
      expect(outcome.detail).toContain('"day"');
      expect(outcome.detail).toContain('"date"');
      expect(seen.rows).toEqual([]);
      const events = await store.readStream(importStreamOf('imp1'));
      expect(events.map((event) => event.type)).toEqual(['ImportStarted.v1', 'ImportFailed.v1']);
      expect(events[1]!.data).toMatchObject({ reason: 'invalid_header', counts: { rows: 0 } });
    });

    it('fails an empty file', async () => {
      const outcome = await run('', recordingImporter().importer);
      expect(outcome).toMatchObject({ status: 'failed', reason: 'invalid_header' });
    });

    it('fails a file with a repeated column', async () => {
      const outcome = await run('student_id,date,Date\n', recordingImporter().importer);
      expect(outcome).toMatchObject({ status: 'failed', reason: 'invalid_header' });
      expect(outcome.detail).toContain('repeated');
    });
  });

  describe('when the input fails', () => {
    it('records the failure with the reason the input gives', async () => {
      const { importer } = recordingImporter();
      const input = new Readable({ read() {} });
      input.push('student_id,date\ns1,2026-01-05\n');
      setTimeout(() => input.destroy(new ImportStoppedError('body_too_large')), 10);
      const outcome = await runImport({
        importer,
        input,
        importId: 'imp2',
        districtId: 'd1',
        context,
        env,
        parseInWorker,
      });
      expect(outcome).toMatchObject({ status: 'failed', reason: 'body_too_large' });
    });
  });

  it('hands importers the parser stream itself, and reports the final counts as progress', async () => {
    let handed: unknown = null;
    const importer: Importer = {
      kind: 'attendance',
      shapes: SHAPES,
      async run(rows, _job, _env, progress) {
        handed = rows;
        for await (const row of rows) if (row) progress.accept();
      },
    };
    const lines = Array.from({ length: 10_000 }, (_, i) => `s${i},2026-01-05\n`).join('');
    const reports: number[] = [];
    const outcome = await runImport({
      importer,
      input: Readable.from([`student_id,date\n${lines}`]),
      importId: 'imp4',
      districtId: 'd1',
      context,
      env,
      parseInWorker,
      onProgress: (counts) => reports.push(counts.rows),
    });
    expect(handed).toBeInstanceOf(Readable);
    expect(outcome.counts).toMatchObject({ rows: 10_000, accepted: 10_000 });
    expect(reports.at(-1)).toBe(10_000);
  });

  it('records start and completion on import-<id>, correlated by the import id', async () => {
    await run('student_id,date\ns1,bad\n', recordingImporter().importer, 'imp3');
    const events = await store.readStream(importStreamOf('imp3'));
    expect(events.map((event) => [event.type, event.metadata.correlationId])).toEqual([
      ['ImportStarted.v1', 'imp3'],
      ['ImportCompleted.v1', 'imp3'],
    ]);
    expect(events[0]!.data).toMatchObject({ importId: 'imp3', kind: 'attendance', districtId: 'd1' });
    expect(events[1]!.data).toMatchObject({
      counts: { rows: 1, accepted: 0, rejected: 1, appended: 0 },
      rejectedRows: [{ line: 2, column: 'date', reason: 'invalid_date' }],
    });
  });
});
