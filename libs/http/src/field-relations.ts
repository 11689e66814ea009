import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isCalendarDate, schoolYearOf, schoolYearRange, schoolYearStart } from '@leap/domain';
import { businessDateProblem, today } from './business-date';

/** Rules that relate one field of a request to another. */

/** Why a value is not a plausible school year (`2026-27`), or null when it is one. */
function schoolYearFormatProblem(value: unknown): string | null {
  if (typeof value !== 'string' || schoolYearStart(value) === null)
    return 'must be a school year such as 2026-27 (July to June; the second year follows the first)';
  const { earliest, latest } = schoolYearRange(today());
  if (value < earliest || value > latest) return `must be between ${earliest} and ${latest}`;
  return null;
}

/** Why a school year is wrong for the (valid) business date in `dateProperty`, or null when it fits. */
function schoolYearProblem(value: unknown, date: unknown): string | null {
  const formatProblem = schoolYearFormatProblem(value);
  if (formatProblem !== null) return formatProblem;
  if (businessDateProblem(date, false) !== null) return null; // the date reports its own problem
  const expected = schoolYearOf(date as string);
  return value === expected ? null : `must be ${expected}, the school year of ${date as string}`;
}

/** A school year such as `2026-27`, from the one of the earliest business date to next year's. */
export function IsSchoolYear(validation?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isSchoolYear',
      target: target.constructor,
      propertyName,
      options: validation,
      validator: {
        validate: (value: unknown) => schoolYearFormatProblem(value) === null,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} ${schoolYearFormatProblem(args.value)}`,
      },
    });
}

/** A school year such as `2026-27` that holds the business date in `dateProperty`. */
export function IsSchoolYearOf(dateProperty: string, validation?: ValidationOptions) {
  const dateOf = (args: ValidationArguments) => (args.object as Record<string, unknown>)[dateProperty];
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isSchoolYearOf',
      target: target.constructor,
      propertyName,
      constraints: [dateProperty],
      options: validation,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          schoolYearProblem(value, dateOf(args)) === null,
        defaultMessage: (args: ValidationArguments) =>
          `${args.property} ${schoolYearProblem(args.value, dateOf(args))}`,
      },
    });
}

/**
 * On a nested object: its date `field` must not be after the parent's date `parentField` (a
 * baseline measured no later than the identification). Reported at `<property>.<field>`; when
 * either date is malformed, that date's own rule reports it.
 */
export function NestedDateNotAfter(field: string, parentField: string, validation?: ValidationOptions) {
  const dates = (value: unknown, args: ValidationArguments) => [
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined,
    (args.object as Record<string, unknown>)[parentField],
  ];
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'nestedDateNotAfter',
      target: target.constructor,
      propertyName,
      constraints: [field, parentField],
      options: { ...validation, context: { path: field } },
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const [date, limit] = dates(value, args);
          return !isCalendarDate(date) || !isCalendarDate(limit) || date <= limit;
        },
        defaultMessage(args: ValidationArguments) {
          const [, limit] = dates(args.value, args);
          return `${field} must not be after ${parentField} (${String(limit)})`;
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
