import { readHistory, toDomainEvent } from '@leap/commands';
import {
  districtDecider,
  fold,
  studentStreamOf,
  type DistrictEvent,
  type RegisteredDistrict,
  type StudentRostered,
  districtStreamId,
} from '@leap/domain';
import { StreamNotFoundError, type EventStore } from '@leap/event-store';

/** What an attendance row needs to know of its student: the pseudonym, and the district rostering it. */
export interface RosteredStudent {
  student: string;
  /** Null when no roster names the student. */
  districtId: string | null;
}

/** A registered district's schools and the setting that counts partial days. */
export interface KnownDistrict {
  schoolIds: ReadonlySet<string>;
  partialCountsAs: RegisteredDistrict['settings']['partialAttendanceCountsAs'];
}

/**
 * The roster and the district registry as one import sees them: each student's roster stream and
 * each district's stream is read once, then answered from memory. Memory grows with the students
 * of the file (one entry each), never with its rows.
 */
export class RosterDirectory {
  private readonly students = new Map<string, RosteredStudent | Promise<RosteredStudent>>();
  private readonly districts = new Map<string, KnownDistrict | null | Promise<KnownDistrict | null>>();

  constructor(
    private readonly store: EventStore,
    private readonly pseudonymOf: (stateStudentId: string) => string,
  ) {}

  /** The student by state id; a pending lookup is shared by every row that asks meanwhile. */
  student(stateStudentId: string): RosteredStudent | Promise<RosteredStudent> {
    const known = this.students.get(stateStudentId);
    if (known) return known;
    const lookup = this.lookUpStudent(this.pseudonymOf(stateStudentId)).then((found) => {
      this.students.set(stateStudentId, found);
      return found;
    });
    this.students.set(stateStudentId, lookup);
    return lookup;
  }

  district(districtId: string): KnownDistrict | null | Promise<KnownDistrict | null> {
    const known = this.districts.get(districtId);
    if (known !== undefined) return known;
    const lookup = this.lookUpDistrict(districtId).then((found) => {
      this.districts.set(districtId, found);
      return found;
    });
    this.districts.set(districtId, lookup);
    return lookup;
  }

  /** The latest `StudentRostered.v1` says which district the student belongs to. */
  private async lookUpStudent(student: string): Promise<RosteredStudent> {
    const stream = studentStreamOf(student);
    const last = await this.store
      .readStream(stream, { direction: 'backwards', maxCount: 1 })
      .catch((error: unknown) => {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      });
    const latest =
      last[0]?.type === 'StudentRostered.v1'
        ? last[0]
        : (await readHistory(this.store, stream)).findLast((event) => event.type === 'StudentRostered.v1');
    if (!latest) return { student, districtId: null };
    return { student, districtId: toDomainEvent<StudentRostered>(latest).data.districtId };
  }

  private async lookUpDistrict(districtId: string): Promise<KnownDistrict | null> {
    const history = await readHistory(this.store, districtStreamId(districtId));
    const state = fold(districtDecider, history.map(toDomainEvent<DistrictEvent>));
    if (state.status !== 'registered') return null;
    return {
      schoolIds: new Set(state.schools.map((school) => school.schoolId)),
      partialCountsAs: state.settings.partialAttendanceCountsAs,
    };
  }
}
