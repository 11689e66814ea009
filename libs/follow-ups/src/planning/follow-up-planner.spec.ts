import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseEvent, FollowUpRuleChanges } from '@leap/domain';
import { SqliteEventStore, type JsonObject } from '@leap/event-store';
import { event } from '../../../domain/src/case/case.fixtures';
import type { FollowUpConfig } from '../follow-up-config';
import type { FollowUpQueue, TimerJob } from '../queue/follow-up-queue';
import { FollowUpFactsReader } from './follow-up-facts.reader';
import { FollowUpPlanner } from './follow-up-planner';

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
  let makePlanner: (scheduleHorizonMs: number) => FollowUpPlanner;

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
  const appendCase = (events: CaseEvent[]) => append('case-case-1', events);
  const changeRules = (rules: FollowUpRuleChanges) =>
    append('followuprules-district-1', [
      { type: 'FollowUpRulesChanged.v1', data: { districtId: 'district-1', rules } },
    ]);
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
    makePlanner = (scheduleHorizonMs) =>
      new FollowUpPlanner(
        new FollowUpFactsReader(store),
        queue,
        { timeZone: 'America/New_York', scheduleHorizonMs } as FollowUpConfig,
        { now: () => now },
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
    expect(await planner.plan(['case-1'])).toEqual({ cases: 1, timers: 1 });
    const [job] = scheduled[0]!;
    const identified = (await store.readStream('case-case-1'))[0]!.id;
    expect(job).toEqual({
      jobId: `fu__case-1__offer_consent__${identified}__${Date.parse('2024-10-06T04:00:00.000Z')}`,
      data: {
        caseId: 'case-1',
        ruleId: 'offer_consent',
        triggerEventId: identified,
        dueAt: '2024-10-06T04:00:00.000Z',
      },
      delayMs: Date.parse('2024-10-06T04:00:00.000Z') - NOW.getTime(),
    });
    expect(job!.jobId).not.toContain(':');
  });

  it('leaves a timer due beyond the horizon to a later planning, closer to its time', async () => {
    const nearSighted = makePlanner(6 * HOUR_MS);
    now = new Date('2024-10-05T21:59:00.000Z'); // the timer is due 2024-10-06T04:00Z, 6 h 1 min later
    expect(await nearSighted.plan(['case-1'], { everything: true })).toEqual({ cases: 1, timers: 0 });
    now = new Date('2024-10-05T22:01:00.000Z');
    expect(await nearSighted.plan(['case-1'], { everything: true })).toEqual({ cases: 1, timers: 1 });
  });

  it('hands BullMQ only new timers when a case is planned again, and every timer when reconciling', async () => {
    await planner.plan(['case-1']);
    await planner.plan(['case-1']);
    await planner.plan(['case-1'], { everything: true });
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
    expect(await planner.plan(['case-unknown'])).toEqual({ cases: 0, timers: 0 });
  });
});
