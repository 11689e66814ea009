import { exactDurationMs, worklistConfigFromEnv } from './worklist-config';
import { decodeWorklistCursor, encodeWorklistCursor } from './worklist-cursor';

describe('when a worklist cursor is read back', () => {
  it('gives back the instant and position it was made from', () => {
    const cursor = {
      at: '2024-10-10T12:00:00.000Z',
      segment: 5,
      openFrom: '2024-10-10T01:00:00.000Z',
      followUpId: 'f',
    };
    expect(decodeWorklistCursor(encodeWorklistCursor(cursor))).toEqual(cursor);
  });

  it('refuses text it did not issue', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(decodeWorklistCursor('not-a-cursor')).toBeNull();
    expect(decodeWorklistCursor(encode(['2024-10-10T12:00:00Z', 8, 'x', 'y']))).toBeNull();
    expect(decodeWorklistCursor(encode(['yesterday', 0, 'x', 'y']))).toBeNull();
    expect(decodeWorklistCursor(encode({ at: '2024-10-10T12:00:00Z' }))).toBeNull();
  });
});

describe('when the overdue grace period is configured', () => {
  it('defaults to one day of exact time', () => {
    expect(worklistConfigFromEnv({})).toEqual({ overdueAfter: 'P1D', overdueAfterMs: 86_400_000 });
  });

  it('takes weeks, days and time, and refuses months and years, which have no fixed length', () => {
    expect(['P1W', 'PT4H', 'P1DT30M', 'PT0.5S', 'P0D'].map(exactDurationMs)).toEqual([
      604_800_000, 14_400_000, 88_200_000, 500, 0,
    ]);
    expect(['P1M', 'P1Y', '1 day', 'P'].map(exactDurationMs)).toEqual([null, null, null, null]);
    expect(() => worklistConfigFromEnv({ LEAP_WORKLIST_OVERDUE_AFTER: 'P1M' })).toThrow(
      'LEAP_WORKLIST_OVERDUE_AFTER',
    );
  });
});
