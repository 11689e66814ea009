import { attendanceStreamOf, type AttendanceMonth } from '@leap/domain';
import type { EventStore, RecordedEvent } from '@leap/event-store';
import { EsdbDouble } from '../../../../test/esdb-double/esdb-double';
import {
  AttendanceWorld,
  eventStoreDb,
  sealingStoreOver,
  sqliteStore,
  type StoreUnderTest,
} from './attendance-import.fixtures';

const DAILY = 'student_id,school_id,date,category';
const PERIOD = 'student_id,school_id,period_start,period_end,days_enrolled,days_absent';
const csv = (header: string, ...rows: string[]) => [header, ...rows].join('\n');

/** The EventStoreDB adapter against the gRPC double of the server, stopped with the store. */
async function onEventStoreDb(): Promise<StoreUnderTest> {
  const double = await EsdbDouble.start({ batchAppend: true });
  const under = await sealingStoreOver(eventStoreDb(double.connectionString));
  return {
    ...under,
    async cleanup() {
      await under.cleanup();
      await double.stop();
    },
  };
}

describe.each([
  ['sqlite', () => sealingStoreOver(sqliteStore)],
  ['eventstoredb', onEventStoreDb],
] as const)('when attendance files are imported (%s)', (_name, open) => {
  let under: StoreUnderTest;
  let store: EventStore;
  let world: AttendanceWorld;

  beforeAll(async () => {
    under = await open();
    store = under.store;
  });
  afterAll(() => under.cleanup());
  beforeEach(async () => {
    world = new AttendanceWorld(store);
    await world.registerDistrict('d1', ['sch-1', 'sch-2']);
    await world.registerDistrict('d2', ['sch-9'], 'absent');
    await world.roster('ana', 'd1', 'sch-1');
    await world.roster('ben', 'd1', 'sch-2');
    await world.roster('cy', 'd2', 'sch-9');
  });

  const streamOf = (name: string, schoolYear = '2025-26') =>
    store.readStream(attendanceStreamOf(world.pseudonymOf(name), schoolYear));
  const month = (event: RecordedEvent | undefined) => event?.data as unknown as AttendanceMonth;

  it('records one summary per student, school and month, each carrying the import as correlation id', async () => {
    const ana = world.stateId('ana');
    const ben = world.stateId('ben');
    const report = await world.import(
      csv(
        DAILY,
        `${ana},sch-1,2025-09-02,In Attendance`,
        `${ben},sch-2,2025-09-02,Excused Absence`,
        `${ana},sch-1,2025-09-03,Unexcused Absence`,
        `${ben},sch-2,2025-09-03,tardy`,
        `${ana},sch-1,2025-10-01,Early departure`,
      ),
      'd1',
    );
    expect(report).toMatchObject({ rejected: [], accepted: 5, appendedEvents: 3 });
    const anaEvents = await streamOf('ana');
    expect(anaEvents.map((event) => [event.type, month(event).month])).toEqual([
      ['AttendanceMonthRecorded.v1', '2025-09'],
      ['AttendanceMonthRecorded.v1', '2025-10'],
    ]);
    expect(month(anaEvents[0])).toMatchObject({ daysEnrolled: 2, daysAbsent: 1, schoolId: 'sch-1' });
    expect(month((await streamOf('ben'))[0])).toMatchObject({
      daysEnrolled: 2,
      daysAbsent: 1,
      schoolId: 'sch-2',
    });
    for (const event of [...anaEvents, ...(await streamOf('ben'))])
      expect(event.metadata).toMatchObject({
        correlationId: report.importId,
        districtId: world.district('d1'),
        schoolId: month(event).schoolId,
        actorId: 'coord-1',
      });
  });

  it('keeps no state student id in any stream name or stored event outside sealed personal data', async () => {
    const ana = world.stateId('ana');
    await world.import(csv(DAILY, `${ana},sch-1,2025-09-02,In Attendance`), 'd1');
    const everything = await under.raw.readAll();
    expect(everything.some((event) => event.streamId.startsWith('attendance-'))).toBe(true);
    for (const event of everything) {
      expect(event.streamId).not.toContain(ana);
      expect(JSON.stringify({ data: event.data, metadata: event.metadata })).not.toContain(ana);
    }
  });

  it('rejects each bad row with its reason and keeps the good rows', async () => {
    const [ana, cy] = [world.stateId('ana'), world.stateId('cy')];
    const report = await world.import(
      csv(
        DAILY,
        `${ana},sch-1,2025-09-02,In Attendance`, // 2: kept
        `${world.stateId('nobody')},sch-1,2025-09-02,In Attendance`,
        `${cy},sch-9,2025-09-02,In Attendance`,
        `${ana},sch-7,2025-09-03,In Attendance`,
        `${ana},sch-1,2025-02-30,In Attendance`,
        `${ana},sch-1,09/04/2025,In Attendance`,
        `${ana},sch-1,2026-03-16,In Attendance`,
        `${ana},sch-1,1999-12-01,In Attendance`,
        `${ana},sch-1,2025-09-05,Field Trip`,
        `${ana},sch-1,2025-09-02,Excused Absence`,
        `,sch-1,2025-09-02,In Attendance`,
        `${ana},sch-1,2025-09-08,`,
        `${ana},sch-1,2025-09-09,Partial`, // 14: kept
      ),
      'd1',
    );
    expect(report.rejected).toEqual([
      { line: 3, column: 'student_id', reason: 'unknown_student' },
      { line: 4, column: 'student_id', reason: 'wrong_district' },
      { line: 5, column: 'school_id', reason: 'school_not_found' },
      { line: 6, column: 'date', reason: 'invalid_date' },
      { line: 7, column: 'date', reason: 'invalid_date' },
      { line: 8, column: 'date', reason: 'future_date' },
      { line: 9, column: 'date', reason: 'outside_school_year' },
      { line: 10, column: 'category', reason: 'unknown_category' },
      { line: 11, column: null, reason: 'duplicate_row' },
      { line: 12, column: 'student_id', reason: 'missing_value' },
      { line: 13, column: 'category', reason: 'missing_value' },
    ]);
    expect(report.accepted).toBe(2);
    expect(month((await streamOf('ana'))[0])).toMatchObject({ daysEnrolled: 2, daysAbsent: 0 });
  });

  it('lets a state-wide caller import every district', async () => {
    const file = csv(
      DAILY,
      `${world.stateId('ana')},sch-1,2025-09-02,In Attendance`,
      `${world.stateId('cy')},sch-9,2025-09-02,In Attendance`,
    );
    expect(await world.import(file, null)).toMatchObject({ rejected: [], appendedEvents: 2 });
  });

  it('appends nothing when the same file is imported again', async () => {
    const file = csv(
      DAILY,
      `${world.stateId('ana')},sch-1,2025-09-02,In Attendance`,
      `${world.stateId('ana')},sch-1,2025-09-03,Excused Absence`,
    );
    expect((await world.import(file, 'd1')).appendedEvents).toBe(1);
    expect(await world.import(file, 'd1')).toMatchObject({
      rejected: [],
      accepted: 2,
      appendedEvents: 0,
    });
    expect(await streamOf('ana')).toHaveLength(1);
  });

  it('adds a weekly extract to the month, which keeps the earlier weeks', async () => {
    const ana = world.stateId('ana');
    await world.import(
      csv(DAILY, `${ana},sch-1,2025-09-02,In Attendance`, `${ana},sch-1,2025-09-03,In Attendance`),
      'd1',
    );
    await world.import(csv(DAILY, `${ana},sch-1,2025-09-08,Unexcused Absence`), 'd1');
    const events = await streamOf('ana');
    expect(events.map((event) => event.type)).toEqual([
      'AttendanceMonthRecorded.v1',
      'AttendanceMonthRecorded.v1',
    ]);
    expect(month(events[1])).toMatchObject({ daysEnrolled: 3, daysAbsent: 1 });
  });

  it('corrects a changed day with a new event and keeps the earlier summary in the history', async () => {
    const ana = world.stateId('ana');
    await world.import(
      csv(DAILY, `${ana},sch-1,2025-09-02,In Attendance`, `${ana},sch-1,2025-09-03,In Attendance`),
      'd1',
    );
    const correction = await world.import(csv(DAILY, `${ana},sch-1,2025-09-03,Excused Absence`), 'd1');
    const events = await streamOf('ana');
    expect(events.map((event) => event.type)).toEqual([
      'AttendanceMonthRecorded.v1',
      'AttendanceMonthCorrected.v1',
    ]);
    expect(month(events[0])).toMatchObject({ daysEnrolled: 2, daysAbsent: 0 });
    expect(events[1]?.data).toMatchObject({ daysEnrolled: 2, daysAbsent: 1, corrected: ['2025-09-03'] });
    expect(events[1]?.metadata.correlationId).toBe(correction.importId);
  });

  it("counts partial days as each district's setting says", async () => {
    const file = csv(
      DAILY,
      `${world.stateId('ana')},sch-1,2025-09-02,Partial`,
      `${world.stateId('cy')},sch-9,2025-09-02,Partial`,
    );
    await world.import(file, null);
    expect(month((await streamOf('ana'))[0])).toMatchObject({ daysAbsent: 0, partialCountsAs: 'present' });
    expect(month((await streamOf('cy'))[0])).toMatchObject({ daysAbsent: 1, partialCountsAs: 'absent' });
  });

  it('puts each school year in its own stream', async () => {
    const ana = world.stateId('ana');
    await world.import(
      csv(DAILY, `${ana},sch-1,2025-06-02,In Attendance`, `${ana},sch-1,2025-09-02,In Attendance`),
      'd1',
    );
    expect(await streamOf('ana', '2024-25')).toHaveLength(1);
    expect(await streamOf('ana', '2025-26')).toHaveLength(1);
  });

  it('rejects rows outside the school year the caller names for the file, and keeps the others', async () => {
    const ana = world.stateId('ana');
    const report = await world.import(
      csv(
        PERIOD,
        `${ana},sch-1,2025-06-02,2025-06-13,10,1`,
        `${ana},sch-1,2025-09-02,2025-09-12,9,0`,
        `${ana},sch-1,2025-07-07,2025-07-11,5,0`,
      ),
      'd1',
      '2025-26',
    );
    expect(report.rejected).toEqual([{ line: 2, column: 'period_start', reason: 'outside_school_year' }]);
    expect(report.accepted).toBe(2);
    const daily = await world.import(
      csv(DAILY, `${ana},sch-1,2025-10-01,In Attendance`, `${ana},sch-1,2025-06-30,In Attendance`),
      'd1',
      '2025-26',
    );
    expect(daily.rejected).toEqual([{ line: 3, column: 'date', reason: 'outside_school_year' }]);
  });

  it('reads a messy file: BOM, CRLF, columns in any order and case, quoted fields with commas and newlines', async () => {
    const ana = world.stateId('ana');
    const file =
      '\uFEFF Category ,DATE,School_ID,student_id\r\n' +
      `"In Attendance",2025-09-02,sch-1,${ana}\r\n` +
      `"Excused\r\nAbsence",2025-09-03,sch-1,${ana}\r\n` +
      `"Field trip, museum",2025-09-04,sch-1,${ana}\r\n` +
      `Tardy,2025-09-05,sch-1,${ana}\r\n`;
    const report = await world.import(file, 'd1');
    expect(report.rejected).toEqual([{ line: 5, column: 'category', reason: 'unknown_category' }]);
    expect(month((await streamOf('ana'))[0])).toMatchObject({ daysEnrolled: 3, daysAbsent: 1 });
  });

  it('appends nothing when the file cannot be read to its end', async () => {
    const ana = world.stateId('ana');
    const outcome = await world.attempt(
      csv(DAILY, `${ana},sch-1,2025-09-02,In Attendance`, `${ana},sch-1,2025-09-03,"In Attendance`),
      'd1',
    );
    expect(outcome).toMatchObject({ status: 'failed', reason: 'malformed_csv' });
    await expect(streamOf('ana')).rejects.toMatchObject({ name: 'StreamNotFoundError' });
  });

  describe('in period summaries', () => {
    it('records the periods of a month and rejects bad periods', async () => {
      const ana = world.stateId('ana');
      const report = await world.import(
        csv(
          PERIOD,
          `${ana},sch-1,2025-09-01,2025-09-14,10,1`,
          `${ana},sch-1,2025-09-15,2025-09-30,11,2`,
          `${ana},sch-1,2025-09-25,2025-10-05,7,0`,
          `${ana},sch-1,2025-10-01,2025-10-14,10,11`,
          `${ana},sch-1,2025-10-01,2025-10-14,ten,1`,
          `${ana},sch-1,2025-10-14,2025-10-01,5,1`,
          `${ana},sch-1,2025-09-01,2025-09-14,10,1`,
        ),
        'd1',
      );
      expect(report.rejected).toEqual([
        { line: 4, column: 'period_end', reason: 'period_spans_months' },
        { line: 5, column: 'days_absent', reason: 'absent_exceeds_enrolled' },
        { line: 6, column: 'days_enrolled', reason: 'invalid_value' },
        { line: 7, column: 'period_end', reason: 'invalid_value' },
        { line: 8, column: null, reason: 'duplicate_row' },
      ]);
      const events = await streamOf('ana');
      expect(events).toHaveLength(1);
      expect(month(events[0])).toMatchObject({ daysEnrolled: 21, daysAbsent: 3, days: null });
    });

    it('reports a period overlapping a recorded one against the first line of the month', async () => {
      const ana = world.stateId('ana');
      await world.import(csv(PERIOD, `${ana},sch-1,2025-09-01,2025-09-14,10,1`), 'd1');
      const report = await world.import(
        csv(
          PERIOD,
          `${world.stateId('ben')},sch-2,2025-09-01,2025-09-14,10,1`,
          `${ana},sch-1,2025-09-10,2025-09-20,8,0`,
        ),
        'd1',
      );
      expect(report.rejected).toEqual([{ line: 3, column: null, reason: 'overlapping_period' }]);
      expect(report.accepted).toBe(1);
      expect(report.appendedEvents).toBe(1);
      expect(await streamOf('ana')).toHaveLength(1);
    });

    it('refuses daily records for a month recorded from period summaries', async () => {
      const ana = world.stateId('ana');
      await world.import(csv(PERIOD, `${ana},sch-1,2025-09-01,2025-09-30,21,2`), 'd1');
      const report = await world.import(
        csv(DAILY, `${ana},sch-1,2025-10-01,In Attendance`, `${ana},sch-1,2025-09-02,In Attendance`),
        'd1',
      );
      expect(report.rejected).toEqual([{ line: 3, column: null, reason: 'mixed_sources' }]);
      expect(report.accepted).toBe(1);
      expect((await streamOf('ana')).map((event) => month(event).month)).toEqual(['2025-09', '2025-10']);
    });
  });
});
