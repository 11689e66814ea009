import {
  Matches,
  registerDecorator,
  type ValidationArguments,
  type ValidationOptions,
} from 'class-validator';

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

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * A business date: `YYYY-MM-DD`, a real calendar day, and not after today in the district's time
 * zone (a visit cannot be recorded as held tomorrow). `allowFuture` for dates that plan ahead.
 */
export function IsBusinessDate(
  options: { allowFuture?: boolean | ((object: Record<string, unknown>) => boolean) } = {},
  validation?: ValidationOptions,
) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isBusinessDate',
      target: target.constructor,
      propertyName,
      options: validation,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          if (!isCalendarDate(value)) return false;
          const allowFuture =
            typeof options.allowFuture === 'function'
              ? options.allowFuture(args.object as Record<string, unknown>)
              : options.allowFuture === true;
          return allowFuture || value <= localDate(new Date(), districtTimeZone());
        },
        defaultMessage(args: ValidationArguments) {
          return isCalendarDate(args.value)
            ? `${args.property} must not be after today (${localDate(new Date(), districtTimeZone())}, ${districtTimeZone()})`
            : `${args.property} must be a calendar date formatted YYYY-MM-DD`;
        },
      },
    });
}

/** The number must not exceed a sibling property (e.g. days absent ≤ days enrolled). */
export function NotGreaterThan(sibling: string, validation?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'notGreaterThan',
      target: target.constructor,
      propertyName,
      constraints: [sibling],
      options: validation,
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[sibling];
          return typeof value !== 'number' || typeof other !== 'number' || value <= other;
        },
        defaultMessage(args: ValidationArguments) {
          return `${args.property} must not be greater than ${sibling}`;
        },
      },
    });
}

/** Identifiers chosen by clients (student, district, school, household ids): no spaces or slashes. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/** An identifier chosen by a client: 1-100 letters, digits, dots, colons, underscores or dashes. */
export function IsId(validation: ValidationOptions = {}) {
  return Matches(ID_PATTERN, {
    message:
      '$property must be 1-100 letters, digits, dots, colons, underscores or dashes, starting with a letter or digit',
    ...validation,
  });
}
