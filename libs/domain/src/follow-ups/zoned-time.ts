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

const MINUTE_MS = 60_000;
const MEMO_LIMIT = 50_000;
/** Wall time at the start of a UTC minute, per zone: formatting with a zone is costly. */
const minuteMemo = new Map<string, WallTime>();

/**
 * The wall time an instant shows in a zone. Zone offsets are whole minutes (for every date this
 * program records), so within one UTC minute the wall clock's seconds and milliseconds are the UTC
 * ones: only the minute's start is formatted, and remembered.
 */
export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const minute = Math.floor(epochMs / MINUTE_MS);
  const key = `${timeZone}|${minute}`;
  let start = minuteMemo.get(key);
  if (!start) {
    start = formatWallTime(minute * MINUTE_MS, timeZone);
    if (minuteMemo.size >= MEMO_LIMIT) minuteMemo.clear();
    minuteMemo.set(key, start);
  }
  const withinMinute = epochMs - minute * MINUTE_MS;
  return { ...start, second: Math.floor(withinMinute / 1000), millisecond: withinMinute % 1000 };
}

function formatWallTime(epochMs: number, timeZone: string): WallTime {
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
    second: 0,
    millisecond: 0,
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
