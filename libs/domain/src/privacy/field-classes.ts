/**
 * How fields of stored events are classified for roles that see no personal data (fidelity
 * monitors). Each aggregate declares its events' fields beside the events (`CASE_EVENT_FIELDS`,
 * `VISITOR_EVENT_FIELDS`); this file holds the one mechanism that applies a declaration.
 *
 * - `personal`: the `pii` objects (names, phone, address, notes). Dropped.
 * - `free_text`: written by people, so it may name anyone (reasons, strengths, outcomes). Dropped.
 *   Only versions no longer written declare it: current events keep such words in `pii`.
 * - `{ pseudonym }`: a direct identifier (the state student id, a household id, a login subject).
 *   Replaced by its keyed pseudonym, so records stay linkable without identifying anyone.
 * - `{ each }`: an array of objects whose fields are classified in turn.
 * Fields not listed are codes, dates, figures and system-made ids, shown as they are.
 */
export type PseudonymKind = 'student' | 'household' | 'subject';

/** The install's keyed pseudonym of an identifier (see `libs/privacy`). */
export type Pseudonymize = (kind: PseudonymKind, id: string) => string;

export type FieldClass = 'personal' | 'free_text' | { pseudonym: PseudonymKind } | { each: FieldClasses };
export type FieldClasses = Readonly<Record<string, FieldClass>>;

type AnyEvent = { type: string; data: object };

/**
 * A declaration for every event type of a union: a missing type fails to compile, and so does a
 * field its event does not have.
 */
export type EventFieldClasses<E extends AnyEvent> = {
  readonly [T in E['type']]: { readonly [K in keyof Extract<E, { type: T }>['data']]?: FieldClass };
};

export const STUDENT = { pseudonym: 'student' } as const;
export const HOUSEHOLD = { pseudonym: 'household' } as const;
export const SUBJECT = { pseudonym: 'subject' } as const;

/**
 * Event metadata: who acted is a login subject (unless it was the system); idempotency keys and
 * correlation and causation ids may be chosen by clients, so they are treated as free text.
 */
const METADATA_FIELDS: FieldClasses = {
  actorId: SUBJECT,
  idempotencyKey: 'free_text',
  correlationId: 'free_text',
  causationId: 'free_text',
};

/** Metadata as shown to roles without personal data: the acting login pseudonymised (`system` stays). */
export function redactMetadata(
  metadata: Readonly<Record<string, unknown>>,
  pseudonymize: Pseudonymize,
): Record<string, unknown> {
  if (metadata.actorRole === 'system') return { ...metadata };
  return redactObject(metadata, METADATA_FIELDS, pseudonymize);
}

/** An object as its field classes let it be shown: dropped fields are left out. */
export function redactObject(
  data: Readonly<Record<string, unknown>>,
  classes: FieldClasses,
  pseudonymize: Pseudonymize,
): Record<string, unknown> {
  const redacted: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(data)) {
    const shown = redactValue(
      value,
      Object.hasOwn(classes, field) ? classes[field] : undefined,
      pseudonymize,
    );
    if (shown !== undefined) redacted[field] = shown;
  }
  return redacted;
}

/** One value as its class lets it be shown: `undefined` when it must not be. */
export function redactValue(
  value: unknown,
  fieldClass: FieldClass | undefined,
  pseudonymize: Pseudonymize,
): unknown {
  if (fieldClass === undefined) return value;
  if (fieldClass === 'personal' || fieldClass === 'free_text') return undefined;
  if ('pseudonym' in fieldClass) {
    // What the system records (an automatic attendance check) names no login, as in the metadata.
    if (fieldClass.pseudonym === 'subject' && value === 'system') return value;
    return typeof value === 'string'
      ? pseudonymize(fieldClass.pseudonym, value)
      : value === null
        ? null
        : undefined;
  }
  if (!Array.isArray(value)) return undefined;
  return value.map((item: unknown) =>
    item !== null && typeof item === 'object'
      ? redactObject(item as Record<string, unknown>, fieldClass.each, pseudonymize)
      : undefined,
  );
}
