import type { Scope } from '@leap/commands';
import type { CaseState } from '@leap/domain';

/** Stream names: category, a dash, then the id (ids may contain dashes). */
export const caseStreamId = (caseId: string) => `case-${caseId}`;
/** Which case holds a student's one open slot in a district (see the student registry decider). */
export const studentSlotStreamId = (districtId: string, studentPseudonym: string) =>
  `studentcases-${districtId}-${studentPseudonym}`;
/** The one slot per student across districts of earlier versions (read only, for their open cases). */
export const legacyStudentSlotStreamId = (studentId: string) => `studentcases-${studentId}`;

export function caseScope(state: CaseState): Scope {
  return state.status === 'none'
    ? { districtId: null, schoolId: null }
    : { districtId: state.districtId, schoolId: state.schoolId };
}

/** What every case command answers: the stream's revision and global position after it. */
export interface CaseCommandResponse {
  caseId: string;
  revision: number;
  position: string | null;
}
