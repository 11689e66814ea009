import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TestApi, coordinator, type Client } from './support/harness';
import { daysAgo, identifyBody, registerTrainedVisitor } from './support/journey-fixtures';

jest.setTimeout(60_000);

/**
 * Erasure end to end: a family's personal data goes in through the API, is read (so every read
 * model and cache has it), is erased, and afterwards no byte of it is left in any file under the
 * data dir: the event store, the read models, the key store, and their WAL and shared-memory files.
 * Every value is distinctive, so finding it anywhere means it leaked.
 */
const STUDENT = 'Zebediah Quillfeather';
const GUARDIAN = 'Philippa Quillfeather';
const PHONE = '+1 860 555 7391';
const ADDRESS = '42 Larkspur Terrace';
const NOTES = 'met at the kitchen table with aunt Euphemia';
const PERSONAL = [STUDENT, GUARDIAN, PHONE, ADDRESS, NOTES, 'Quillfeather', 'Euphemia', 'Larkspur'];
/** Real identifiers: the state student id and the district's household id. */
const STUDENT_ID = 'SID-Xylophone-90417';
const HOUSEHOLD_ID = 'HH-Marmalade-55102';

/** Every file under the data dir, each as Latin-1 (UTF-8 bytes intact) and as UTF-16LE text. */
function dataDirTexts(dir: string): Map<string, string> {
  const texts = new Map<string, string>();
  const walk = (path: string) => {
    if (statSync(path).isDirectory()) return readdirSync(path).forEach((name) => walk(join(path, name)));
    const bytes = readFileSync(path);
    texts.set(path, `${bytes.toString('latin1')}\n${bytes.toString('utf16le')}`);
  };
  walk(dir);
  return texts;
}

/** The files under the data dir that hold `value` (as UTF-8 or UTF-16), by name. */
const filesHolding = (dir: string, value: string): string[] =>
  [...dataDirTexts(dir)]
    .filter(([, text]) => text.includes(value) || text.includes(value.toLowerCase()))
    .map(([path]) => path.slice(dir.length + 1));

describe('when a family’s data is erased', () => {
  let api: TestApi;
  let coord: Client;
  let visitorId: string;

  beforeAll(async () => {
    api = await TestApi.start();
    coord = api.as(coordinator());
    visitorId = await registerTrainedVisitor(coord, { subject: 'ana-erasure' });
  });
  afterAll(() => api.stop());

  /** A consenting case of the family with a held visit and a call, both with notes; answers its id. */
  async function familyCase(
    overrides: Record<string, unknown> = {},
  ): Promise<{ caseId: string; position: string }> {
    const identify = identifyBody({
      studentId: STUDENT_ID,
      householdId: HOUSEHOLD_ID,
      pii: { studentName: STUDENT, guardianName: GUARDIAN, guardianPhone: PHONE, address: ADDRESS },
      ...overrides,
    });
    const created = await coord.post('/v1/cases', identify);
    expect(created.status).toBe(201);
    const caseId: string = created.body.caseId;
    const on = identify.identifiedOn as string;
    const steps: Array<[string, unknown]> = [
      ['visitor-assignments', { visitorIds: [visitorId], assignedOn: on }],
      ['consent-offers', { offeredOn: on, channel: 'phone' }],
      ['consent-responses', { respondedOn: on, decision: 'granted' }],
      [
        'visits',
        {
          status: 'held',
          date: daysAgo(30),
          location: 'home',
          visitorIds: [visitorId],
          pii: { notes: NOTES },
        },
      ],
      ['follow-up-calls', { calledOn: daysAgo(20), outcome: 'reached', pii: { notes: NOTES } }],
    ];
    let position = created.body.position as string;
    for (const [path, body] of steps) {
      const answer = await coord.post(`/v1/cases/${caseId}/${path}`, body);
      if (answer.status >= 300) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
      position = answer.body.position;
    }
    return { caseId, position };
  }

  /** Reads the case, its history and the search (so read models and caches hold the family's data). */
  async function readEverywhere(caseId: string, position: string): Promise<void> {
    expect((await coord.get(`/v1/cases/${caseId}`)).body.pii).toMatchObject({ studentName: STUDENT });
    expect((await coord.get(`/v1/cases/${caseId}/history`)).status).toBe(200);
    const found = await coord.get(`/v1/cases?q=quillfeather&minPosition=${position}`);
    expect(found.body.items.map((item: { caseId: string }) => item.caseId)).toContain(caseId);
  }

  describe('by case', () => {
    let caseId: string;
    let erased: { status: number; body: any };

    beforeAll(async () => {
      const made = await familyCase({ studentId: `${STUDENT_ID}-c`, householdId: null });
      caseId = made.caseId;
      await readEverywhere(caseId, made.position);
      expect(filesHolding(api.dataDir, STUDENT)).not.toEqual([]);
      erased = await coord.post(`/v1/cases/${caseId}/erasure`, { reasonCode: 'family_request' });
      // The read models have applied the erasure (and run their purge checkpoint) at this position.
      expect((await coord.get(`/v1/cases?minPosition=${erased.body.position}`)).status).toBe(200);
    });

    it('answers the case erased, its key destroyed, and the position to read from', () => {
      expect(erased.status).toBe(200);
      expect(erased.body).toEqual({ caseIds: [caseId], keysDestroyed: 1, position: expect.any(String) });
    });

    it('leaves no byte of the names, phone, address or notes in any file of the data dir', () => {
      const files = [...dataDirTexts(api.dataDir).keys()].map((path) => path.slice(api.dataDir.length + 1));
      // On EventStoreDB the events are the server's (checked below) and the data keys are in the
      // PostgreSQL key store every process shares: neither is in the data dir.
      const embedded = api.backend.env.EVENTSTORE_CONNECTION_STRING ? [] : ['events.sqlite', 'keys.sqlite'];
      expect(files).toEqual(expect.arrayContaining([...embedded, 'read-models.sqlite']));
      for (const value of PERSONAL) expect([value, filesHolding(api.dataDir, value)]).toEqual([value, []]);
    });

    it('leaves none in the events EventStoreDB stores either (sealed before they were appended)', () => {
      const double = api.backend.double;
      const stored = double
        ? double.log.all.map((e) => Buffer.from(e.data).toString('latin1')).join('\n')
        : '';
      if (double) expect(stored).toContain('aes-256-gcm/v1');
      for (const value of PERSONAL) expect([value, stored.includes(value)]).toEqual([value, false]);
    });

    it('reads the case as erased, with its codes, dates and figures, and records the erasure in its history', async () => {
      const view = await coord.get(`/v1/cases/${caseId}`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        erased: true,
        pii: { erased: true },
        consent: 'granted',
        visitCount: 1,
      });
      expect(view.body.visits[0].pii).toEqual({ erased: true });
      const history = await coord.get(`/v1/cases/${caseId}/history`);
      expect(history.body.events.at(-1)).toMatchObject({
        type: 'FamilyDataErased.v1',
        data: { erasedOn: expect.any(String), reasonCode: 'family_request' },
        metadata: { actorId: 'coord-d1', actorRole: 'coordinator' },
      });
      const search = await coord.get(`/v1/cases?q=quillfeather`);
      expect(search.body.items.map((item: { caseId: string }) => item.caseId)).not.toContain(caseId);
    });

    it('answers a second erasure alike, destroying and appending nothing', async () => {
      const head = await api.storeHead();
      const again = await coord.post(`/v1/cases/${caseId}/erasure`, { reasonCode: 'other' });
      expect([again.status, again.body.caseIds, again.body.keysDestroyed]).toEqual([200, [caseId], 0]);
      expect(await api.storeHead()).toBe(head);
    });

    it('refuses new personal data on the case with 409 family_data_erased', async () => {
      const call = await coord.post(`/v1/cases/${caseId}/follow-up-calls`, {
        calledOn: daysAgo(1),
        outcome: 'reached',
        pii: { notes: 'called again' },
      });
      expect([call.status, call.body.code]).toEqual([409, 'family_data_erased']);
    });

    it('lets only the district’s coordinators and admins erase, and hides other districts’ cases', async () => {
      const body = { reasonCode: 'family_request' };
      for (const role of ['home_visitor', 'attendance_team', 'fidelity_monitor'] as const) {
        const answer = await api
          .as({ sub: `x-${role}`, role, districtId: 'd1' })
          .post(`/v1/cases/${caseId}/erasure`, body);
        expect([role, answer.status, answer.body.code]).toEqual([role, 403, 'role_not_allowed']);
      }
      const elsewhere = await api.as(coordinator('d2')).post(`/v1/cases/${caseId}/erasure`, body);
      expect([elsewhere.status, elsewhere.body.code]).toEqual([404, 'case_not_found']);
      const unknown = await coord.post('/v1/cases/no-such-case/erasure', body);
      expect([unknown.status, unknown.body.code]).toEqual([404, 'case_not_found']);
      const bad = await coord.post(`/v1/cases/${caseId}/erasure`, {
        reasonCode: 'because',
        erasedOn: 'soon',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['erasedOn', 'reasonCode']);
    });
  });

  /**
   * The byte scan for a whole household: needs the household to travel as a pseudonym with
   * the real ids sealed inside `pii` (StudentIdentified.v2, track `student`), so that the key store
   * finds the household's keys and no real id is stored in clear.
   */
  describe('by household', () => {
    let first: string;
    let sibling: string;
    let erased: { status: number; body: any };

    beforeAll(async () => {
      const a = await familyCase();
      const b = await familyCase({ studentId: `${STUDENT_ID}-sib` });
      [first, sibling] = [a.caseId, b.caseId];
      await readEverywhere(first, b.position);
      erased = await coord.post(`/v1/households/${HOUSEHOLD_ID}/erasure`, { reasonCode: 'family_request' });
      if (erased.status === 200)
        expect((await coord.get(`/v1/cases?minPosition=${erased.body.position}`)).status).toBe(200);
    });

    it('erases every case of the household', () => {
      expect([erased.status, erased.body.caseIds]).toEqual([200, [first, sibling].sort()]);
    });

    it('leaves no byte of the family’s personal data or real ids in any file of the data dir', () => {
      for (const value of [...PERSONAL, STUDENT_ID, HOUSEHOLD_ID])
        expect([value, filesHolding(api.dataDir, value)]).toEqual([value, []]);
    });

    it('reads each case as erased', async () => {
      for (const caseId of [first, sibling])
        expect((await coord.get(`/v1/cases/${caseId}`)).body.pii).toEqual({ erased: true });
    });

    it('answers an unknown household 404, without echoing its id', async () => {
      const unknown = await coord.post('/v1/households/HH-Nobody-1/erasure', { reasonCode: 'other' });
      expect([unknown.status, unknown.body.code]).toEqual([404, 'household_not_found']);
      expect(JSON.stringify(unknown.body)).not.toContain('HH-Nobody-1');
    });
  });
});
