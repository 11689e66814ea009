import { Inject, Injectable } from '@nestjs/common';
import { readHistory } from '@leap/commands';
import { attendanceStreamOf, schoolYearOf, studentStreamOf } from '@leap/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@leap/event-store';
import { PII_CIPHER, openPii, type PiiCipher } from '@leap/privacy';
import {
  STUDENT_FACT_EVENT_TYPES,
  evolveStudentAttendance,
  type StudentFactEvent,
} from './domain/evolve-student-attendance';
import { baselineOf, type ImportedStudent } from './domain/imported-student';
import type { StudentAttendanceDoc } from './domain/student-attendance-doc';

/**
 * Reads a student's imported roster and attendance from their streams (not from a read model, so
 * an identification right after an import sees it). The roster's `pii` is opened here, for the
 * command that copies the guardian's contact into the case's own `pii`; it is never returned to a
 * client from here.
 */
@Injectable()
export class ImportedStudents {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PII_CIPHER) private readonly cipher: PiiCipher,
  ) {}

  /** The student (by pseudonym) as the district's imported data has them, or null when not rostered there. */
  async find(student: string, districtId: string, identifiedOn: string): Promise<ImportedStudent | null> {
    const roster = (await readHistory(this.store, studentStreamOf(student))).filter(isFact);
    const latest = roster.at(-1);
    if (!latest) return null;
    const attendance = (
      await readHistory(this.store, attendanceStreamOf(student, schoolYearOf(identifiedOn)))
    ).filter(isFact);
    let doc: StudentAttendanceDoc | null = null;
    for (const event of [...roster, ...attendance]) doc = evolveStudentAttendance(doc, toFact(event));
    if (!doc?.roster || doc.roster.districtId !== districtId) return null;
    const [opened] = await openPii(this.cipher, [latest]);
    const pii = (opened?.data.pii ?? {}) as { guardianName?: unknown; guardianPhone?: unknown };
    return {
      ...doc.roster,
      guardianName: typeof pii.guardianName === 'string' ? pii.guardianName : null,
      guardianPhone: typeof pii.guardianPhone === 'string' ? pii.guardianPhone : null,
      baseline: baselineOf(doc, identifiedOn),
    };
  }
}

const isFact = (event: RecordedEvent): boolean =>
  (STUDENT_FACT_EVENT_TYPES as readonly string[]).includes(event.type);

const toFact = (event: RecordedEvent): StudentFactEvent =>
  ({ type: event.type, data: event.data }) as unknown as StudentFactEvent;
