import { isPastRetention, retentionEndOf, retentionProblem } from './retention';

describe('when a district sets a retention period', () => {
  it.each(['P3Y', 'P18M', 'P2W', 'P90D', 'P1Y6M'])('accepts %s', (value) => {
    expect(retentionProblem(value)).toBeNull();
  });

  it.each(['', 'P', '3Y', 'PT12H', 'P1DT1H', 'P0D', 'P51Y', 'p3y', 42, null])('refuses %p', (value) => {
    expect(retentionProblem(value)).toEqual(expect.any(String));
  });
});

describe('when a closed case’s retention is checked', () => {
  it('keeps the data until closure plus the period, in calendar time', () => {
    expect(retentionEndOf('2021-06-30', 'P3Y')).toBe('2024-06-30');
    expect(retentionEndOf('2024-01-31', 'P1M')).toBe('2024-02-29');
    expect(retentionEndOf('2024-12-20', 'P14D')).toBe('2025-01-03');
  });

  it('is due on the day the period ends, not before', () => {
    expect(isPastRetention('2021-06-30', 'P3Y', '2024-06-29')).toBe(false);
    expect(isPastRetention('2021-06-30', 'P3Y', '2024-06-30')).toBe(true);
  });
});
