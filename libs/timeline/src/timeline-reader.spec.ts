import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMetadata } from '@leap/commands';
import { SqliteEventStore, type EventStore } from '@leap/event-store';
import type { TimelineCut } from './timeline-cut';
import type { TimelineLine } from './timeline-line';
import { timelineLines } from './timeline-reader';

let dir: string;
let store: EventStore;

const pseudonymize = (kind: string, id: string) => `${kind}_${id.length}${id.at(-1)}`;
const localDateOf = (instant: string) => instant.slice(0, 10);
const everything: TimelineCut = {
  districtId: 'd1',
  schoolIds: null,
  from: null,
  to: null,
  types: null,
  knownAt: null,
};

async function append(
  streamId: string,
  scope: { districtId: string; schoolId: string | null },
  events: { type: string; data: Record<string, unknown> }[],
) {
  const [last] = await store.readStream(streamId, { direction: 'backwards', maxCount: 1 }).catch(() => []);
  const commandId = randomUUID();
  const context = {
    actor: { id: 'login-ana', role: 'home_visitor' },
    commandId,
    correlationId: commandId,
    causationId: commandId,
    receivedAt: new Date(),
  };
  await store.appendToStream(
    streamId,
    events.map((event) => ({ id: randomUUID(), ...event, metadata: buildMetadata(context, scope, 'Test') })),
    last ? last.revision : 'no_stream',
  );
}

const identified = (caseId: string, identifiedOn: string, schoolId: string) => ({
  type: 'StudentIdentified.v2',
  data: {
    caseId,
    student: `stu_${caseId}`,
    household: `hh_${caseId}`,
    districtId: 'd1',
    schoolId,
    schoolYear: '2026-27',
    grade: '7',
    identifiedOn,
    baseline: { asOf: identifiedOn, daysEnrolled: 20, daysAbsent: 5, tier: 'chronic' },
    flags: { englishLearner: false, freeReducedLunch: true, housingInsecure: false, iep: false },
    homeLanguage: null,
    targetingApproach: 'individual',
    pii: { studentId: 'SSID-123', studentName: 'Maria Lopez', guardianPhone: '860-555-0101' },
  },
});
const visitHeld = (visitId: string, date: string) => ({
  type: 'VisitHeld.v2',
  data: {
    visitId,
    visitNumber: 1,
    date,
    location: 'home',
    visitorIds: ['vis-1', 'vis-2'],
    pair: true,
    householdVisitId: null,
    barriers: ['transportation'],
    strengthCodes: [],
    familyWantsToContinue: true,
    pii: { notes: 'Talked with Maria about mornings', strengths: ['Loves soccer'] },
    recordedBy: 'login-ana',
  },
});
const granted = (respondedOn: string) => ({ type: 'ConsentGranted.v1', data: { respondedOn } });

async function read(cut: Partial<TimelineCut> = {}, budget?: number): Promise<TimelineLine[]> {
  const lines: TimelineLine[] = [];
  for await (const text of timelineLines(
    { store, pseudonymize, localDateOf, budget, pageSize: 3 },
    { ...everything, ...cut },
  )) {
    expect(text.endsWith('\n')).toBe(true);
    lines.push(JSON.parse(text) as TimelineLine);
  }
  return lines;
}

const summary = (lines: TimelineLine[]) =>
  lines.map((l) => `${l.businessDate} ${l.type} ${l.caseId ?? l.visitorId}`);

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'leap-timeline-'));
  store = new SqliteEventStore(join(dir, 'events.sqlite'));
  // Recorded in this order; business dates interleave across cases, and one visit is entered late.
  await append('case-a', { districtId: 'd1', schoolId: 's1' }, [
    identified('a', '2026-10-01', 's1'),
    granted('2026-10-03'),
  ]);
  await append('case-b', { districtId: 'd1', schoolId: 's2' }, [identified('b', '2026-10-02', 's2')]);
  await append('case-a', { districtId: 'd1', schoolId: 's1' }, [visitHeld('va', '2026-10-06')]);
  await append('case-b', { districtId: 'd1', schoolId: 's2' }, [
    granted('2026-10-04'),
    visitHeld('vb', '2026-10-05'),
  ]);
  await append('case-x', { districtId: 'd2', schoolId: 's9' }, [identified('x', '2026-10-01', 's9')]);
  await append('visitor-vis-1', { districtId: 'd1', schoolId: null }, [
    {
      type: 'VisitorRegistered.v1',
      data: {
        visitorId: 'vis-1',
        name: 'Dana Whitfield',
        subject: null,
        role: 'community_partner',
        organization: { type: 'community', name: 'Hope Center' },
        districtId: 'd1',
        languages: ['en'],
      },
    },
    {
      type: 'VisitorTrainingCompleted.v1',
      data: { visitorId: 'vis-1', training: 'LEAP_101', completedOn: '2026-10-02' },
    },
  ]);
  await append('case-a', { districtId: 'd1', schoolId: 's1' }, [visitHeld('va0', '2026-10-02')]);
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('when the program timeline of a district is read', () => {
  it('lists its events in business-date order across cases, recorded order within a date', async () => {
    expect(summary(await read())).toEqual([
      '2026-10-01 StudentIdentified.v2 a',
      '2026-10-02 StudentIdentified.v2 b',
      '2026-10-02 VisitorTrainingCompleted.v1 vis-1',
      '2026-10-02 VisitHeld.v2 a',
      '2026-10-03 ConsentGranted.v1 a',
      '2026-10-04 ConsentGranted.v1 b',
      '2026-10-05 VisitHeld.v2 b',
      '2026-10-06 VisitHeld.v2 a',
    ]);
  });

  it('gives the same lines when its buffer holds only a few, reading the store in windows', async () => {
    const whole = await read();
    expect(await read({}, 2)).toEqual(whole);
    expect(await read({}, 1)).toEqual(whole);
  });

  it('names the case, its student and household pseudonyms, district and school on every case line', async () => {
    const consent = (await read()).find((line) => line.type === 'ConsentGranted.v1' && line.caseId === 'b')!;
    expect(consent).toMatchObject({
      category: 'case',
      caseId: 'b',
      student: 'stu_b',
      household: 'hh_b',
      districtId: 'd1',
      schoolId: 's2',
      data: { respondedOn: '2026-10-04' },
    });
    expect(Date.parse(consent.recordedAt)).not.toBeNaN();
  });

  it('shows no personal data or free text, and pseudonymises logins', async () => {
    const text = JSON.stringify(await read());
    for (const personal of [
      'Maria',
      'SSID-123',
      '860-555',
      'soccer',
      'mornings',
      'Dana Whitfield',
      'login-ana',
    ]) {
      expect(text).not.toContain(personal);
    }
    const visit = (await read()).find((line) => line.type === 'VisitHeld.v2')!;
    expect(visit.data).not.toHaveProperty('pii');
    expect(visit.data.recordedBy).toBe(pseudonymize('subject', 'login-ana'));
    expect(visit.data.barriers).toEqual(['transportation']);
  });

  it('shows events earlier versions wrote as their current version, without their free text', async () => {
    await append('case-b', { districtId: 'd1', schoolId: 's2' }, [
      {
        type: 'ResourceReferred.v1',
        data: {
          referralId: 'r1',
          referredOn: '2026-10-07',
          resourceType: 'health',
          partner: 'Dr. Smith for Mr. Park',
          recordedBy: 'login-ana',
        },
      },
      {
        type: 'ConsentWithdrawn.v1',
        data: { respondedOn: '2026-10-08', reason: 'Moving in with Aunt Carla' },
      },
    ]);
    const lines = await read({ from: '2026-10-07' });
    expect(lines.map((line) => [line.type, line.data])).toEqual([
      [
        'ResourceReferred.v2',
        {
          referralId: 'r1',
          referredOn: '2026-10-07',
          resourceType: 'health',
          partnerId: null,
          recordedBy: pseudonymize('subject', 'login-ana'),
        },
      ],
      ['ConsentWithdrawn.v2', { respondedOn: '2026-10-08', reasonCode: null }],
    ]);
    expect(JSON.stringify(lines)).not.toMatch(/Smith|Park|Carla/);
  });

  it('keeps to the types asked for', async () => {
    expect(summary(await read({ types: new Set(['VisitHeld.v2']) }, 1))).toEqual([
      '2026-10-02 VisitHeld.v2 a',
      '2026-10-05 VisitHeld.v2 b',
      '2026-10-06 VisitHeld.v2 a',
    ]);
  });

  it('keeps to inclusive business dates', async () => {
    expect(summary(await read({ from: '2026-10-03', to: '2026-10-05' }))).toEqual([
      '2026-10-03 ConsentGranted.v1 a',
      '2026-10-04 ConsentGranted.v1 b',
      '2026-10-05 VisitHeld.v2 b',
    ]);
  });

  it('keeps to a school, leaving out district-level events', async () => {
    expect(summary(await read({ schoolIds: ['s2'] }))).toEqual([
      '2026-10-02 StudentIdentified.v2 b',
      '2026-10-04 ConsentGranted.v1 b',
      '2026-10-05 VisitHeld.v2 b',
    ]);
  });

  it('shows only what was recorded by knownAt', async () => {
    const all = await store.readAll();
    const cutAt = all.find(
      (event) => event.streamId === 'case-b' && event.type === 'ConsentGranted.v1',
    )!.recordedAt;
    await new Promise((resolve) => setTimeout(resolve, 5));
    await append('case-b', { districtId: 'd1', schoolId: 's2' }, [granted('2026-10-01')]);
    const known = summary(await read({ knownAt: Date.parse(cutAt) }, 2));
    expect(known).not.toContain('2026-10-01 ConsentGranted.v1 b');
    expect(summary(await read())).toContain('2026-10-01 ConsentGranted.v1 b');
  });

  it('shows nothing of another district', async () => {
    expect(summary(await read({ districtId: 'd2' }))).toEqual(['2026-10-01 StudentIdentified.v2 x']);
  });
});
