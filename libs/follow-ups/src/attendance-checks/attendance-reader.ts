import { Inject, Injectable } from '@nestjs/common';
import { readHistory, toDomainEvent } from '@leap/commands';
import { caseStreamId, studentSlotStreamId } from '@leap/cases';
import {
  attendanceStreamOf,
  candidateDecider,
  candidateStreamOf,
  foldFollowUpFacts,
  evolveAttendanceYear,
  fold,
  initialAttendanceYear,
  studentRegistryDecider,
  studentStreamOf,
  type CandidateEvent,
  type CaseState,
  type RosterEntry,
  type StudentAttendanceEvent,
  type StudentAttendanceYear,
  type StudentRegistryEvent,
} from '@leap/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@leap/event-store';

const ATTENDANCE_TYPES = ['AttendanceMonthRecorded.v1', 'AttendanceMonthCorrected.v1'];

/** What automatic checks and candidates are decided from, always read from the event store. */
@Injectable()
export class AttendanceReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The case holding the student's slot in the district, when it is open (the student registry). */
  async openCaseOf(districtId: string, student: string): Promise<string | null> {
    const slot = await readHistory(this.store, studentSlotStreamId(districtId, student));
    const { holderCaseId } = fold(studentRegistryDecider, slot.map(toDomainEvent<StudentRegistryEvent>));
    if (holderCaseId === null) return null;
    const { state } = await this.caseOf(holderCaseId);
    return state.status === 'open' ? holderCaseId : null;
  }

  async caseOf(caseId: string): Promise<{ history: RecordedEvent[]; state: CaseState }> {
    const history = await readHistory(this.store, caseStreamId(caseId));
    // Folded as the follow-up facts are, legacy versions read as the current ones.
    return { history, state: foldFollowUpFacts(history).state };
  }

  /** The student's school year as imported, and the stream's last revision (null: nothing yet). */
  async attendanceYear(
    student: string,
    schoolYear: string,
  ): Promise<{ year: StudentAttendanceYear; revision: bigint | null; history: RecordedEvent[] }> {
    const history = await readHistory(this.store, attendanceStreamOf(student, schoolYear));
    const year = history
      .filter((event) => ATTENDANCE_TYPES.includes(event.type))
      .map(toDomainEvent<StudentAttendanceEvent>)
      .reduce(evolveAttendanceYear, initialAttendanceYear());
    return { year, revision: history.at(-1)?.revision ?? null, history };
  }

  /** The latest roster entry of the student (latest wins), without its personal data. */
  async roster(student: string): Promise<RosterEntry | null> {
    const history = await readHistory(this.store, studentStreamOf(student));
    const last = history.filter((event) => event.type === 'StudentRostered.v1').at(-1);
    if (!last) return null;
    const { pii: _pii, ...entry } = last.data as unknown as RosterEntry & { pii: unknown };
    return entry;
  }

  async candidate(candidateId: string) {
    const history = await readHistory(this.store, candidateStreamOf(candidateId));
    return { history, state: fold(candidateDecider, history.map(toDomainEvent<CandidateEvent>)) };
  }
}
