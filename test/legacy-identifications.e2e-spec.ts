import { randomUUID } from 'node:crypto';
import { buildMetadata } from '@leap/commands';
import type { Pseudonymize } from '@leap/domain';
import type { RecordedEvent } from '@leap/event-store';
import {
  PII_CIPHER,
  createPseudonymizer,
  isSealed,
  loadPseudonymKey,
  openPii,
  type PiiCipher,
} from '@leap/privacy';
import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody, nextStudentId } from './support/journey-fixtures';

/**
 * A store written by an earlier version holds `StudentIdentified.v1`, the state student id and the
 * household id in clear, and the student's one slot across districts under that id
 * (`studentcases-<studentId>`). Every reader sees the identification as `StudentIdentified.v2`:
 * pseudonyms in clear, the real ids in `pii`. What the API writes today has no real id outside `pii`.
 */
describe('when the store holds a case identified by an earlier version', () => {
  let api: TestApi;
  let coord: Client;
  let monitor: Client;
  let pseudonymize: Pseudonymize;
  const caseId = randomUUID();
  const studentId = nextStudentId();
  const householdId = `household-${randomUUID()}`;
  let position: string;

  /** Appends as the earlier version did, straight to the store's adapter. */
  const appendRaw = async (streamId: string, type: string, data: Record<string, unknown>) => {
    const store = api.openRawStore();
    try {
      const commandId = randomUUID();
      const context = {
        actor: { id: 'coord-d1', role: 'coordinator' },
        commandId,
        correlationId: commandId,
        causationId: commandId,
        receivedAt: new Date(),
      };
      const metadata = buildMetadata(context, { districtId: 'd1', schoolId: 'sch-1' }, 'IdentifyStudent');
      return await store.appendToStream(streamId, [{ id: randomUUID(), type, data, metadata }], 'no_stream');
    } finally {
      await store.close();
    }
  };
  const readRaw = async (): Promise<RecordedEvent[]> => {
    const store = api.openRawStore();
    try {
      return await store.readAll();
    } finally {
      await store.close();
    }
  };

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
    monitor = api.as({ sub: 'fm', role: 'fidelity_monitor', districtId: 'd1' });
    pseudonymize = createPseudonymizer(loadPseudonymKey({ LEAP_DATA_DIR: api.dataDir, ...api.backend.env }));
    const { baseline, pii, ...body } = identifyBody({ studentId, identifiedOn: daysAgo(60) });
    await appendRaw(`studentcases-${studentId}`, 'StudentCaseOpened.v1', { studentId, caseId });
    position = (
      await appendRaw(`case-${caseId}`, 'StudentIdentified.v1', {
        ...body,
        caseId,
        schoolYear: '2026-27',
        baseline: { ...baseline, tier: 'chronic' },
        householdId,
        pii,
      })
    ).position;
  });
  afterAll(() => api.stop());

  it('reads the case with the real ids for roles that see personal data', async () => {
    const read = await coord.get(`/v1/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ caseId, studentId, householdId, status: 'open' });
    expect(read.body.pii).toEqual({
      studentName: 'Maya Lopez',
      guardianName: 'Rosa Lopez',
      guardianPhone: '+1 860 555 0101',
      address: '1 Elm St',
    });
  });

  it('reads it with the same pseudonyms as a case identified today for fidelity monitors, no real id', async () => {
    const read = await monitor.get(`/v1/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      studentId: pseudonymize('student', studentId),
      householdId: pseudonymize('household', householdId),
    });
    expect(read.body).not.toHaveProperty('pii');
    const history = await monitor.get(`/v1/cases/${caseId}/history`);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(['StudentIdentified.v2']);
    for (const body of [read.body, history.body]) {
      expect(JSON.stringify(body)).not.toContain(studentId);
      expect(JSON.stringify(body)).not.toContain(householdId);
    }
  });

  it('finds it by the real student id and by name, for roles that see personal data', async () => {
    for (const q of [studentId.toUpperCase(), 'maya lopez']) {
      const listed = await coord.get(`/v1/cases?${new URLSearchParams({ q, minPosition: position })}`);
      expect(listed.status).toBe(200);
      expect(listed.body.items).toContainEqual(
        expect.objectContaining({ caseId, studentId, studentName: 'Maya Lopez' }),
      );
    }
    const monitored = await monitor.get(`/v1/cases?${new URLSearchParams({ minPosition: position })}`);
    expect(monitored.body.items).toContainEqual(
      expect.objectContaining({ caseId, studentId: pseudonymize('student', studentId) }),
    );
  });

  it('keeps its student from a second open case, closes, and lets a new case open then', async () => {
    const refused = await coord.post('/v1/cases', identifyBody({ studentId, identifiedOn: daysAgo(30) }));
    expect([refused.status, refused.body.code]).toEqual([409, 'case_already_open']);
    expect(refused.body.detail).not.toContain(studentId);

    const closed = await coord.post(`/v1/cases/${caseId}/closure`, {
      closedOn: daysAgo(20),
      reason: 'moved',
    });
    expect(closed.status).toBe(200);
    const listed = await coord.get(
      `/v1/cases?${new URLSearchParams({ q: studentId, minPosition: closed.body.position })}`,
    );
    expect(listed.body.items).toContainEqual(expect.objectContaining({ caseId, status: 'closed' }));

    const second = await coord.post(
      '/v1/cases',
      identifyBody({ studentId, householdId, identifiedOn: daysAgo(10) }),
    );
    expect(second.status).toBe(201);
    const reopen = await coord.post(`/v1/cases/${caseId}/reopening`, {
      reopenedOn: daysAgo(1),
      reason: 'back',
    });
    expect([reopen.status, reopen.body.code]).toEqual([409, 'case_already_open']);

    const coordRead = await coord.get(`/v1/cases/${second.body.caseId}`);
    expect(coordRead.body).toMatchObject({ studentId, householdId, pii: { studentName: 'Maya Lopez' } });
    expect(coordRead.body.pii).not.toHaveProperty('studentId');
    const monitorRead = await monitor.get(`/v1/cases/${second.body.caseId}`);
    expect(monitorRead.body).toMatchObject({
      studentId: pseudonymize('student', studentId),
      householdId: pseudonymize('household', householdId),
    });
  });

  it('writes no state student id or household id outside pii: not in stream ids, metadata or clear fields', async () => {
    const planted = new Set([`studentcases-${studentId}`, `case-${caseId}`]);
    const written = (await readRaw()).filter((e) => !(planted.has(e.streamId) && e.revision === 0n));
    expect(written.map((e) => e.type)).toEqual(
      expect.arrayContaining(['CaseClosed.v1', 'StudentIdentified.v2', 'StudentCaseOpened.v2']),
    );
    const cipher = api.app.get<PiiCipher>(PII_CIPHER, { strict: false });
    for (const event of written) {
      const { streamId, type, data, metadata } = event;
      const { pii, ...clear } = data;
      const outside = JSON.stringify({ streamId, type, clear, metadata });
      expect(outside).not.toContain(studentId);
      expect(outside).not.toContain(householdId);
      if (type === 'StudentIdentified.v2') {
        // Sealed at rest; the real ids are what it holds.
        expect(isSealed(pii)).toBe(true);
        const [opened] = await openPii(cipher, [event]);
        expect(opened!.data.pii).toMatchObject({ studentId, householdId });
        expect(clear).toMatchObject({
          student: pseudonymize('student', studentId),
          household: pseudonymize('household', householdId),
        });
      }
    }
  });
});
