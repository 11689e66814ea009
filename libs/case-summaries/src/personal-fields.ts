import type { PiiReader } from '@leap/projections';
import type { RecordedEvent } from '@leap/event-store';

/**
 * The personal data a read model of cases keeps: only what a query or a list needs (the student's
 * name to show and search, the real student id when the identification keeps it in `pii`), opened
 * from the identification once per batch by `prepare`. Null when unknown or erased. Nothing else
 * of any `pii` object reaches a read model: case states are folded without it (`case-events.ts`).
 */
export interface PersonalFields {
  studentName: string | null;
  /** The real student id when the identification holds it in `pii` (else the state's id is real). */
  studentId: string | null;
}

export const NO_PERSONAL_FIELDS: PersonalFields = Object.freeze({ studentName: null, studentId: null });

const isIdentification = (event: RecordedEvent) => event.type.startsWith('StudentIdentified.');

/** `prepare` of the read models of cases: opens the identifications' `pii`, and nothing else. */
export async function preparePersonalFields(
  events: readonly RecordedEvent[],
  pii: PiiReader,
): Promise<ReadonlyMap<string, PersonalFields>> {
  const prepared = new Map<string, PersonalFields>();
  for (const event of events.filter(isIdentification)) {
    const opened = await pii.open(event.data.pii, { streamId: event.streamId, eventType: event.type });
    prepared.set(event.id, personalFieldsOf(opened));
  }
  return prepared;
}

/**
 * The personal fields an event sets: what was prepared for it; for an identification nothing was
 * prepared for (a caller folding by hand), its `pii` when in clear. Undefined: the event sets none.
 */
export function personalFieldsSetBy(
  event: RecordedEvent,
  prepared: PersonalFields | undefined,
): PersonalFields | undefined {
  if (prepared) return prepared;
  // The family's data was erased: its fields go at once (a rebuild finds the key gone anyway).
  if (event.type.startsWith('FamilyDataErased.')) return NO_PERSONAL_FIELDS;
  if (!isIdentification(event)) return undefined;
  const pii = event.data.pii;
  return typeof pii === 'object' && pii !== null && !('$sealed' in pii)
    ? personalFieldsOf(pii as Record<string, unknown>)
    : NO_PERSONAL_FIELDS;
}

function personalFieldsOf(pii: Record<string, unknown>): PersonalFields {
  return {
    studentName: typeof pii.studentName === 'string' ? pii.studentName : null,
    studentId: typeof pii.studentId === 'string' ? pii.studentId : null,
  };
}

/** Lower-cased for `instr` search, as `q` is. */
export const searchable = (text: string | null): string | null =>
  text === null ? null : text.toLocaleLowerCase('en-US');
