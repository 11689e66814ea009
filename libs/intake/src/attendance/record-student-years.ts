import {
  buildMetadata,
  deterministicUuid,
  readHistory,
  toDomainEvent,
  type EventMetadata,
} from '@leap/commands';
import {
  attendanceStreamOf,
  decideMonth,
  evolveAttendanceYear,
  initialAttendanceYear,
  type IncomingMonth,
  type RejectedRow,
  type StudentAttendanceEvent,
} from '@leap/domain';
import {
  WrongExpectedRevisionError,
  type EventStore,
  type EventToAppend,
  type JsonObject,
} from '@leap/event-store';
import type { ImportJob } from '../importer';
import { monthDaysOf, type AccumulatedMonth, type StudentYear } from './attendance-accumulator';

const ATTENDANCE_EVENT_TYPES = new Set(['AttendanceMonthRecorded.v1', 'AttendanceMonthCorrected.v1']);
const MAX_ATTEMPTS = 8;
export const RECORD_ATTENDANCE = 'ImportAttendance';

/**
 * Decides a student's school year against its stream and appends what is new in one append, at the
 * revision it read: months that bring nothing new append nothing (a file imported twice appends
 * nothing the second time), and a month the domain refuses (`mixed_sources`, `overlapping_period`)
 * is reported against the first line that named it, none of its rows counted as accepted. Another
 * writer in between makes it read and decide again (bounded). Event ids derive from the import, the
 * stream and the position in the append, so a retried append of the same decision is a no-op.
 */
export async function recordStudentYear(
  store: EventStore,
  year: StudentYear,
  job: ImportJob,
  metadataOf: (districtId: string, schoolId: string) => EventMetadata,
  /** The caller found the stream without events just before: the first attempt need not read it. */
  knownEmpty = false,
): Promise<{ appended: number; accepted: number; rejected: RejectedRow[] }> {
  const streamId = attendanceStreamOf(year.student, year.schoolYear);
  for (let attempt = 1; ; attempt += 1) {
    // Appended at 'no_stream' then, so a writer in between is still caught (and read on retry).
    const history = attempt === 1 && knownEmpty ? [] : await readHistory(store, streamId);
    let state = initialAttendanceYear();
    for (const recorded of history)
      if (ATTENDANCE_EVENT_TYPES.has(recorded.type))
        state = evolveAttendanceYear(state, toDomainEvent<StudentAttendanceEvent>(recorded));

    const events: EventToAppend[] = [];
    const rejected: RejectedRow[] = [];
    let accepted = 0;
    for (const month of year.months) {
      const decision = decideMonth(state, incomingOf(year, month));
      if (decision.outcome !== 'rejected') accepted += month.rows;
      if (decision.outcome === 'unchanged') continue;
      if (decision.outcome === 'rejected') {
        rejected.push({ line: month.firstLine, column: null, reason: decision.reason });
        continue;
      }
      state = evolveAttendanceYear(state, decision.event);
      events.push({
        id: deterministicUuid(job.importId, streamId, String(events.length)),
        type: decision.event.type,
        data: decision.event.data as unknown as JsonObject,
        metadata: metadataOf(year.districtId, month.schoolId),
      });
    }
    if (events.length === 0) return { appended: 0, accepted, rejected };
    try {
      await store.appendToStream(streamId, events, history.at(-1)?.revision ?? 'no_stream');
      return { appended: events.length, accepted, rejected };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

function incomingOf(year: StudentYear, month: AccumulatedMonth): IncomingMonth {
  const header = {
    student: year.student,
    districtId: year.districtId,
    schoolId: month.schoolId,
    schoolYear: year.schoolYear,
    month: month.month,
    partialCountsAs: year.partialCountsAs,
  };
  return month.days
    ? { ...header, days: monthDaysOf(month.days) }
    : { ...header, periods: month.periods ?? [] };
}

/** Metadata of the import's events, one object per district and school (they are all alike). */
export function importMetadata(job: ImportJob): (districtId: string, schoolId: string) => EventMetadata {
  const context = { ...job.context, correlationId: job.importId };
  const built = new Map<string, EventMetadata>();
  return (districtId, schoolId) => {
    const key = `${districtId}|${schoolId}`;
    let metadata = built.get(key);
    if (!metadata) {
      metadata = buildMetadata(context, { districtId, schoolId }, RECORD_ATTENDANCE);
      built.set(key, metadata);
    }
    return metadata;
  };
}

/** The items in consecutive chunks of at most `size`. */
export function* chunksOf<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}
