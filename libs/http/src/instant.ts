import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isCalendarDate } from '@leap/domain';
import { ApiInstant } from './openapi/field-docs';

/**
 * An ISO-8601 instant with its offset: `2026-05-04T08:00:00-04:00` or `...Z`, seconds and fraction
 * optional. Without an offset the same text means different instants in different places, so it
 * is refused rather than read as UTC.
 */
const INSTANT =
  /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = INSTANT.exec(value);
  return match !== null && isCalendarDate(match[1]) && !Number.isNaN(Date.parse(value));
}

const INSTANT_FORMAT =
  'must be an instant with its offset, e.g. 2026-05-04T08:00:00-04:00 or 2026-05-04T12:00:00Z';

/** An instant with its offset (`format: date-time`); `latest` bounds it from the current time (epoch ms), e.g. a snooze. */
export function IsInstant(options: { latest?: (now: Date) => number } = {}, validation?: ValidationOptions) {
  const problem = (value: unknown): string | null => {
    if (!isInstant(value)) return INSTANT_FORMAT;
    if (!options.latest) return null;
    const latest = options.latest(new Date());
    return Date.parse(value) > latest ? `must not be after ${new Date(latest).toISOString()}` : null;
  };
  return (target: object, propertyName: string) => {
    ApiInstant()(target, propertyName);
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName,
      options: validation,
      validator: {
        validate: (value: unknown) => problem(value) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${problem(args.value)}`,
      },
    });
  };
}

/** An alias of the instant in `property`: both may be given only when they name the same instant. */
export function SameInstantAs(property: string, validation?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'sameInstantAs',
      target: target.constructor,
      propertyName,
      constraints: [property],
      options: validation,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[property];
          return !isInstant(value) || !isInstant(other) || Date.parse(value) === Date.parse(other);
        },
        defaultMessage(args: ValidationArguments) {
          return `${args.property} is another name for ${property}: give one of them, or both with the same instant`;
        },
      },
    });
}
