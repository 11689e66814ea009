import { registerDecorator, type ValidationOptions } from 'class-validator';

/** An IANA zone name as written in the tz database: `Area/Location` (`America/New_York`) or `UTC`. */
const ZONE_NAME = /^(?:UTC|[A-Z][A-Za-z_]*(?:\/[A-Z0-9][A-Za-z0-9_+-]*)+)$/;

/**
 * Whether a time zone is a real IANA zone this runtime knows. Spelled as the database spells it:
 * Intl also accepts `america/new_york` or `EST`, which name nothing a district should store.
 */
export function isIanaTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || !ZONE_NAME.test(value)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function IsIanaTimeZone(validation?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName,
      options: validation,
      validator: {
        validate: isIanaTimeZone,
        defaultMessage: () => `${propertyName} must be an IANA time zone such as America/New_York`,
      },
    });
}
