import { UnrecoverableError } from 'bullmq';
import { assertOwnTimer, nextGeneration, parseTimerJob, timerJobId, timerKey } from './timer-jobs';

const timer = { ruleId: 'offer_consent' as const, triggerEventId: 'e-1', dueAt: '2024-10-06T04:00:00.000Z' };
const data = {
  installationId: 'inst-a',
  caseId: 'case-1',
  ...timer,
  generation: 2,
};

describe('when timer jobs are named', () => {
  const key = timerKey('case-1', timer);

  it('names the first job by the timer alone and later ones by their generation, never with a colon', () => {
    expect(timerJobId(key, 1)).toBe(`fu__case-1__offer_consent__e-1__${Date.parse(timer.dueAt)}`);
    expect(timerJobId(key, 3)).toBe(`${key}__g3`);
    expect(timerKey('case:1', timer)).not.toContain(':');
  });

  it('schedules the first generation whose job has not finished', () => {
    expect(nextGeneration(key, new Set())).toBe(1);
    expect(nextGeneration(key, new Set([timerJobId(key, 1)]))).toBe(2);
    expect(nextGeneration(key, new Set([timerJobId(key, 1), timerJobId(key, 2)]))).toBe(3);
    // A first job already removed from Redis frees its id again.
    expect(nextGeneration(key, new Set([timerJobId(key, 2)]))).toBe(1);
  });
});

describe('when a worker takes a timer job', () => {
  it('reads its installation and generation', () => {
    expect(parseTimerJob(data)).toEqual(data);
    expect(parseTimerJob({ ...data, generation: undefined }).generation).toBe(1);
  });

  it('refuses a job without an installation id', () => {
    expect(() => parseTimerJob({ ...data, installationId: undefined })).toThrow(/installation id/);
  });

  it('refuses, without retries, a job another installation scheduled', () => {
    expect(() => assertOwnTimer(data, 'inst-a')).not.toThrow();
    expect(() => assertOwnTimer(data, 'inst-b')).toThrow(UnrecoverableError);
  });
});
