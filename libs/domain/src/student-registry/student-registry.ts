/**
 * One open case per student, across streams: stream `studentcases-<studentId>` records which case
 * holds the student's open slot. It is appended with optimistic concurrency, so two simultaneous
 * identifications of one student cannot both claim it.
 *
 * The registry does not record releases: a slot is free when the case holding it is closed (or was
 * never written, after a crash between the two appends), which the caller looks up and passes in.
 */
export type StudentCaseOpened = { type: 'StudentCaseOpened.v1'; data: { studentId: string; caseId: string } };
export type StudentRegistryEvent = StudentCaseOpened;

export type ClaimStudentCase = {
  type: 'ClaimStudentCase';
  data: {
    studentId: string;
    caseId: string;
    /** Whether the case currently holding the slot (if any) is open. */
    holderIsOpen: boolean;
  };
  actorId: string;
};
export type StudentRegistryCommand = ClaimStudentCase;

export interface StudentRegistryState {
  /** The case that last claimed the student's slot, or null. */
  holderCaseId: string | null;
}
