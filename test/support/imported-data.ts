import { randomUUID } from 'node:crypto';
import { buildMetadata } from '@leap/commands';
import {
  attendanceStreamOf,
  districtProfileStreamOf,
  studentStreamOf,
  type DistrictProfileFigures,
  type Grade,
  type Pseudonymize,
  type StudentFlags,
} from '@leap/domain';
import type { EventStore } from '@leap/event-store';
import { PSEUDONYMIZE } from '@leap/privacy';
import type { TestApi } from './harness';

/**
 * Imported data appended as the importers write it (roster, attendance, district profiles),
 * through the application store, so roster `pii` is sealed like an import's.
 */
export interface ImportedStudentSeed {
  studentId: string;
  districtId: string;
  schoolId: string;
  grade: Grade;
  flags?: Partial<StudentFlags>;
  homeLanguage?: string | null;
  guardianName?: string;
  guardianPhone?: string;
  /** `[month, daysEnrolled, daysAbsent]` of school year 2025-26, at `schoolId`. */
  months: ReadonlyArray<readonly [string, number, number]>;
}

const metadata = (districtId: string | null, schoolId: string | null, commandType: string) => {
  const commandId = randomUUID();
  return buildMetadata(
    {
      actor: { id: 'importer', role: 'system' },
      commandId,
      correlationId: commandId,
      causationId: commandId,
      receivedAt: new Date(),
    },
    { districtId, schoolId },
    commandType,
  );
};

export class ImportedData {
  private constructor(
    private readonly store: EventStore,
    readonly pseudonymize: Pseudonymize,
  ) {}

  static open(api: TestApi): ImportedData {
    return new ImportedData(api.openStore(), api.app.get<Pseudonymize>(PSEUDONYMIZE));
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /** Rosters the student and records their months; answers the pseudonym. */
  async student(seed: ImportedStudentSeed): Promise<string> {
    const student = this.pseudonymize('student', seed.studentId);
    const flags = {
      englishLearner: false,
      freeReducedLunch: false,
      housingInsecure: false,
      iep: false,
      ...seed.flags,
    };
    const pii = {
      studentId: seed.studentId,
      ...(seed.guardianName ? { guardianName: seed.guardianName } : {}),
      ...(seed.guardianPhone ? { guardianPhone: seed.guardianPhone } : {}),
    };
    const data = {
      student,
      districtId: seed.districtId,
      schoolId: seed.schoolId,
      grade: seed.grade,
      flags,
      homeLanguage: seed.homeLanguage ?? null,
      pii,
    };
    await this.store.appendToStream(
      studentStreamOf(student),
      [
        {
          id: randomUUID(),
          type: 'StudentRostered.v1',
          data,
          metadata: { ...metadata(seed.districtId, seed.schoolId, 'ImportRoster') },
        },
      ],
      'any',
    );
    const months = seed.months.map(([month, daysEnrolled, daysAbsent]) => ({
      id: randomUUID(),
      type: 'AttendanceMonthRecorded.v1',
      data: {
        student,
        districtId: seed.districtId,
        schoolId: seed.schoolId,
        schoolYear: '2025-26',
        month,
        partialCountsAs: 'present',
        daysEnrolled,
        daysAbsent,
        byCategory: null,
        days: null,
        periods: [{ start: `${month}-01`, end: `${month}-28`, daysEnrolled, daysAbsent }],
      },
      metadata: { ...metadata(seed.districtId, seed.schoolId, 'ImportAttendance') },
    }));
    if (months.length > 0)
      await this.store.appendToStream(attendanceStreamOf(student, '2025-26'), months, 'any');
    return student;
  }

  async profile(figures: DistrictProfileFigures): Promise<string> {
    const result = await this.store.appendToStream(
      districtProfileStreamOf(figures.districtId),
      [
        {
          id: randomUUID(),
          type: 'DistrictProfileRecorded.v1',
          data: { ...figures },
          metadata: { ...metadata(null, null, 'ImportDistrictProfile') },
        },
      ],
      'any',
    );
    return result.position;
  }

  /** The position of the store's last event: what a read must wait for. */
  async head(): Promise<string> {
    return (await this.store.readAll()).at(-1)!.position;
  }

  /** Access records that named students (identification candidates). */
  async studentAccesses(): Promise<Array<{ actorRole: string; students: string[] }>> {
    return (await this.store.readAll({ filter: { streamPrefixes: ['access-'] } }))
      .map((event) => event.data as { actorRole: string; students?: string[] })
      .filter((data): data is { actorRole: string; students: string[] } => Array.isArray(data.students));
  }
}
