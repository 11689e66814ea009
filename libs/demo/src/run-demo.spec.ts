import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedEvent } from '@leap/event-store';
import { openApplicationStores, openPii, type ApplicationEnv } from '@leap/privacy';
import { demoParameters } from './simulation/parameters';
import { runDemo, StoreNotEmptyError, TRUTH_FILE } from './run-demo';

const PSEUDONYM_KEY = 'demo-spec-pseudonym-key-0123456789abcdef0123456789';
const SMALL = demoParameters({ seed: 11, districts: 1, students: 60, attendance: 'monthly' }, '2026-11-29');
/** Recorded times of an import's outcome: when it ran, not what it says. */
const RECORDED_TIMES = new Set(['startedAt', 'completedAt', 'failedAt']);

const dirs: string[] = [];
const dataDir = (): ApplicationEnv => {
  const dir = mkdtempSync(join(tmpdir(), 'leap-demo-'));
  dirs.push(dir);
  return { LEAP_DATA_DIR: dir, LEAP_PSEUDONYM_KEY: PSEUDONYM_KEY };
};
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Every event with its personal data opened, by stream and revision. */
async function eventsOf(env: ApplicationEnv): Promise<RecordedEvent[]> {
  const { store, cipher } = openApplicationStores(env);
  try {
    const events: RecordedEvent[] = [];
    for (;;) {
      const page = await store.readAll({ after: events.at(-1)?.position, maxCount: 1000 });
      if (page.length === 0) break;
      events.push(...page);
    }
    return await openPii(cipher, events);
  } finally {
    await store.close();
  }
}

const byStream = (events: RecordedEvent[]) =>
  events
    .map((e) => ({
      streamId: e.streamId,
      revision: Number(e.revision),
      id: e.id,
      type: e.type,
      data: JSON.stringify(e.data, (key, value: unknown) => (RECORDED_TIMES.has(key) ? undefined : value)),
    }))
    .sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : a.revision - b.revision));

describe('building a demo state', () => {
  const first = dataDir();
  const second = dataDir();
  let firstEvents: RecordedEvent[];

  beforeAll(async () => {
    await runDemo(first, SMALL, { force: false });
    await runDemo(second, SMALL, { force: false });
    firstEvents = await eventsOf(first);
  }, 120_000);

  describe('when the same seed is built into two empty stores', () => {
    it('writes the same events: same streams, ids, types and data, apart from recorded times', async () => {
      const secondEvents = await eventsOf(second);
      expect(secondEvents.length).toBe(firstEvents.length);
      expect(byStream(secondEvents)).toEqual(byStream(firstEvents));
    });
  });

  it('goes through the registry, the imports and the case commands a user would send', () => {
    const types = new Set(firstEvents.map((e) => e.type));
    for (const type of [
      'DistrictRegistered.v1',
      'SchoolAdded.v1',
      'PartnerRegistered.v1',
      'VisitorRegistered.v1',
      'VisitorTrainingCompleted.v1',
      'DistrictProfileRecorded.v1',
      'StudentRostered.v1',
      'AttendanceMonthRecorded.v1',
      'ImportCompleted.v1',
      'StudentIdentified.v2',
      'VisitorsAssigned.v1',
      'ConsentOffered.v1',
      'ConsentGranted.v1',
      'VisitHeld.v2',
      'AttendanceChecked.v1',
      'FollowUpDue.v1',
      'FollowUpClaimed.v1',
      'FollowUpCompleted.v2',
      'CaseClosed.v1',
    ])
      expect(types).toContain(type);
  });

  it('dates the business across the two school years while recording everything now', () => {
    const identified = firstEvents.filter((e) => e.type === 'StudentIdentified.v2');
    for (const event of identified) expect(String(event.data.identifiedOn) >= '2024-09-01').toBe(true);
    const closed = firstEvents.filter((e) => e.type === 'CaseClosed.v1').map((e) => String(e.data.closedOn));
    expect(closed.every((date) => date <= SMALL.through)).toBe(true);
    expect(firstEvents.every((e) => e.recordedAt > '2026-01-01')).toBe(true);
  });

  it('raises follow-ups as the system and has the attendance team work them', () => {
    const due = firstEvents.filter((e) => e.type === 'FollowUpDue.v1');
    expect(due.length).toBeGreaterThan(0);
    expect(due.every((e) => e.metadata.actorId === 'system')).toBe(true);
    const completed = firstEvents.filter((e) => e.type === 'FollowUpCompleted.v2');
    expect(completed.every((e) => e.metadata.actorRole === 'attendance_team')).toBe(true);
  });

  it('keeps the state student id out of stream names and metadata', () => {
    const rostered = firstEvents.filter((e) => e.type === 'StudentRostered.v1');
    const ids = [...new Set(rostered.map((e) => String((e.data.pii as { studentId: string }).studentId)))];
    expect(ids.length).toBe(SMALL.students);
    const clear = firstEvents.map((e) => `${e.streamId} ${JSON.stringify(e.metadata)}`).join('\n');
    expect(ids.filter((id) => clear.includes(id))).toEqual([]);
  });

  it('writes the parameters and the realised effects beside the data', () => {
    const truth = JSON.parse(readFileSync(join(first.LEAP_DATA_DIR!, TRUTH_FILE), 'utf8'));
    expect(truth.parameters).toEqual(SMALL);
    expect(truth.realised.pooled.map((m: { eventMonth: number }) => m.eventMonth)).toEqual([
      -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
    expect(Object.keys(truth.realised.breakdowns).sort()).toEqual([
      'englishLearner',
      'firstVisitLocation',
      'gradeBand',
      'visitorOrganization',
    ]);
  });

  describe('when the store already holds events', () => {
    it('refuses without --force and writes nothing', async () => {
      const before = firstEvents.length;
      await expect(runDemo(first, { ...SMALL, seed: 12 }, { force: false })).rejects.toBeInstanceOf(
        StoreNotEmptyError,
      );
      expect((await eventsOf(first)).length).toBe(before);
    });

    it('with --force, building the same seed again appends nothing', async () => {
      await runDemo(first, SMALL, { force: true });
      expect((await eventsOf(first)).filter((e) => !e.streamId.startsWith('import-')).length).toBe(
        firstEvents.filter((e) => !e.streamId.startsWith('import-')).length,
      );
    }, 60_000);
  });
});
