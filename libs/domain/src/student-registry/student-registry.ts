/**
 * One open case per student per district, across streams: stream
 * `studentcases-<districtId>-<student pseudonym>` records which case holds the student's open slot in
 * that district (a student who moves gets a case in the new district; the old district closes its own
 * with reason `moved`). It is appended with optimistic concurrency, so two simultaneous
 * identifications of one student in one district cannot both claim it.
 *
 * The registry does not record releases: a slot is free when the case holding it is closed (or was
 * never written, after a crash between the two appends), which the caller looks up and passes in.
 * No personal data: the student travels as its keyed pseudonym.
 */
export type StudentCaseOpened = {
  type: 'StudentCaseOpened.v2';
  data: { districtId: string; student: string; caseId: string };
};
/** Written by earlier versions to `studentcases-<studentId>` (one slot across districts, id in clear). */
export type StudentCaseOpenedV1 = {
  type: 'StudentCaseOpened.v1';
  data: { studentId: string; caseId: string };
};
export type StudentRegistryEvent = StudentCaseOpened | StudentCaseOpenedV1;

export type ClaimStudentCase = {
  type: 'ClaimStudentCase';
  data: {
    districtId: string;
    /** The student's pseudonym. */
    student: string;
    caseId: string;
    /** The case currently holding the slot (if any), as the caller found it. */
    holder: { caseId: string; open: boolean } | null;
  };
  actorId: string;
};
export type StudentRegistryCommand = ClaimStudentCase;

export interface StudentRegistryState {
  /** The case that last claimed the student's slot, or null. */
  holderCaseId: string | null;
}
