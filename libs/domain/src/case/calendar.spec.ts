import {
  isCalendarDate,
  latestPlannedDate,
  latestSnoozeUntil,
  schoolYearOf,
  schoolYearRange,
  schoolYearStart,
} from './calendar';

describe('when a date is placed in its school year (July to June)', () => {
  it.each([
    ['2026-10-01', '2026-27'],
    ['2027-03-01', '2026-27'],
    ['2027-06-30', '2026-27'],
    ['2027-07-01', '2027-28'],
    ['2000-01-01', '1999-00'],
    ['2099-12-31', '2099-00'],
  ])('puts %s in %s', (date, year) => {
    expect(schoolYearOf(date)).toBe(year);
  });
});

describe('when a school year is read', () => {
  it.each([
    ['2026-27', 2026],
    ['1999-00', 1999],
    ['2019-27', null],
    ['0000-99', null],
    ['2026-2027', null],
    ['26-27', null],
  ])('reads %s as starting in %s', (value, start) => {
    expect(schoolYearStart(value)).toBe(start);
  });

  it('allows the school years from the one holding 2000-01-01 to the one after today', () => {
    expect(schoolYearRange('2026-11-29')).toEqual({ earliest: '1999-00', latest: '2027-28' });
    expect(schoolYearRange('2027-03-01')).toEqual({ earliest: '1999-00', latest: '2027-28' });
  });
});

describe('when dates are checked for plausibility', () => {
  it('knows real calendar days', () => {
    expect(['2026-02-28', '2024-02-29', '0000-01-01'].map(isCalendarDate)).toEqual([true, true, true]);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', 20260101].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('plans at most a year ahead', () => {
    expect(latestPlannedDate('2026-11-29')).toBe('2027-11-29');
    expect(latestPlannedDate('2028-02-29')).toBe('2029-03-01');
  });

  it('snoozes at most 90 days ahead', () => {
    expect(new Date(latestSnoozeUntil('2026-11-29T10:00:00.000Z')).toISOString()).toBe(
      '2027-02-27T10:00:00.000Z',
    );
  });
});
