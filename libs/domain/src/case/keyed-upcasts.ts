import type { Pseudonymize } from '../privacy/field-classes';
import type { KeyedLegacyCaseEvent, StudentIdentified, StudentIdentifiedV1 } from './events';

/**
 * Upcasts of case events that need the install's pseudonym key. The pure domain holds no key, so
 * these are not part of `upcastCaseEvent`: the store boundary applies them to every event it reads
 * (the upcasting event store of `libs/privacy`), and everything above it sees current events only.
 */

/**
 * A v1 identification carried the state student id and the household id in clear. Read as v2: the
 * clear fields become their pseudonyms, the real ids move into `pii` beside the names. The same
 * pseudonyms the identify command writes today, so an old case and a new one of the same student
 * share `student` (and one slot), and siblings share `household` across versions.
 */
export function upcastStudentIdentifiedV1(
  { data }: StudentIdentifiedV1,
  pseudonymize: Pseudonymize,
): StudentIdentified {
  const { studentId, householdId } = data;
  const hasHousehold = typeof householdId === 'string' && householdId !== '';
  return {
    type: 'StudentIdentified.v2',
    data: {
      caseId: data.caseId,
      student: pseudonymize('student', studentId),
      districtId: data.districtId,
      schoolId: data.schoolId,
      schoolYear: data.schoolYear,
      grade: data.grade,
      identifiedOn: data.identifiedOn,
      baseline: data.baseline,
      flags: data.flags,
      homeLanguage: data.homeLanguage,
      household: hasHousehold ? pseudonymize('household', householdId) : null,
      targetingApproach: data.targetingApproach,
      pii: { ...data.pii, studentId, ...(hasHousehold ? { householdId } : {}) },
    },
  };
}

/** One upcast applied where stored events are read: the type they are read as, and their data then. */
export interface StoredEventUpcast {
  readonly to: string;
  upcast(data: Readonly<Record<string, unknown>>): Record<string, unknown>;
}
/** Store-boundary upcasts by stored event type. */
export type StoredEventUpcasts = Readonly<Record<string, StoredEventUpcast>>;

/** Every keyed upcast of case events, by stored type (a keyed legacy type left out fails to compile). */
export function keyedCaseUpcasts(pseudonymize: Pseudonymize): StoredEventUpcasts {
  const upcasts: Record<KeyedLegacyCaseEvent['type'], StoredEventUpcast> = {
    'StudentIdentified.v1': {
      to: 'StudentIdentified.v2',
      upcast: (data) =>
        upcastStudentIdentifiedV1(
          { type: 'StudentIdentified.v1', data: data as StudentIdentifiedV1['data'] },
          pseudonymize,
        ).data,
    },
  };
  return upcasts;
}
