import { formatProgress } from './progress-bar';

describe('when rebuild progress is drawn', () => {
  it('shows events done of total, the rate and the time left', () => {
    expect(
      formatProgress({ projection: 'case_summaries', done: 50_000, total: 200_000, elapsedMs: 2000 }),
    ).toBe('case_summaries [######------------------]  25%  50,000/200,000 events  25,000 ev/s  ETA 6.0s');
  });

  it('shows a full bar for an empty store and only the count when the total is unknown', () => {
    expect(formatProgress({ projection: 'p', done: 0, total: 0, elapsedMs: 5 })).toContain(
      '[########################] 100%',
    );
    expect(formatProgress({ projection: 'p', done: 1200, total: null, elapsedMs: 1000 })).toBe(
      'p  1,200 events  1,200 ev/s',
    );
  });
});
