import type { Scope } from '@leap/commands';
import type { CaseState } from '@leap/domain';

/** Stream names: category, a dash, then the id (ids may contain dashes). */
export const caseStreamId = (caseId: string) => `case-${caseId}`;
/** Which case holds a student's one open slot (see the student registry decider). */
export const studentSlotStreamId = (studentId: string) => `studentcases-${studentId}`;
/** Who read a case's personal data or history, and when. */
export const caseAccessStreamId = (caseId: string) => `caseaccess-${caseId}`;

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
