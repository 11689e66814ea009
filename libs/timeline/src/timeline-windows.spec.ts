import { planWindows } from './timeline-windows';

describe('when a timeline is cut into windows of business dates', () => {
  const counts = new Map([
    ['2026-10-03', 2],
    ['2026-10-01', 3],
    ['2026-10-02', 1],
    ['2026-10-05', 9],
    ['2026-10-04', 1],
  ]);

  it('groups consecutive dates in date order while their events fit the budget', () => {
    expect(planWindows(counts, 4)).toEqual([
      { dates: ['2026-10-01', '2026-10-02'], events: 4 },
      { dates: ['2026-10-03', '2026-10-04'], events: 3 },
      { dates: ['2026-10-05'], events: 9 },
    ]);
  });

  it('keeps a date with more events than the budget in a window of its own', () => {
    expect(planWindows(counts, 1).map((window) => window.dates)).toEqual([
      ['2026-10-01'],
      ['2026-10-02'],
      ['2026-10-03'],
      ['2026-10-04'],
      ['2026-10-05'],
    ]);
  });

  it('makes one window when everything fits, and none for an empty timeline', () => {
    expect(planWindows(counts, 100)).toEqual([
      { dates: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05'], events: 16 },
    ]);
    expect(planWindows(new Map(), 10)).toEqual([]);
  });
});
