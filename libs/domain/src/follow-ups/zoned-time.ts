/**
 * Wall-clock time in an IANA time zone, without a date library. Pure: the zone rules come from the
 * runtime's Intl data, never from the system clock.
 */
export interface WallTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const HOUR_MS = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The wall time an instant shows in a zone. */
export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
    millisecond: ((epochMs % 1000) + 1000) % 1000,
  };
}

const asUtc = (w: WallTime): number =>
  Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);

/** The zone's offset from UTC at an instant, in ms (New York in winter: -5 h). */
const offsetAt = (epochMs: number, timeZone: string): number =>
  asUtc(wallTimeAt(epochMs, timeZone)) - epochMs;

/**
 * The instant a wall time names in a zone. Like Temporal's `compatible` disambiguation: a wall time
 * shown twice (clocks set back) is the earlier instant; one skipped (clocks set forward) moves forward
 * by the length of the gap.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): number {
  const local = asUtc(wall);
  // Offsets in force around that wall time; a transition nearby gives two.
  const offsets = [
    ...new Set([offsetAt(local - 12 * HOUR_MS, timeZone), offsetAt(local + 12 * HOUR_MS, timeZone)]),
  ];
  const valid = offsets
    .map((offset) => local - offset)
    .filter((instant) => asUtc(wallTimeAt(instant, timeZone)) === local);
  if (valid.length > 0) return Math.min(...valid);
  return local - Math.min(...offsets);
}

/** The first instant of a calendar date (`YYYY-MM-DD`) in a zone. */
export function startOfDate(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return instantOfWallTime({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}
