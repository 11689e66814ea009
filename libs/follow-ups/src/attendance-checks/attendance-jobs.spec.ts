import { UnrecoverableError } from 'bullmq';
import { checkJobId, parseCheckJob } from './attendance-jobs';

describe('when attendance check jobs are named', () => {
  const job = { caseId: 'case-1', month: '2025-10', attendanceRevision: 4 };

  it('names an ended month’s job by case, month and attendance revision', () => {
    expect(checkJobId(job)).toBe('ac__case-1__2025-10__r4');
    expect(checkJobId({ ...job, attendanceRevision: 5 })).toBe('ac__case-1__2025-10__r5');
  });

  it('names one job per case and month while the month is still running, whatever the revision', () => {
    expect(checkJobId(job, false)).toBe('ac__case-1__2025-10__end');
    expect(checkJobId({ ...job, attendanceRevision: 9 }, false)).toBe('ac__case-1__2025-10__end');
  });

  it('refuses a malformed job or one of another installation without retrying', () => {
    const data = { installationId: 'inst-1', student: 'stu_1', schoolYear: '2025-26', ...job };
    expect(parseCheckJob(data, 'inst-1')).toEqual(data);
    expect(() => parseCheckJob({ ...data, month: 'October' }, 'inst-1')).toThrow(UnrecoverableError);
    expect(() => parseCheckJob(data, 'inst-2')).toThrow(UnrecoverableError);
  });
});
