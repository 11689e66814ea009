import { IsOptional, registerDecorator, type ValidationArguments } from 'class-validator';
import { ApiProperty } from '@nestjs/swagger';
import { isCalendarDate } from '@leap/domain';
import { IsBusinessDate, IsId, IsInstant } from '@leap/http';
import { TIMELINE_EVENT_TYPES } from './timeline-line';

/** `GET /v1/timeline` query. */
export class TimelineQueryDto {
  /** The district (a district token's own by default; a state-wide admin must name one). */
  @IsOptional() @IsId({ message: 'districtId must be a district id' }) districtId?: string;
  /** One school of the district: its case events only. */
  @IsOptional() @IsId({ message: 'schoolId must be a school id' }) schoolId?: string;
  /** First business date shown (inclusive). */
  @IsOptional() @IsBusinessDate({ allowFuture: true }) from?: string;
  /** Last business date shown (inclusive), not before `from`. */
  @IsOptional() @IsBusinessDate({ allowFuture: true }) @NotBeforeDate('from') to?: string;
  /** Comma-separated event types, e.g. `VisitHeld.v2,AttendanceChecked.v1`. */
  @ApiProperty({ required: false, type: String, example: 'VisitHeld.v2,ConsentGranted.v1' })
  @IsOptional()
  @IsTimelineTypes()
  types?: string;
  /** An instant with its offset: only events the system had recorded by then (as on case history). */
  @IsOptional() @IsInstant() knownAt?: string;
}

/** The event types a `types` value names (trimmed, in order). */
export const typesOf = (types: string): string[] => types.split(',').map((type) => type.trim());

/** Why a `types` value names no known set of timeline types, or null when it does. */
export function typesProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be one comma-separated list of event types';
  const named = typesOf(value);
  if (named.some((type) => type === '')) return 'must not name an empty event type';
  const unknown = named.filter((type) => !TIMELINE_EVENT_TYPES.includes(type));
  return unknown.length === 0
    ? null
    : `names unknown event types: ${unknown.join(', ')} (known: ${TIMELINE_EVENT_TYPES.join(', ')})`;
}

function IsTimelineTypes() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimelineTypes',
      target: target.constructor,
      propertyName,
      validator: {
        validate: (value: unknown) => typesProblem(value) === null,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${typesProblem(args.value)}`,
      },
    });
}

/** A date that must not precede a sibling date (both `YYYY-MM-DD`, so text order is date order). */
function NotBeforeDate(sibling: string) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'notBeforeDate',
      target: target.constructor,
      propertyName,
      constraints: [sibling],
      validator: {
        validate(value: unknown, args: ValidationArguments) {
          const other = (args.object as Record<string, unknown>)[sibling];
          return !isCalendarDate(value) || !isCalendarDate(other) || value >= other;
        },
        defaultMessage: (args: ValidationArguments) => `${args.property} must not be before ${sibling}`,
      },
    });
}
