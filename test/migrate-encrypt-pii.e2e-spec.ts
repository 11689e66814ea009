import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildMetadata } from '@leap/commands';
import { createEventStore, type RecordedEvent } from '@leap/event-store';
import { TestApi, coordinator } from './support/harness';
import { daysAgo, identifyBody } from './support/journey-fixtures';

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

  it('run again on its copy, copies nothing twice', () => {
    const again = leap(['migrate', 'encrypt-pii', '--to', targetDir], { LEAP_DATA_DIR: sourceDir });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Copied 0 events/);
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
});
