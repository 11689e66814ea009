import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PII_CIPHER, type PiiCipher } from '@leap/privacy';
import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody, registerTrainedVisitor } from './support/journey-fixtures';
import { appendRaw } from './support/raw-events';

jest.setTimeout(30_000);

/** A distinctive marker per free-text field the API accepts, so a leak names its field. */
const mark = (field: string) => `ZQX-${field}-XQZ`;
const MARKER = /ZQX-[a-z.]+-XQZ/g;

interface StoredRow {
  streamId: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

/**
 * Every event as stored: the rows of `events.sqlite` on the embedded store (the bytes on disk, no
 * adapter in between), every event of `$all` on EventStoreDB.
 */
async function storedEvents(api: TestApi): Promise<StoredRow[]> {
  const file = join(api.dataDir, 'events.sqlite');
  if (api.backend.env.EVENTSTORE_CONNECTION_STRING === undefined && existsSync(file)) {
    const db = new Database(file, { readonly: true });
    try {
      const rows = db
        .prepare('SELECT stream_id, type, data, metadata FROM events ORDER BY position')
        .all() as {
        stream_id: string;
        type: string;
        data: string;
        metadata: string;
      }[];
      return rows.map((row) => ({
        streamId: row.stream_id,
        type: row.type,
        data: JSON.parse(row.data),
        metadata: JSON.parse(row.metadata),
      }));
    } finally {
      db.close();
    }
  }
  const store = api.openStore();
  try {
    return (await store.readAll()).map(({ streamId, type, data, metadata }) => ({
      streamId,
      type,
      data,
      metadata,
    }));
  } finally {
    await store.close();
  }
}

/** The value with every `pii` object, at any depth, left out: what is stored in the clear. */
function withoutPii(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPii);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).flatMap(([key, inner]) => (key === 'pii' ? [] : [[key, withoutPii(inner)]])),
  );
}

/** Every `pii` object in the value, at any depth. */
function piiOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(piiOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'pii' ? [inner] : piiOf(inner)));
}

/**
 * Personal data is only ever inside `pii`: a journey writes a marked text into every free-text field
 * of the API, and the store holds each marker inside a `pii` object and nowhere else — not in a type,
 * a stream id, metadata, or a clear field of any event.
 */
describe('when every free-text field of a case is written through the API', () => {
  let api: TestApi;
  let coord: Client;
  let caseId: string;
  const written = new Set<string>();
  const text = (field: string) => {
    written.add(mark(field));
    return mark(field);
  };

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
    const visitor = await registerTrainedVisitor(coord, { name: 'Ana Ruiz' });
    const ok = async (response: Promise<{ status: number; body: any }>) => {
      const answered = await response;
      expect([200, 201]).toContain(answered.status);
      return answered.body;
    };
    caseId = (
      await ok(
        coord.post(
          '/v1/cases',
          identifyBody({ pii: { studentName: text('student.name'), guardianName: text('guardian.name') } }),
        ),
      )
    ).caseId;
    const path = `/v1/cases/${caseId}`;
    await ok(coord.post(`${path}/consent-offers`, { offeredOn: daysAgo(55), channel: 'phone' }));
    await ok(
      coord.post(`${path}/consent-responses`, {
        respondedOn: daysAgo(54),
        decision: 'declined',
        reason: text('declined.reason'),
        reasonCode: 'no_time',
      }),
    );
    await ok(coord.post(`${path}/consent-offers`, { offeredOn: daysAgo(53), channel: 'letter' }));
    await ok(coord.post(`${path}/consent-responses`, { respondedOn: daysAgo(52), decision: 'granted' }));
    const schedule = async (date: string) =>
      (
        await ok(
          coord.post(`${path}/visits`, {
            status: 'scheduled',
            date,
            location: 'home',
            visitorIds: [visitor],
          }),
        )
      ).visitId as string;
    const [missed, cancelled, resolved] = [
      await schedule(daysAgo(50)),
      await schedule(daysAgo(49)),
      await schedule(daysAgo(48)),
    ];
    await ok(
      coord.post(`${path}/visits/${missed}/outcome`, {
        status: 'missed',
        date: daysAgo(50),
        reason: text('missed.reason'),
        reasonCode: 'family_unavailable',
      }),
    );
    await ok(
      coord.post(`${path}/visits/${cancelled}/outcome`, {
        status: 'cancelled',
        date: daysAgo(49),
        reason: text('cancelled.reason'),
      }),
    );
    await ok(
      coord.post(`${path}/visits/${resolved}/outcome`, {
        status: 'held',
        date: daysAgo(48),
        location: 'home',
        visitorIds: [visitor],
        strengthCodes: ['family_engagement'],
        strengths: [text('outcome.strengths')],
        aspirations: [text('outcome.aspirations')],
        pii: { notes: text('outcome.notes') },
      }),
    );
    await ok(
      coord.post(`${path}/visits`, {
        status: 'held',
        date: daysAgo(40),
        location: 'school',
        visitorIds: [visitor],
        strengthCodes: ['resilience', 'student_interests'],
        strengths: [text('visit.strengths')],
        aspirations: [text('visit.aspirations')],
        pii: { notes: text('visit.notes') },
      }),
    );
    const call = await ok(
      coord.post(`${path}/follow-up-calls`, {
        calledOn: daysAgo(38),
        outcome: 'reached',
        pii: { notes: text('call.notes') },
      }),
    );
    await ok(
      coord.post(`${path}/referrals`, {
        referredOn: daysAgo(37),
        resourceType: 'food',
        pii: { notes: text('referral.notes') },
      }),
    );
    await ok(
      coord.post(`${path}/entries/${call.callId}/void`, {
        reason: text('void.reason'),
        reasonCode: 'wrong_details',
      }),
    );
    // A follow-up as the worker raises it (its reason is the system's, from codes and dates).
    const followUpId = 'follow-up-scan';
    await appendRaw(api, caseId, [
      {
        type: 'FollowUpDue.v1',
        data: {
          followUpId,
          rule: 'referral_outcome',
          reason: `Referral (food) made on ${daysAgo(37)}; no outcome within P14D`,
          dueAt: new Date(Date.now() - 86_400_000).toISOString(),
          triggerEventId: 'scan-trigger',
          entryId: null,
        },
        commandType: 'RaiseFollowUp',
        actor: { id: 'system', role: 'system' },
      },
    ]);
    await ok(
      coord.post(`${path}/follow-ups/${followUpId}/complete`, {
        outcome: text('follow-up.outcome'),
        resolution: 'family_contacted',
      }),
    );
    await ok(coord.post(`${path}/closure`, { closedOn: daysAgo(10), reason: 'moved' }));
    await ok(coord.post(`${path}/reopening`, { reopenedOn: daysAgo(5), reason: text('reopen.reason') }));
    await ok(
      coord.post(`${path}/consent-responses`, {
        respondedOn: daysAgo(2),
        decision: 'withdrawn',
        reason: text('withdrawn.reason'),
      }),
    );
    // Reads are recorded too (access streams): they must carry no text either.
    await ok(coord.get(`${path}`));
    await ok(coord.get(`${path}/history`));
  });
  afterAll(() => api.stop());

  it('refuses a code outside its vocabulary with the field of each one (400), appending nothing', async () => {
    const head = await api.storeHead();
    const refused = await coord.post(`/v1/cases/${caseId}/visits`, {
      status: 'held',
      date: daysAgo(1),
      location: 'home',
      visitorIds: ['someone'],
      strengthCodes: ['family_engagement', 'kind grandmother'],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: { path: string }) => e.path)).toContain('strengthCodes');
    const voided = await coord.post(`/v1/cases/${caseId}/entries/x/void`, {
      reason: 'x',
      reasonCode: 'oops',
    });
    expect([voided.status, voided.body.errors?.[0]?.path]).toEqual([400, 'reasonCode']);
    expect(await api.storeHead()).toBe(head);
  });

  it('stores every marker inside a pii object, sealed', async () => {
    const rows = await storedEvents(api);
    expect(JSON.stringify(rows.map((row) => piiOf(row.data)))).not.toMatch(MARKER);
    const cipher = api.app.get<PiiCipher>(PII_CIPHER, { strict: false });
    const opened = await Promise.all(
      rows.flatMap((row) =>
        piiOf(row.data).map((pii) => cipher.open(pii, { streamId: row.streamId, eventType: row.type })),
      ),
    );
    const inPii = JSON.stringify(opened);
    expect([...written].filter((marker) => !inPii.includes(marker))).toEqual([]);
  });

  it('stores no marker outside pii: not in a type, a stream id, metadata or a clear field', async () => {
    const rows = await storedEvents(api);
    expect(rows.filter((row) => row.streamId === `case-${caseId}`).length).toBeGreaterThan(15);
    const leaks = rows.flatMap((row) => {
      const clear = JSON.stringify([row.streamId, row.type, row.metadata, withoutPii(row.data)]);
      return (clear.match(MARKER) ?? []).map((marker) => `${row.type}: ${marker}`);
    });
    expect(leaks).toEqual([]);
  });

  it('shows the coordinator what was written and a fidelity monitor only the codes', async () => {
    const read = (await coord.get(`/v1/cases/${caseId}`)).body;
    expect(read.visits.filter((v: { status: string }) => v.status === 'held')).toEqual([
      expect.objectContaining({
        strengths: [mark('outcome.strengths')],
        aspirations: [mark('outcome.aspirations')],
        strengthCodes: ['family_engagement'],
        pii: { notes: mark('outcome.notes') },
      }),
      expect.objectContaining({
        strengths: [mark('visit.strengths')],
        strengthCodes: ['resilience', 'student_interests'],
      }),
    ]);
    expect(read.visits[0]).toMatchObject({
      status: 'missed',
      reason: mark('missed.reason'),
      reasonCode: 'family_unavailable',
    });
    expect(read.followUps[0]).toMatchObject({
      outcome: mark('follow-up.outcome'),
      resolution: 'family_contacted',
    });

    const monitor = api.as({ sub: 'fm', role: 'fidelity_monitor', districtId: 'd1' });
    const shown = await monitor.get(`/v1/cases/${caseId}`);
    const history = await monitor.get(`/v1/cases/${caseId}/history`);
    expect(shown.body.visits[0]).toMatchObject({ status: 'missed', reasonCode: 'family_unavailable' });
    expect(shown.body.followUps[0]).toMatchObject({ state: 'completed', resolution: 'family_contacted' });
    const codes = history.body.events
      .filter((e: { type: string }) => e.type === 'VisitHeld.v2')
      .map((e: { data: { strengthCodes: string[] } }) => e.data.strengthCodes);
    expect(codes).toEqual([['family_engagement'], ['resilience', 'student_interests']]);
    expect(JSON.stringify([shown.body, history.body]).match(MARKER)).toBeNull();
  });
});
