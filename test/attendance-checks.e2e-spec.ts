import { Queue } from 'bullmq';
import Redis from 'ioredis';
import {
  ATTENDANCE_QUEUE,
  ATTENDANCE_SWEEP_SCHEDULER_ID,
  AttendanceQueue,
  checkJobId,
} from '@leap/follow-ups';
import { lastSchoolMonthDue, parseDuration, schoolYearOf } from '@leap/domain';
import { districtTimeZone, localDate } from '@leap/http';
import { CheckAttendanceWhenMonthImported } from '../libs/follow-ups/src/attendance-checks/check-attendance-when-month-imported';
import { eventually } from '../libs/follow-ups/src/testing/follow-up-test-env';
import { AttendanceSeed } from './support/attendance-seed';
import { useFollowUpApi } from './support/follow-ups';
import { coordinator, withDistricts, type Client, type TestApi } from './support/harness';
import { identifyBody, nextStudentId } from './support/journey-fixtures';

jest.setTimeout(40_000);

const DISTRICT = 'd-att';
const WHERE = { districtId: DISTRICT, schoolId: 'sch-1' };
/** The last school month that ended a week ago or more: checked, and due for the sweep. */
const MONTH = lastSchoolMonthDue(
  Date.now(),
  parseDuration('P7D')!,
  districtTimeZone(),
  localDate(new Date(), districtTimeZone()),
);
const SCHOOL_YEAR = schoolYearOf(`${MONTH}-01`);

type HistoryEvent = { id: string; type: string; data: Record<string, any>; metadata: Record<string, any> };

describe('when attendance is checked automatically', () => {
  const { api: currentApi, env } = useFollowUpApi(withDistricts(DISTRICT, 'd-att-off'));
  let api: TestApi;
  let coord: Client;
  let seed: AttendanceSeed;

  beforeAll(() => {
    api = currentApi();
    coord = api.as(coordinator(DISTRICT));
    seed = new AttendanceSeed(api);
  });

  const history = async (caseId: string): Promise<HistoryEvent[]> =>
    (await coord.get(`/v1/cases/${caseId}/history`)).body.events;
  const checksOf = async (caseId: string) =>
    (await history(caseId)).filter((event) => event.type === 'AttendanceChecked.v1');
  const identify = async (where = WHERE) => {
    const studentId = nextStudentId();
    const created = await api
      .as(coordinator(where.districtId))
      .post('/v1/cases', identifyBody({ studentId, ...where, identifiedOn: `${MONTH}-01` }));
    expect(created.status).toBe(201);
    return { caseId: created.body.caseId as string, student: seed.pseudonymOf(studentId) };
  };
  const queueCheck = (caseId: string, student: string, attendanceRevision: number) =>
    api.app
      .get(AttendanceQueue, { strict: false })
      .queueChecks([{ caseId, student, schoolYear: SCHOOL_YEAR, month: MONTH, attendanceRevision }]);

  describe('a case whose month is imported, then corrected, then imported again unchanged', () => {
    let caseId: string;
    let student: string;

    it('records the month’s check as the system, with its rate, tier and the year to date', async () => {
      ({ caseId, student } = await identify());
      await seed.month(student, WHERE, MONTH, { daysEnrolled: 20, daysAbsent: 3 });
      const [check] = await eventually(
        async () => {
          const checks = await checksOf(caseId);
          return checks.length > 0 && checks;
        },
        { what: 'the automatic check' },
      );
      expect(check).toMatchObject({
        data: {
          month: MONTH,
          asOf: expect.stringMatching(new RegExp(`^${MONTH}-\\d\\d$`)),
          daysEnrolled: 20,
          daysAbsent: 3,
          rate: 85,
          tier: 'chronic',
          yearToDate: {
            schoolYear: SCHOOL_YEAR,
            through: MONTH,
            daysEnrolled: 20,
            daysAbsent: 3,
            rate: 85,
            tier: 'chronic',
          },
          recordedBy: 'system',
        },
        metadata: { actorId: 'system', actorRole: 'system', commandType: 'RecordAttendanceCheck' },
      });
      expect(check!.metadata.correlationId).toMatch(/^import-/);
      const view = (await coord.get(`/v1/cases/${caseId}`)).body;
      expect(view.attendanceChecks).toEqual([
        expect.objectContaining({
          month: MONTH,
          rate: 85,
          yearToDate: expect.objectContaining({ through: MONTH }),
        }),
      ]);
      expect(view.tier).toBe('chronic');
    });

    it('records a new check when the month is corrected', async () => {
      const corrected = await seed.month(student, WHERE, MONTH, { daysEnrolled: 20, daysAbsent: 5 });
      expect(corrected).not.toBeNull();
      const checks = await eventually(
        async () => {
          const found = await checksOf(caseId);
          return found.length === 2 && found;
        },
        { what: 'the check of the corrected month' },
      );
      expect(checks[1]!.data).toMatchObject({ daysAbsent: 5, rate: 75, tier: 'severe_chronic' });
    });

    it('records nothing for an unchanged re-import, nor for a check queued again', async () => {
      expect(await seed.month(student, WHERE, MONTH, { daysEnrolled: 20, daysAbsent: 5 })).toBeNull();
      // A re-queued check (a later attendance revision, say) finds the figures already checked.
      await queueCheck(caseId, student, 99);
      const queue = await api.app.get(AttendanceQueue, { strict: false }).queue();
      const jobId = checkJobId({ caseId, month: MONTH, attendanceRevision: 99 });
      await eventually(async () => (await queue.getJobState(jobId)) === 'unknown', {
        what: 'the queued check to run',
      });
      expect(await checksOf(caseId)).toHaveLength(2);
    });
  });

  it('records one check when the same check job is queued twice', async () => {
    const { caseId, student } = await identify();
    // The import queues the check; the same job (same case, month and revision) is queued twice more.
    const imported = await seed.month(student, WHERE, MONTH, { daysEnrolled: 18, daysAbsent: 1 });
    await Promise.all([
      queueCheck(caseId, student, imported!.revision),
      queueCheck(caseId, student, imported!.revision),
    ]);
    await eventually(async () => (await checksOf(caseId)).length > 0, { what: 'the check' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await checksOf(caseId)).toHaveLength(1);
  });

  it('checks the months imported before the student was identified, once identified', async () => {
    const studentId = nextStudentId();
    const student = seed.pseudonymOf(studentId);
    await seed.month(student, WHERE, MONTH, { daysEnrolled: 20, daysAbsent: 2 });
    const created = await coord.post(
      '/v1/cases',
      identifyBody({ studentId, ...WHERE, identifiedOn: `${MONTH}-01` }),
    );
    const caseId = created.body.caseId as string;
    const [check] = await eventually(
      async () => {
        const checks = await checksOf(caseId);
        return checks.length > 0 && checks;
      },
      { what: 'the check of the month imported earlier' },
    );
    expect(check!.data).toMatchObject({ month: MONTH, daysAbsent: 2, tier: 'chronic', rate: 90 });
  });

  it('stops checking a closed case', async () => {
    const { caseId, student } = await identify();
    const closed = await coord.post(`/v1/cases/${caseId}/closure`, {
      closedOn: `${MONTH}-02`,
      reason: 'attendance_improved',
    });
    expect(closed.status).toBe(200);
    const imported = await seed.month(student, WHERE, MONTH, { daysEnrolled: 20, daysAbsent: 6 });
    await queueCheck(caseId, student, imported!.revision);
    const queue = await api.app.get(AttendanceQueue, { strict: false }).queue();
    const jobId = checkJobId({ caseId, month: MONTH, attendanceRevision: imported!.revision });
    await eventually(async () => (await queue.getJobState(jobId)) === 'unknown', {
      what: 'the check to run',
    });
    expect(await checksOf(caseId)).toEqual([]);
  });

  it('shows its queue to operators beside the follow-up timers', async () => {
    const view = (await api.as({ sub: 'ops', role: 'admin' }).get('/v1/queues')).body;
    expect(view.queues.map((queue: { name: string }) => queue.name)).toEqual([
      'follow-ups',
      'attendance-checks',
    ]);
    expect(view.queues[1]).toMatchObject({ prefix: env().prefix, failed: [] });
  });

  it('keeps one monthly sweep scheduler however often it is upserted', async () => {
    const connection = new Redis(env().redisUrl, { maxRetriesPerRequest: null });
    const queue = new Queue(ATTENDANCE_QUEUE, { connection, prefix: env().prefix });
    try {
      const scheduler = await eventually(
        async () => (await queue.getJobScheduler(ATTENDANCE_SWEEP_SCHEDULER_ID)) ?? undefined,
        { what: 'the attendance sweep scheduler' },
      );
      expect(scheduler).toMatchObject({ pattern: '30 3 8 * *', tz: districtTimeZone() });
      expect(Object.keys(scheduler.template?.data ?? {})).toEqual(['installationId']);
      await queue.upsertJobScheduler(
        ATTENDANCE_SWEEP_SCHEDULER_ID,
        { pattern: '30 3 8 * *', tz: districtTimeZone() },
        { name: 'attendance-sweep', data: scheduler.template!.data },
      );
      expect(await queue.getJobSchedulersCount()).toBe(1);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('raises attendance_data_missing once for a month with no attendance, resolved when it arrives', async () => {
    const { caseId, student } = await identify();
    const sweeper = api.app.get(AttendanceQueue, { strict: false });
    const first = await sweeper.runSweep();
    expect(first.raised).toBeGreaterThanOrEqual(1);
    await sweeper.runSweep();
    const raised = (await history(caseId)).filter(
      (e) => e.type === 'FollowUpDue.v1' && e.data.rule === 'attendance_data_missing',
    );
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      data: { triggerEventId: `school-month-${MONTH}`, entryId: null },
      metadata: { actorId: 'system', commandType: 'RaiseFollowUp' },
    });
    const followUpId = raised[0]!.data.followUpId as string;
    await seed.month(student, WHERE, MONTH, { daysEnrolled: 20, daysAbsent: 0 });
    await eventually(
      async () =>
        (await coord.get(`/v1/cases/${caseId}`)).body.followUps.find(
          (f: { followUpId: string; state: string }) => f.followUpId === followUpId && f.state === 'resolved',
        ),
      { what: 'the follow-up to be resolved by the check' },
    );
  });

  it('checks a reopened case for the months imported while it was closed', async () => {
    const { caseId, student } = await identify();
    await coord.post(`/v1/cases/${caseId}/closure`, {
      closedOn: `${MONTH}-02`,
      reason: 'attendance_improved',
    });
    await seed.month(student, WHERE, MONTH, { daysEnrolled: 20, daysAbsent: 7 });
    const reopened = await coord.post(`/v1/cases/${caseId}/reopening`, {
      reopenedOn: `${MONTH}-03`,
      reasonCode: 'absences_resumed',
      reason: 'Absent again',
    });
    expect(reopened.status).toBe(200);
    const [check] = await eventually(
      async () => {
        const checks = await checksOf(caseId);
        return checks.length > 0 && checks;
      },
      { what: 'the check after reopening' },
    );
    expect(check!.data).toMatchObject({ month: MONTH, daysAbsent: 7, tier: 'severe_chronic' });
  });

  it('raises no attendance_data_missing in a district that turned the rule off', async () => {
    const off = { districtId: 'd-att-off', schoolId: 'sch-1' };
    const put = await api.as(coordinator(off.districtId)).send(
      'PUT',
      `/v1/districts/${off.districtId}/follow-up-rules`,
      {
        rules: { attendance_data_missing: { enabled: false } },
      },
      {},
    );
    expect(put.status).toBe(200);
    const { caseId } = await identify(off);
    await api.app.get(AttendanceQueue, { strict: false }).runSweep();
    const events = (await api.as(coordinator(off.districtId)).get(`/v1/cases/${caseId}/history`)).body
      .events as HistoryEvent[];
    expect(events.filter((e) => e.data.rule === 'attendance_data_missing')).toEqual([]);
  });

  describe('months imported while no worker listened', () => {
    it('are checked by the reconciliation a worker runs at start-up', async () => {
      await api.app.get(CheckAttendanceWhenMonthImported, { strict: false }).stop();
      const { caseId, student } = await identify();
      await seed.month(student, WHERE, MONTH, { daysEnrolled: 19, daysAbsent: 4 });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await checksOf(caseId)).toEqual([]);
      const reconciled = await api.app.get(AttendanceQueue, { strict: false }).reconcileChecks();
      expect(reconciled.raised).toBe(0);
      const [check] = await eventually(
        async () => {
          const checks = await checksOf(caseId);
          return checks.length > 0 && checks;
        },
        { what: 'the reconciled check' },
      );
      expect(check!.data).toMatchObject({ month: MONTH, daysEnrolled: 19, daysAbsent: 4 });
    });
  });
});
