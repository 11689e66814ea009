import { addDuration, isDayOrLonger, isPositiveDuration, parseDuration } from './duration';
import { instantOfWallTime, startOfDate } from './zoned-time';

const NY = 'America/New_York';
const iso = (ms: number) => new Date(ms).toISOString();
const add = (start: string, duration: string, zone = NY) =>
  iso(addDuration(Date.parse(start), parseDuration(duration)!, zone));

describe('when an ISO-8601 duration is parsed', () => {
  it('reads every designator', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7.5S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7.5,
    });
    expect(parseDuration('PT2S')).toMatchObject({ days: 0, seconds: 2 });
    expect(parseDuration('P7D')).toMatchObject({ days: 7, hours: 0 });
  });

  it.each(['', 'P', 'PT', '7D', 'P7', 'P1DT', 'PT1D', 'P-1D', 'P1.5D', 'p7d', 'P7D '])(
    'rejects %j',
    (text) => {
      expect(parseDuration(text)).toBeNull();
    },
  );

  it('tells zero-length and sub-day durations apart', () => {
    expect(isPositiveDuration(parseDuration('P0D')!)).toBe(false);
    expect(isPositiveDuration(parseDuration('PT0.5S')!)).toBe(true);
    expect(isDayOrLonger(parseDuration('PT23H59M')!)).toBe(false);
    expect(isDayOrLonger(parseDuration('PT24H')!)).toBe(true);
    expect(isDayOrLonger(parseDuration('P1W')!)).toBe(true);
  });
});

describe('when a duration is added in a time zone', () => {
  it('adds hours, minutes and seconds as exact time', () => {
    expect(add('2024-03-09T12:00:00.000Z', 'PT24H')).toBe('2024-03-10T12:00:00.000Z');
    expect(add('2024-03-09T12:00:00.250Z', 'PT1.5S')).toBe('2024-03-09T12:00:01.750Z');
  });

  it('adds days on the wall clock across a daylight-saving change (a 23-hour day)', () => {
    // Midnight 2024-03-10 in New York is EST (-5); midnight 2024-03-11 is EDT (-4).
    expect(add('2024-03-10T05:00:00.000Z', 'P1D')).toBe('2024-03-11T04:00:00.000Z');
    expect(add('2024-11-03T04:00:00.000Z', 'P1D')).toBe('2024-11-04T05:00:00.000Z');
  });

  it('adds weeks as seven days', () => {
    expect(add('2024-03-05T05:00:00.000Z', 'P2W')).toBe('2024-03-19T04:00:00.000Z');
  });

  it('ends a month on the last day of a shorter month', () => {
    expect(add('2024-01-31T05:00:00.000Z', 'P1M')).toBe('2024-02-29T05:00:00.000Z');
    expect(add('2023-01-31T05:00:00.000Z', 'P1M')).toBe('2023-02-28T05:00:00.000Z');
    expect(add('2024-02-29T05:00:00.000Z', 'P1Y')).toBe('2025-02-28T05:00:00.000Z');
  });

  it('adds the calendar part first, then the exact part', () => {
    expect(add('2024-03-09T05:00:00.000Z', 'P1DT3H')).toBe('2024-03-10T08:00:00.000Z');
  });
});

describe('when a wall time is located in a zone', () => {
  it('finds the start of a business date', () => {
    expect(iso(startOfDate('2024-10-01', NY))).toBe('2024-10-01T04:00:00.000Z');
    expect(iso(startOfDate('2024-01-15', NY))).toBe('2024-01-15T05:00:00.000Z');
    expect(iso(startOfDate('2024-10-01', 'UTC'))).toBe('2024-10-01T00:00:00.000Z');
  });

  it('moves a skipped wall time forward by the gap and takes the earlier of a repeated one', () => {
    const wall = { year: 2024, month: 3, day: 10, hour: 2, minute: 30, second: 0, millisecond: 0 };
    expect(iso(instantOfWallTime(wall, NY))).toBe('2024-03-10T07:30:00.000Z'); // 03:30 EDT
    const repeated = { ...wall, month: 11, day: 3, hour: 1 };
    expect(iso(instantOfWallTime(repeated, NY))).toBe('2024-11-03T05:30:00.000Z'); // 01:30 EDT
  });

  it('finds midnight where the clock skips it (Santiago springs forward at midnight)', () => {
    // 2024-09-08 00:00 does not exist in America/Santiago; the day starts at 01:00 (-3).
    expect(iso(startOfDate('2024-09-08', 'America/Santiago'))).toBe('2024-09-08T04:00:00.000Z');
  });
});
