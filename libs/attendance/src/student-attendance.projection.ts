import { ATTENDANCE_STREAM_PREFIX, STUDENT_STREAM_PREFIX } from '@leap/domain';
import type { RecordedEvent } from '@leap/event-store';
import { jsonDocumentStore, type PiiReader, type Projection } from '@leap/projections';
import {
  STUDENT_FACT_EVENT_TYPES,
  evolveStudentAttendance,
  type StudentFactEvent,
} from './domain/evolve-student-attendance';
import { districtOfStudent, type StudentAttendanceDoc } from './domain/student-attendance-doc';

export const STUDENT_ATTENDANCE = 'student_attendance';

/**
 * One document per student (key: the pseudonym `stu_…`) with the district, school and grade as
 * columns, so a district's or a school's students are one index range. No other personal data
 * than `studentId` (in the document, never in a column).
 */
export const studentAttendanceStore = jsonDocumentStore<StudentAttendanceDoc>({
  columns: [
    { name: 'district_id', type: 'TEXT', of: (d) => districtOfStudent(d) },
    { name: 'school_id', type: 'TEXT', of: (d) => d.roster?.schoolId ?? null },
    { name: 'grade', type: 'TEXT', of: (d) => d.roster?.grade ?? null },
  ],
  indexes: [
    ['district_id', 'key'],
    ['school_id', 'key'],
  ],
});

/** The state student id of each roster event of the batch, opened from its sealed `pii`. */
async function prepareStudentIds(
  events: readonly RecordedEvent[],
  pii: PiiReader,
): Promise<ReadonlyMap<string, string | null>> {
  const opened = new Map<string, string | null>();
  for (const event of events) {
    if (event.type !== 'StudentRostered.v1') continue;
    const value = await pii
      .open(event.data.pii, { streamId: event.streamId, eventType: event.type })
      .catch(() => ({ unreadable: true }));
    const studentId = (value as { studentId?: unknown }).studentId;
    opened.set(event.id, typeof studentId === 'string' ? studentId : null);
  }
  return opened;
}

const studentOf = (event: RecordedEvent): string | null =>
  typeof event.data.student === 'string' ? event.data.student : null;

/**
 * What the student information system says of every student, served or not: the latest roster
 * entry and the latest figures of each school month, from `student-…` and `attendance-…` streams.
 */
export const studentAttendanceProjection: Projection<StudentAttendanceDoc, string | null> = {
  name: STUDENT_ATTENDANCE,
  version: 1,
  filter: {
    streamPrefixes: [STUDENT_STREAM_PREFIX, ATTENDANCE_STREAM_PREFIX],
    eventTypes: [...STUDENT_FACT_EVENT_TYPES],
  },
  keyOf: studentOf,
  prepare: prepareStudentIds,
  evolve(doc, event, prepared) {
    if (!(STUDENT_FACT_EVENT_TYPES as readonly string[]).includes(event.type)) return doc;
    const fact = { type: event.type, data: event.data } as unknown as StudentFactEvent;
    return evolveStudentAttendance(doc, fact, prepared);
  },
  store: studentAttendanceStore,
};
