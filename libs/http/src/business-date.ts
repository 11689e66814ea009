import {
  Matches,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { EARLIEST_BUSINESS_DATE, ID_PATTERN, isCalendarDate, latestPlannedDate } from '@leap/domain';
import { ApiBusinessDate } from './openapi/field-docs';

/** Districts' local time zone for "today" (LEAP_TIME_ZONE, default America/New_York). */
export function districtTimeZone(): string {
  return process.env.LEAP_TIME_ZONE || 'America/New_York';
}

const formatters = new Map<string, { format: Intl.DateTimeFormat; second: number; date: string }>();

/**
 * The calendar date (YYYY-MM-DD) of an instant in a time zone. Formatting with a time zone is
 * costly, so each zone keeps its formatter and its last answer for the same whole second: zone
 * offsets are whole minutes, so a local midnight never falls inside a second.
 */
export function localDate(instant: Date, timeZone: string): string {
  const second = Math.floor(instant.getTime() / 1000);
  const cached = formatters.get(timeZone);
  if (cached?.second === second) return cached.date;
  // en-CA formats as YYYY-MM-DD.
  const format =
    cached?.format ??
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const date = format.format(instant);
  formatters.set(timeZone, { format, second, date });
  return date;
}

export const today = () => localDate(new Date(), districtTimeZone());

/** Why a value is not a plausible business date, or null when it is one. */
export function businessDateProblem(value: unknown, allowFuture: boolean): string | null {
  if (!isCalendarDate(value)) return 'must be a calendar date formatted YYYY-MM-DD';
  if (value < EARLIEST_BUSINESS_DATE) return `must not be before ${EARLIEST_BUSINESS_DATE}`;
  if (allowFuture) {
    const latest = latestPlannedDate(today());
    return value > latest ? `must not be more than a year ahead (after ${latest})` : null;
  }
  return value > today() ? `must not be after today (${today()}, ${districtTimeZone()})` : null;
}

/**
 * A business date: `YYYY-MM-DD`, a real calendar day, not before 2000-01-01 and not after today in
 * the district's time zone (a visit cannot be recorded as held tomorrow). `allowFuture` for dates
 * that plan ahead, at most a year. Documented as `format: date`.
 */
export function IsBusinessDate(
  options: { allowFuture?: boolean | ((object: Record<string, unknown>) => boolean) } = {},
  validation?: ValidationOptions,
) {
  const allowsFuture = (args: ValidationArguments) =>
    typeof options.allowFuture === 'function'
      ? options.allowFuture(args.object as Record<string, unknown>)
      : options.allowFuture === true;
  return (target: object, propertyName: string) => {
    ApiBusinessDate()(target, propertyName);
    registerDecorator({
      name: 'isBusinessDate',
      target: target.constructor,
      propertyName,
      options: validation,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          businessDateProblem(value, allowsFuture(args)) === null,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} ${businessDateProblem(args.value, allowsFuture(args))}`,
      },
    });
  };
}

export { ID_PATTERN };

/**
 * An identifier chosen by a client: 1-100 letters, digits, dots, colons, underscores or dashes.
 * Documented with its pattern (on each item with `{ each: true }`).
 */
export function IsId(validation: ValidationOptions = {}) {
  const matches = Matches(ID_PATTERN, {
    message:
      '$property must be 1-100 letters, digits, dots, colons, underscores or dashes, starting with a letter or digit',
    ...validation,
  });
  const documented = validation.each
    ? ApiProperty({ type: String, isArray: true, pattern: ID_PATTERN.source })
    : ApiProperty({ pattern: ID_PATTERN.source });
  return (target: object, propertyName: string) => {
    matches(target, propertyName);
    documented(target, propertyName);
  };
}
