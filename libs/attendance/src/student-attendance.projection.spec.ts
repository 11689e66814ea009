import Database from 'better-sqlite3';
import type { RecordedEvent } from '@leap/event-store';
import type { PiiReader } from '@leap/projections';
import type { StudentAttendanceDoc } from './domain/student-attendance-doc';
import { studentAttendanceProjection as projection } from './student-attendance.projection';

let position = 0;
const recorded = (streamId: string, type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `e${++position}`,
  streamId,
  revision: 0n,
  position: String(position),
  type,
  data: data as RecordedEvent['data'],
  metadata: {},
  recordedAt: '2026-01-01T00:00:00.000Z',
});
const rostered = recorded('student-stu_a', 'StudentRostered.v1', {
  student: 'stu_a',
  districtId: 'd1',
  schoolId: 's1',
  grade: '6',
  flags: { englishLearner: false, freeReducedLunch: true, housingInsecure: false, iep: false },
  homeLanguage: null,
  pii: { $sealed: 'aes-256-gcm/v1', key: 'student-stu_a' },
});
const september = recorded('attendance-stu_a-2025-26', 'AttendanceMonthRecorded.v1', {
  student: 'stu_a',
  districtId: 'd1',
  schoolId: 's1',
  schoolYear: '2025-26',
  month: '2025-09',
  partialCountsAs: 'present',
  daysEnrolled: 20,
  daysAbsent: 3,
  byCategory: null,
  days: null,
  periods: [],
});
const opener = (answer: Record<string, unknown>): PiiReader => ({ open: () => Promise.resolve(answer) });

describe('when roster and attendance events are projected', () => {
  it('keys both by the student pseudonym and keeps the state id only as opened from the roster', async () => {
    expect(projection.keyOf(rostered)).toBe('stu_a');
    expect(projection.keyOf(september)).toBe('stu_a');
    const prepared = await projection.prepare!(
      [rostered, september],
      opener({ studentId: 'S-1', guardianName: 'Rosa' }),
    );
    expect([...prepared]).toEqual([[rostered.id, 'S-1']]);
    const doc = projection.evolve(projection.evolve(null, rostered, 'S-1'), september);
    expect(doc).toEqual({
      student: 'stu_a',
      studentId: 'S-1',
      attendanceDistrictId: 'd1',
      roster: {
        districtId: 'd1',
        schoolId: 's1',
        grade: '6',
        flags: { englishLearner: false, freeReducedLunch: true, housingInsecure: false, iep: false },
        homeLanguage: null,
      },
      years: {
        '2025-26': { 's1|2025-09': { schoolId: 's1', month: '2025-09', daysEnrolled: 20, daysAbsent: 3 } },
      },
    });
    expect(JSON.stringify(doc)).not.toContain('Rosa');
  });

  it('keeps no state id when the roster’s personal data cannot be opened', async () => {
    const failing: PiiReader = { open: () => Promise.reject(new Error('key destroyed')) };
    const prepared = await projection.prepare!([rostered], failing);
    expect(prepared.get(rostered.id)).toBeNull();
  });

  it('stores district, school and grade as columns for district and school listings', () => {
    const db = new Database(':memory:');
    projection.store.create(db, 'student_attendance_g1');
    const table = projection.store.open(db, 'student_attendance_g1');
    const doc = projection.evolve(null, rostered, 'S-1') as StudentAttendanceDoc;
    table.write('stu_a', doc, null);
    expect(db.prepare('SELECT key, district_id, school_id, grade FROM student_attendance_g1').all()).toEqual([
      { key: 'stu_a', district_id: 'd1', school_id: 's1', grade: '6' },
    ]);
    expect(table.load('stu_a')).toEqual(doc);
    db.close();
  });
});
