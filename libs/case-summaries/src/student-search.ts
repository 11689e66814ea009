import type { OpenCase } from '@leap/domain';

/** What a search by student (`GET /v1/cases?q=`) matches and what lists name the student by. */
export interface StudentSearchFields {
  /** The state student id; null when the case's personal data cannot be read (sealed, erased). */
  studentId: string | null;
  studentName: string | null;
}

/**
 * The one place read models of cases read the student's personal data: the state student id and
 * name from the case's `pii`. Anything but a plain object there (personal data sealed or erased)
 * reads as nothing known, never as an error, so the documents keep being written.
 */
export function searchFieldsOf(state: OpenCase): StudentSearchFields {
  const pii: unknown = state.pii;
  if (pii === null || typeof pii !== 'object' || Array.isArray(pii))
    return { studentId: null, studentName: null };
  const { studentId, studentName } = pii as Record<string, unknown>;
  return {
    studentId: typeof studentId === 'string' ? studentId : null,
    studentName: typeof studentName === 'string' ? studentName : null,
  };
}
