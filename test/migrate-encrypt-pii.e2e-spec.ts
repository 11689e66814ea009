import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMetadata } from '@leap/commands';
import { createEventStore, type RecordedEvent } from '@leap/event-store';
import { EventStoreDbEventStore } from '@leap/event-store/eventstoredb';
import { generateMasterKeyText, openApplicationStores } from '@leap/privacy';
import { EsdbDoubleProcess } from './support/esdb-double-process';
import { TestApi, coordinator } from './support/harness';
import { daysAgo, identifyBody } from './support/journey-fixtures';
import { sharedKeyStore } from './support/shared-key-store';

jest.setTimeout(120_000);

const root = join(__dirname, '..');

/** Personal data an earlier version wrote in clear: none of it may be at rest in the copy. */
const WORDS = {
  student: 'Ximena Quartzfield',
  guardian: 'Odalys Quartzfield',
  strength: 'Uncle Bartholomew drives Ximena to school',
  partner: 'Dr. Wexley at the Quartzfield clinic',
  identifiedToday: 'Teodora Brightwater',
};

function leap(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/cli/src/leap.ts', ...args], {
    cwd: root,
    env: { ...process.env, EVENTSTORE_CONNECTION_STRING: '', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function readAllRaw(dataDir: string): Promise<RecordedEvent[]> {
  const store = createEventStore({ LEAP_DATA_DIR: dataDir });
  try {
    return await store.readAll();
  } finally {
    await store.close();
  }
}

/** Every byte of the embedded event store's files (database, WAL). */
function storeBytes(dataDir: string): string {
  return readdirSync(dataDir)
    .filter((name) => name.startsWith('events.sqlite'))
    .map((name) => readFileSync(join(dataDir, name)).toString('latin1'))
    .join('');
}

/**
 * A store written by an earlier version (personal data in clear, `.v1` events) is copied by
 * `npm run leap -- migrate encrypt-pii` into a new data dir whose every `pii` is sealed, keeping
 * order, ids, metadata and revisions; the API started on the copy reads the families as before.
 */
describe('when `npm run leap -- migrate encrypt-pii` copies an embedded store written by an earlier version', () => {
  let sourceDir: string;
  let targetDir: string;
  const legacyCase = randomUUID();
  let todaysCase: string;

  beforeAll(async () => {
    const source = await TestApi.start({ dataDir: mkdtempSync(join(tmpdir(), 'leap-migrate-src-')) });
    sourceDir = source.dataDir;
    targetDir = join(mkdtempSync(join(tmpdir(), 'leap-migrate-')), 'data');
    try {
      const identified = await source
        .as(coordinator())
        .post('/v1/cases', identifyBody({ pii: { studentName: WORDS.identifiedToday } }));
      todaysCase = identified.body.caseId;
      const raw = source.openRawStore();
      const commandId = randomUUID();
      const context = {
        actor: { id: 'coord-d1', role: 'coordinator' },
        commandId,
        correlationId: commandId,
        causationId: commandId,
        receivedAt: new Date(),
      };
      const metadata = (command: string) =>
        buildMetadata(context, { districtId: 'd1', schoolId: 'sch-1' }, command);
      const { baseline, studentId, ...body } = identifyBody({ identifiedOn: daysAgo(60) });
      await raw.appendToStream(
        `case-${legacyCase}`,
        [
          {
            id: randomUUID(),
            type: 'StudentIdentified.v1',
            data: {
              ...body,
              caseId: legacyCase,
              studentId,
              schoolYear: '2026-27',
              baseline: { ...baseline, tier: 'chronic' },
              householdId: `household-${randomUUID()}`,
              pii: { studentName: WORDS.student, guardianName: WORDS.guardian },
            },
            metadata: metadata('IdentifyStudent'),
          },
          {
            id: randomUUID(),
            type: 'VisitHeld.v1',
            data: {
              visitId: randomUUID(),
              visitNumber: 1,
              date: daysAgo(40),
              location: 'home',
              visitorIds: [],
              pair: false,
              householdVisitId: null,
              barriers: ['transportation'],
              strengths: [WORDS.strength],
              aspirations: [],
              familyWantsToContinue: true,
              pii: {},
              recordedBy: 'ana',
            },
            metadata: metadata('RecordVisit'),
          },
          {
            id: randomUUID(),
            type: 'ResourceReferred.v1',
            data: {
              referralId: randomUUID(),
              referredOn: daysAgo(39),
              resourceType: 'mental_health',
              partner: WORDS.partner,
              recordedBy: 'ana',
            },
            metadata: metadata('ReferResource'),
          },
        ],
        'no_stream',
      );
      await raw.close();
    } finally {
      await source.stop({ keepData: true });
    }
  });
  afterAll(() => {
    rmSync(sourceDir, { recursive: true, force: true });
    rmSync(join(targetDir, '..'), { recursive: true, force: true });
  });

  it('copies every event in order with its id, stream, revision and metadata, at its current version', async () => {
    const run = leap(['migrate', 'encrypt-pii', '--to', targetDir], { LEAP_DATA_DIR: sourceDir });
    expect(run).toMatchObject({ code: 0 });
    const [source, target] = [await readAllRaw(sourceDir), await readAllRaw(targetDir)];
    const shape = ({ id, streamId, revision, metadata }: RecordedEvent) => ({
      id,
      streamId,
      revision,
      metadata,
    });
    expect(target.map(shape)).toEqual(source.map(shape));
    const legacy = target.filter((event) => event.streamId === `case-${legacyCase}`);
    expect(legacy.map((event) => event.type)).toEqual([
      'StudentIdentified.v2',
      'VisitHeld.v2',
      'ResourceReferred.v2',
    ]);
    expect(statSync(join(targetDir, 'pseudonym-key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(targetDir, 'pseudonym-key'), 'utf8')).toBe(
      readFileSync(join(sourceDir, 'pseudonym-key'), 'utf8'),
    );
  });

  it('leaves no personal data in clear in the new store, where the old one had it', () => {
    const [before, after] = [storeBytes(sourceDir), storeBytes(targetDir)];
    for (const word of [WORDS.student, WORDS.guardian, WORDS.strength, WORDS.partner]) {
      expect(before).toContain(word);
      expect(after).not.toContain(word);
    }
    expect(after).not.toContain(WORDS.identifiedToday);
  });

  it('run again on its copy, copies nothing twice and continues after the last event it copied', async () => {
    const again = leap(['migrate', 'encrypt-pii', '--to', targetDir], { LEAP_DATA_DIR: sourceDir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Copied 0 events/);

    // What the copy had not reached yet when it stopped: the next run copies exactly that.
    const source = createEventStore({ LEAP_DATA_DIR: sourceDir });
    const [identified] = await source.readStream(`case-${legacyCase}`, { maxCount: 1 });
    const later = {
      id: randomUUID(),
      type: 'ResourceReferred.v1',
      data: {
        referralId: randomUUID(),
        referredOn: daysAgo(30),
        resourceType: 'food',
        partner: WORDS.partner,
        recordedBy: 'ana',
      },
      metadata: identified!.metadata,
    };
    await source.appendToStream(`case-${legacyCase}`, [later], 2n);
    await source.close();
    const resumed = leap(['migrate', 'encrypt-pii', '--to', targetDir], { LEAP_DATA_DIR: sourceDir });
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^Copied 1 events/);
    const [copied] = (await readAllRaw(targetDir)).slice(-1);
    expect(copied).toMatchObject({
      id: later.id,
      streamId: `case-${legacyCase}`,
      revision: 3n,
      type: 'ResourceReferred.v2',
    });
    expect(storeBytes(targetDir)).not.toContain(WORDS.partner);
  });

  it('refuses a target that holds anything else, with exit 2 and nothing written', async () => {
    const otherDir = mkdtempSync(join(tmpdir(), 'leap-migrate-other-'));
    try {
      const other = createEventStore({ LEAP_DATA_DIR: otherDir });
      const event = { id: randomUUID(), type: 'Unrelated.v1', data: {}, metadata: {} };
      await other.appendToStream('unrelated-1', [event], 'no_stream');
      await other.close();
      const refused = leap(['migrate', 'encrypt-pii', '--to', otherDir], { LEAP_DATA_DIR: sourceDir });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^The target store is not empty/);
      expect((await readAllRaw(otherDir)).map((stored) => stored.id)).toEqual([event.id]);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('serves the families with their names to a coordinator once the API runs on the new store', async () => {
    const api = await TestApi.start({ dataDir: targetDir, registry: 'empty' });
    try {
      const coord = api.as(coordinator());
      const legacy = await coord.get(`/v1/cases/${legacyCase}`);
      expect(legacy.status).toBe(200);
      expect(legacy.body.pii).toMatchObject({ studentName: WORDS.student, guardianName: WORDS.guardian });
      const history = await coord.get(`/v1/cases/${legacyCase}/history`);
      expect(JSON.stringify(history.body)).toContain(WORDS.strength);
      expect(JSON.stringify(history.body)).toContain(WORDS.partner);
      const today = await coord.get(`/v1/cases/${todaysCase}`);
      expect(today.body.pii).toMatchObject({ studentName: WORDS.identifiedToday });
    } finally {
      await api.stop({ keepData: true });
    }
  });

  it('copies into an empty EventStoreDB with its data keys in LEAP_KEYSTORE_URL, nothing in clear', async () => {
    const double = await EsdbDoubleProcess.start();
    const keyStore = await sharedKeyStore();
    const env = {
      EVENTSTORE_CONNECTION_STRING: double.connectionString,
      LEAP_KEYSTORE_URL: keyStore.url,
      LEAP_MASTER_KEY: generateMasterKeyText(),
      LEAP_PSEUDONYM_KEY: readFileSync(join(sourceDir, 'pseudonym-key'), 'utf8').trim(),
    };
    try {
      const run = leap(['migrate', 'encrypt-pii', '--to', double.connectionString], {
        LEAP_DATA_DIR: sourceDir,
        LEAP_KEYSTORE_URL: env.LEAP_KEYSTORE_URL,
        LEAP_MASTER_KEY: env.LEAP_MASTER_KEY,
        LEAP_PSEUDONYM_KEY: env.LEAP_PSEUDONYM_KEY,
      });
      expect(run).toMatchObject({ code: 0 });
      const raw = new EventStoreDbEventStore(double.connectionString);
      const copied = await raw.readAll().finally(() => raw.close());
      const source = await readAllRaw(sourceDir);
      expect(copied.map(({ id, streamId, revision }) => ({ id, streamId, revision }))).toEqual(
        source.map(({ id, streamId, revision }) => ({ id, streamId, revision })),
      );
      const stored = JSON.stringify(copied.map(({ data, metadata }) => ({ data, metadata })));
      expect(stored).toContain('$sealed');
      for (const word of Object.values(WORDS)) expect(stored).not.toContain(word);
      const { store, cipher } = openApplicationStores(env);
      try {
        const [identified] = await store.readStream(`case-${legacyCase}`, { maxCount: 1 });
        const context = { streamId: identified!.streamId, eventType: identified!.type };
        expect(await cipher.open(identified!.data.pii, context)).toMatchObject({
          studentName: WORDS.student,
        });
        const [today] = await store.readStream(`case-${todaysCase}`, { maxCount: 1 });
        const todayContext = { streamId: today!.streamId, eventType: today!.type };
        expect(await cipher.open(today!.data.pii, todayContext)).toMatchObject({
          studentName: WORDS.identifiedToday,
        });
      } finally {
        await store.close();
      }
    } finally {
      await double.stop();
      await keyStore.drop();
    }
  });
});
