import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordedEvent } from '@leap/event-store';
import { TestApi, coordinator, type Client } from './support/harness';
import { importCsv, postImport } from './support/imports';

const example = (name: string) => readFileSync(join(__dirname, '..', 'examples', name), 'utf8');

describe('when a district imports attendance files over HTTP', () => {
  let api: TestApi;
  let as: Client;

  beforeAll(async () => {
    api = await TestApi.start();
    as = api.as(coordinator('d1'));
    await importCsv(as, 'schools', example('schools.csv'));
    await importCsv(as, 'roster', example('roster.csv'));
  });
  afterAll(() => api.stop());

  async function attendanceEvents(): Promise<RecordedEvent[]> {
    const store = api.openRawStore();
    try {
      return await store.readAll({ filter: { streamPrefixes: ['attendance-'] } });
    } finally {
      await store.close();
    }
  }

  it('records one summary per student and month from the daily example, then nothing on a re-import', async () => {
    const first = await importCsv(as, 'attendance', example('attendance-daily.csv'));
    expect(first.body).toMatchObject({
      kind: 'attendance',
      status: 'completed',
      counts: { rows: 10, accepted: 10, rejected: 0, appended: 4 },
    });
    const events = await attendanceEvents();
    expect(events).toHaveLength(4);
    for (const event of events) {
      expect(event.streamId).toMatch(/^attendance-stu_[0-9a-f]{20}-2025-26$/);
      expect(event.metadata).toMatchObject({ correlationId: first.body.importId, districtId: 'd1' });
      const { streamId, data, metadata } = event;
      expect(JSON.stringify({ streamId, data, metadata })).not.toMatch(/100000000\d/);
    }
    expect(events.find((event) => event.data.schoolId === 'oak')?.data).toMatchObject({
      month: '2025-09',
      daysEnrolled: 2,
      daysAbsent: 0,
    });

    const again = await importCsv(as, 'attendance', example('attendance-daily.csv'));
    expect(again.body.counts).toEqual({ rows: 10, accepted: 10, rejected: 0, appended: 0 });
    expect(await attendanceEvents()).toHaveLength(4);
  });

  it('refuses period summaries for months imported from daily records, and records the others', async () => {
    const result = await importCsv(as, 'attendance', example('attendance-period.csv'));
    expect(result.body.rejectedRows).toEqual(
      [2, 3, 4, 5].map((line) => ({ line, column: null, reason: 'mixed_sources' })),
    );
    expect(result.body.counts).toEqual({ rows: 5, accepted: 1, rejected: 4, appended: 1 });
  });

  it('corrects a changed day and reports rows of unknown students and schools', async () => {
    const csv = [
      'student_id,school_id,date,category',
      '1000000003,oak,2025-09-03,Unexcused Absence',
      '1000000099,oak,2025-09-03,In Attendance',
      '1000000003,pine,2025-09-04,In Attendance',
    ].join('\n');
    const result = await importCsv(as, 'attendance', csv);
    expect(result.body.rejectedRows).toEqual([
      { line: 3, column: 'student_id', reason: 'unknown_student' },
      { line: 4, column: 'school_id', reason: 'school_not_found' },
    ]);
    const corrected = (await attendanceEvents()).filter(
      (event) => event.type === 'AttendanceMonthCorrected.v1',
    );
    expect(corrected).toHaveLength(1);
    expect(corrected[0]?.data).toMatchObject({ corrected: ['2025-09-03'], daysEnrolled: 2, daysAbsent: 1 });
  });

  it('rejects rows of students of another district', async () => {
    const result = await importCsv(api.as(coordinator('d2')), 'attendance', example('attendance-daily.csv'));
    expect(result.body.counts).toMatchObject({ rows: 10, accepted: 0, rejected: 10, appended: 0 });
    expect(result.body.rejectedRows[0]).toEqual({ line: 2, column: 'student_id', reason: 'wrong_district' });
  });

  it('rejects rows outside the school year the file is said to be for, and refuses a malformed one', async () => {
    const elsewhere = await importCsv(
      as,
      'attendance',
      example('attendance-daily.csv'),
      '?schoolYear=2024-25',
    );
    expect(elsewhere.body.counts).toMatchObject({ rows: 10, accepted: 0, rejected: 10, appended: 0 });
    expect(new Set(elsewhere.body.rejectedRows.map((row: { reason: string }) => row.reason))).toEqual(
      new Set(['outside_school_year']),
    );
    const bad = await postImport(as, 'attendance', example('attendance-daily.csv'), '?schoolYear=2025-27');
    expect([bad.status, bad.body.errors?.[0]?.path]).toEqual([400, 'schoolYear']);
  });
});
