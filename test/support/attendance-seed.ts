import { randomUUID } from 'node:crypto';
import { buildMetadata } from '@leap/commands';
import {
  attendanceStreamOf,
  decideMonth,
  evolveAttendanceYear,
  initialAttendanceYear,
  lastDayOfMonth,
  schoolYearOf,
  studentStreamOf,
  type Grade,
  type Pseudonymize,
  type StudentAttendanceEvent,
} from '@leap/domain';
import { EVENT_STORE, type EventStore, type JsonObject } from '@leap/event-store';
import { PSEUDONYMIZE } from '@leap/privacy';
import type { TestApi } from './harness';

/**
 * Roster and attendance written the way the importers write them, through the application's own
 * event store (so personal data is sealed and the live subscriptions see the events at once).
 */
export class AttendanceSeed {
  constructor(private readonly api: TestApi) {}

  private get store(): EventStore {
    return this.api.app.get<EventStore>(EVENT_STORE);
  }

  pseudonymOf(studentId: string): string {
    return this.api.app.get<Pseudonymize>(PSEUDONYMIZE)('student', studentId);
  }

  async roster(
    studentId: string,
    entry: { districtId: string; schoolId: string; grade?: Grade; freeReducedLunch?: boolean },
  ): Promise<string> {
    const student = this.pseudonymOf(studentId);
    const data = {
      student,
      districtId: entry.districtId,
      schoolId: entry.schoolId,
      grade: entry.grade ?? '7',
      flags: {
        englishLearner: false,
        freeReducedLunch: entry.freeReducedLunch ?? false,
        housingInsecure: false,
        iep: false,
      },
      homeLanguage: null,
      pii: { studentId, guardianName: 'Rosa Lopez', guardianPhone: '+1 860 555 0101' },
    };
    await this.store.appendToStream(
      studentStreamOf(student),
      [
        {
          id: randomUUID(),
          type: 'StudentRostered.v1',
          data,
          metadata: this.metadata(entry.districtId, entry.schoolId),
        },
      ],
      'any',
    );
    return student;
  }

  /**
   * Imports one month as a period summary covering the whole month (what a period file brings):
   * appends what `decideMonth` decides (a record, a correction, or nothing for an unchanged month).
   * Answers the appended event's id and revision, or null when nothing changed.
   */
  async month(
    student: string,
    where: { districtId: string; schoolId: string },
    month: string,
    figures: { daysEnrolled: number; daysAbsent: number },
  ): Promise<{ id: string; revision: number } | null> {
    const schoolYear = schoolYearOf(`${month}-01`);
    const streamId = attendanceStreamOf(student, schoolYear);
    const history = await this.store.readStream(streamId).catch(() => []);
    const state = history
      .map((e) => ({ type: e.type, data: e.data }) as unknown as StudentAttendanceEvent)
      .reduce(evolveAttendanceYear, initialAttendanceYear());
    const decision = decideMonth(state, {
      student,
      districtId: where.districtId,
      schoolId: where.schoolId,
      schoolYear,
      month,
      partialCountsAs: 'present',
      periods: [{ start: `${month}-01`, end: lastDayOfMonth(month), ...figures }],
    });
    if (decision.outcome !== 'append') return null;
    const id = randomUUID();
    const appended = await this.store.appendToStream(
      streamId,
      [
        {
          id,
          type: decision.event.type,
          data: decision.event.data as unknown as JsonObject,
          metadata: this.metadata(where.districtId, where.schoolId),
        },
      ],
      'any',
    );
    return { id, revision: Number(appended.nextRevision) };
  }

  private metadata(districtId: string, schoolId: string): JsonObject {
    const commandId = randomUUID();
    const context = {
      actor: { id: 'importer', role: 'coordinator' },
      commandId,
      correlationId: `import-${commandId}`,
      causationId: commandId,
      receivedAt: new Date(),
    };
    return buildMetadata(context, { districtId, schoolId }, 'ImportAttendance') as unknown as JsonObject;
  }
}
