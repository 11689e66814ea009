import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseEvent, FollowUpRuleChanges } from '@leap/domain';
import { EventStoreUnavailableError, SqliteEventStore, type JsonObject } from '@leap/event-store';
import { event } from '../../../domain/src/case/case.fixtures';
import type { FollowUpConfig } from '../follow-up-config';
import type { FollowUpQueue, TimerJob } from '../queue/follow-up-queue';
import { FollowUpFactsReader } from './follow-up-facts.reader';
import { FollowUpPlanner } from './follow-up-planner';
import type { PlanningFailures } from './planning-failures';

const NOW = new Date('2024-10-02T12:00:00.000Z');
const HOUR_MS = 3_600_000;

describe('when cases are planned', () => {
  let dir: string;
  let store: SqliteEventStore;
  let planner: FollowUpPlanner;
  let scheduled: TimerJob[][];
  let unscheduled: string[][];
  let next = 0;
  let now: Date;
  let makePlanner: (scheduleHorizonMs: number, reader?: FollowUpFactsReader) => FollowUpPlanner;
  /** What the planner reported: `failed <case> <district> <error>` and `planned <case>`. */
  let reported: string[];

  const append = (streamId: string, events: { type: string; data: object }[]) =>
    store.appendToStream(
      streamId,
      events.map((e) => ({
        id: `00000000-0000-4000-8000-${String(++next).padStart(12, '0')}`,
        type: e.type,
        data: e.data as JsonObject,
        metadata: {},
      })),
      'any',
    );
  const appendCase = (events: CaseEvent[], caseId = 'case-1') => append(`case-${caseId}`, events);
  const changeRules = (rules: FollowUpRuleChanges, districtId = 'district-1') =>
    append(`followuprules-${districtId}`, [{ type: 'FollowUpRulesChanged.v1', data: { districtId, rules } }]);
  const reconciling = (finished: string[] = []) => ({ finished: new Set(finished) });
  const jobIds = (batch: TimerJob[] | undefined) => (batch ?? []).map((job) => job.jobId);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'leap-planner-'));
    store = new SqliteEventStore(join(dir, 'events.sqlite'));
    scheduled = [];
    unscheduled = [];
    const queue = {
      schedule: async (jobs: TimerJob[]) => void scheduled.push(jobs),
      unschedule: async (ids: string[]) => void unscheduled.push(ids),
    } as unknown as FollowUpQueue;
    now = NOW;
    reported = [];
    const failures = {
      record: (caseId: string, districtId: string | null, error: Error) =>
        void reported.push(`failed ${caseId} ${districtId} ${error.name}`),
      planned: (caseId: string) => void reported.push(`planned ${caseId}`),
    } as unknown as PlanningFailures;
    makePlanner = (scheduleHorizonMs, reader = new FollowUpFactsReader(store)) =>
      new FollowUpPlanner(
        reader,
        queue,
        { timeZone: 'America/New_York', scheduleHorizonMs } as FollowUpConfig,
        { now: () => now },
        failures,
      );
    planner = makePlanner(60 * 24 * HOUR_MS);
    await changeRules({ no_contact: { enabled: false } });
    await appendCase([event.studentIdentified()]);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('schedules each pending timer with a deterministic id, its data and the delay until it is due', async () => {
    expect(await planner.plan(['case-1'])).toEqual({ cases: 1, timers: 1, retried: 0 });
    const [job] = scheduled[0]!;
    const identified = (await store.readStream('case-case-1'))[0]!.id;
    expect(job).toEqual({
      jobId: `fu__case-1__offer_consent__${identified}__${Date.parse('2024-10-06T04:00:00.000Z')}`,
      data: {
        caseId: 'case-1',
        ruleId: 'offer_consent',
        triggerEventId: identified,
        dueAt: '2024-10-06T04:00:00.000Z',
        generation: 1,
      },
      delayMs: Date.parse('2024-10-06T04:00:00.000Z') - NOW.getTime(),
    });
    expect(job!.jobId).not.toContain(':');
  });

  it('leaves a timer due beyond the horizon to a later planning, closer to its time', async () => {
    const nearSighted = makePlanner(6 * HOUR_MS);
    now = new Date('2024-10-05T21:59:00.000Z'); // the timer is due 2024-10-06T04:00Z, 6 h 1 min later
    expect(await nearSighted.plan(['case-1'], reconciling())).toMatchObject({ cases: 1, timers: 0 });
    now = new Date('2024-10-05T22:01:00.000Z');
    expect(await nearSighted.plan(['case-1'], reconciling())).toMatchObject({ cases: 1, timers: 1 });
  });

  it('hands BullMQ only new timers when a case is planned again, and every timer when reconciling', async () => {
    await planner.plan(['case-1']);
    await planner.plan(['case-1']);
    await planner.plan(['case-1'], reconciling());
    expect(jobIds(scheduled[0])).toHaveLength(1);
    expect(jobIds(scheduled[1])).toEqual([]);
    expect(jobIds(scheduled[2])).toEqual(jobIds(scheduled[0]));
    expect(unscheduled).toEqual([]);
  });

  it('unschedules a timer the next event cancelled', async () => {
    await planner.plan(['case-1']);
    await appendCase([event.consentOffered()]);
    await planner.plan(['case-1']);
    expect(jobIds(scheduled[1]).map((id) => id.split('__')[2])).toEqual(['consent_answer']);
    expect(unscheduled).toEqual([jobIds(scheduled[0])]);
  });

  it('moves a timer to a new job when the district changes its threshold', async () => {
    await planner.plan(['case-1']);
    await changeRules({ offer_consent: { after: 'P2D' } });
    await planner.plan(['case-1']);
    expect(scheduled[1]![0]!.data.dueAt).toBe('2024-10-03T04:00:00.000Z');
    expect(unscheduled).toEqual([jobIds(scheduled[0])]);
  });

  it('schedules nothing for a case that does not exist', async () => {
    expect(await planner.plan(['case-unknown'])).toEqual({ cases: 0, timers: 0, retried: 0 });
  });

  describe('a timer whose job finished without raising its follow-up', () => {
    it('is scheduled again by a reconciliation, under the next generation of its id', async () => {
      await planner.plan(['case-1']);
      const [first] = jobIds(scheduled[0]);
      expect(await planner.plan(['case-1'], reconciling([first!]))).toEqual({
        cases: 1,
        timers: 1,
        retried: 1,
      });
      expect(scheduled[1]).toEqual([
        expect.objectContaining({ jobId: `${first}__g2`, data: expect.objectContaining({ generation: 2 }) }),
      ]);
      expect(
        jobIds((await planner.plan(['case-1'], reconciling([first!, `${first}__g2`])), scheduled[2])),
      ).toEqual([`${first}__g3`]);
    });

    it('keeps the generation it scheduled when the case changes, and unschedules that one', async () => {
      await planner.plan(['case-1']);
      const [first] = jobIds(scheduled[0]);
      await planner.plan(['case-1'], reconciling([first!]));
      await planner.plan(['case-1']);
      expect(jobIds(scheduled[2])).toEqual([]);
      await appendCase([event.consentOffered()]);
      await planner.plan(['case-1']);
      expect(unscheduled).toEqual([[`${first}__g2`]]);
    });
  });

  describe('a case that cannot be planned', () => {
    beforeEach(async () => {
      await changeRules({ offer_consent: { enabled: false } }, 'district-2');
      await appendCase([event.studentIdentified({ caseId: 'case-2', districtId: 'district-2' })], 'case-2');
      await appendCase([event.studentIdentified({ caseId: 'case-3', districtId: 'district-3' })], 'case-3');
      // Written before rules were validated, in a shape the rules cannot be read from.
      await append('followuprules-district-2', [
        { type: 'FollowUpRulesChanged.v1', data: { districtId: 'district-2', rules: null as never } },
      ]);
    });

    it('is set aside and recorded; every other case, of every district, is still planned', async () => {
      const result = await planner.plan(['case-2', 'case-1', 'case-3']);
      expect(result).toMatchObject({ cases: 2 });
      expect([...new Set(scheduled[0]!.map((job) => job.data.caseId))].sort()).toEqual(['case-1', 'case-3']);
      expect(reported.sort()).toEqual([
        'failed case-2 district-2 TypeError',
        'planned case-1',
        'planned case-3',
      ]);
    });

    it('is reported planned once it can be planned again', async () => {
      const reader = new FollowUpFactsReader(store);
      const read = reader.caseFacts.bind(reader);
      let readable = false;
      reader.caseFacts = async (caseId) => {
        if (!readable) throw new Error('unreadable');
        return read(caseId);
      };
      const recovering = makePlanner(60 * 24 * HOUR_MS, reader);
      await recovering.plan(['case-1']);
      expect(reported).toEqual(['failed case-1 null Error']);
      readable = true;
      expect(await recovering.plan(['case-1'])).toMatchObject({ cases: 1, timers: 1 });
      expect(reported).toEqual(['failed case-1 null Error', 'planned case-1']);
    });

    it('fails the whole plan when the event store cannot be reached, so it is retried as a whole', async () => {
      const reader = new FollowUpFactsReader(store);
      reader.caseFacts = async () => {
        throw new EventStoreUnavailableError('connection refused');
      };
      await expect(makePlanner(60 * 24 * HOUR_MS, reader).plan(['case-1'])).rejects.toThrow(
        EventStoreUnavailableError,
      );
      expect(reported).toEqual([]);
    });
  });
});
