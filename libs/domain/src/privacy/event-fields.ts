import { CASE_EVENT_FIELDS } from '../case/privacy';
import { VISITOR_EVENT_FIELDS } from '../visitor/visitor';
import { redactObject, type FieldClasses, type Pseudonymize } from './field-classes';

/** Every declaration of stored events' fields, by event type. */
const EVENT_FIELDS: Readonly<Record<string, FieldClasses>> = {
  ...CASE_EVENT_FIELDS,
  ...VISITOR_EVENT_FIELDS,
};

/**
 * The event's data without personal data and free text, identifiers pseudonymised, by the
 * declaration of its type. An event type nobody declared keeps nothing.
 */
export function redactEventData(
  type: string,
  data: Readonly<Record<string, unknown>>,
  pseudonymize: Pseudonymize,
): Record<string, unknown> {
  if (!Object.hasOwn(EVENT_FIELDS, type)) return {};
  return redactObject(data, EVENT_FIELDS[type]!, pseudonymize);
}
