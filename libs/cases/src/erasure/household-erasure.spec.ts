import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadStreamState, streamStateCacheOf, type CommandContext } from '@leap/commands';
import { DomainError, caseDecider, type Pseudonymize } from '@leap/domain';
import { SqliteEventStore, type EventStore } from '@leap/event-store';
import {
  AesGcmPiiCipher,
  SealingEventStore,
  SqliteKeyStore,
  createPseudonymizer,
  masterKeyOf,
} from '@leap/privacy';
import { eraseHousehold, householdErasureStreamId } from './household-erasure';

const context: CommandContext = {
  actor: { id: 'coord-1', role: 'coordinator' },
  commandId: 'erase-hh-1',
  correlationId: 'erase-hh-1',
  causationId: 'erase-hh-1',
  receivedAt: new Date('2024-12-10T15:00:00Z'),
};
const request = { reasonCode: 'family_request' as const, erasedOn: '2024-12-10' };
const allow = () => undefined;

describe('when a household’s data is erased', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let keys: SqliteKeyStore;
  let cipher: AesGcmPiiCipher;
  let store: SealingEventStore;
  let pseudonymize: Pseudonymize;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leap-household-erasure-'));
    raw = new SqliteEventStore(join(dir, 'events.sqlite'));
    keys = new SqliteKeyStore(join(dir, 'keys.sqlite'), masterKeyOf(randomBytes(32)));
    cipher = new AesGcmPiiCipher(keys);
    store = new SealingEventStore(raw, cipher);
    pseudonymize = createPseudonymizer(randomBytes(32));
  });
  afterEach(async () => {
    await store.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A case of the household: its identification carries the household's pseudonym, which keys its data key. */
  async function caseOf(caseId: string, householdId: string, districtId = 'd1') {
    await store.appendToStream(
      `case-${caseId}`,
      [
        {
          id: randomUUID(),
          type: 'StudentIdentified.v2',
          data: {
            caseId,
            student: pseudonymize('student', `student-${caseId}`),
            districtId,
            schoolId: 'sch-1',
            schoolYear: '2024-25',
            grade: '7',
            identifiedOn: '2024-10-01',
            baseline: { asOf: '2024-09-30', daysEnrolled: 20, daysAbsent: 4, tier: 'chronic' },
            flags: { englishLearner: false, freeReducedLunch: false, housingInsecure: false, iep: false },
            homeLanguage: null,
            household: pseudonymize('household', householdId),
            targetingApproach: 'district_wide',
            pii: { studentId: `student-${caseId}`, householdId, studentName: `Student ${caseId}` },
          },
          metadata: { districtId, schoolId: 'sch-1' },
        },
      ],
      'no_stream',
    );
  }

  const erasedCases = async () =>
    (await raw.readAll({ filter: { eventTypes: ['FamilyDataErased.v1'] } })).map((e) => e.streamId).sort();
  const tools = (over: EventStore = store) => ({ store: over, keys, cipher });

  it('destroys every key of the household in the district and records the erasure on each case', async () => {
    await caseOf('a', 'HH-1');
    await caseOf('b', 'HH-1');
    await caseOf('other', 'HH-2');
    await caseOf('elsewhere', 'HH-1', 'd2');
    const outcome = await eraseHousehold(
      tools(),
      pseudonymize,
      { districtId: 'd1', householdId: 'HH-1' },
      context,
      request,
      allow,
    );
    expect([outcome.caseIds, outcome.keysDestroyed]).toEqual([['a', 'b'], 2]);
    expect(await erasedCases()).toEqual(['case-a', 'case-b']);
    expect(await keys.get('case-other')).not.toBeNull();
    expect(await keys.get('case-elsewhere')).not.toBeNull();
  });

  it('leaves no folded state of an erased case in this process’s command cache', async () => {
    await caseOf('a', 'HH-1');
    await caseOf('other', 'HH-2');
    await loadStreamState(store, 'case-other', caseDecider);
    const target = { districtId: 'd1', householdId: 'HH-1' };
    await eraseHousehold(tools(), pseudonymize, target, context, request, allow);
    const cache = streamStateCacheOf(store);
    expect([cache.get('case-a'), cache.get('case-other')?.revision]).toEqual([undefined, 0n]);
  });

  it("destroys the roster key of each erased case's student, and no other student's", async () => {
    await caseOf('a', 'HH-1');
    await caseOf('other', 'HH-2');
    const rosterOf = async (caseId: string) => {
      const streamId = `student-${pseudonymize('student', `student-${caseId}`)}`;
      await store.appendToStream(
        streamId,
        [
          {
            id: randomUUID(),
            type: 'StudentRostered.v1',
            data: {
              student: streamId.slice('student-'.length),
              pii: { studentId: `student-${caseId}`, guardianPhone: '555-010-0101' },
            },
            metadata: { districtId: 'd1', schoolId: 'sch-1' },
          },
        ],
        'no_stream',
      );
      return streamId;
    };
    const roster = await rosterOf('a');
    const otherRoster = await rosterOf('other');
    expect(await keys.get(roster)).not.toBeNull();
    const outcome = await eraseHousehold(
      tools(),
      pseudonymize,
      { districtId: 'd1', householdId: 'HH-1' },
      context,
      request,
      allow,
    );
    expect(outcome.keysDestroyed).toBe(2);
    expect(await keys.get(roster)).toBeNull();
    expect(await keys.get(otherRoster)).not.toBeNull();
  });

  it('finishes, when run again, an erasure that stopped after destroying the keys', async () => {
    await caseOf('a', 'HH-1');
    await caseOf('b', 'HH-1');
    // The process "dies" on its first FamilyDataErased: the keys are gone, nothing is recorded on the cases.
    const dying = Object.create(store) as EventStore;
    dying.appendToStream = (streamId, events, expected) =>
      events.some((e) => e.type === 'FamilyDataErased.v1')
        ? Promise.reject(new Error('process died'))
        : store.appendToStream(streamId, events, expected);
    const target = { districtId: 'd1', householdId: 'HH-1' };
    await expect(eraseHousehold(tools(dying), pseudonymize, target, context, request, allow)).rejects.toThrow(
      'process died',
    );
    expect(await keys.keysOf({ districtId: 'd1', household: pseudonymize('household', 'HH-1') })).toEqual([]);
    expect(await erasedCases()).toEqual([]);
    const again = await eraseHousehold(tools(), pseudonymize, target, context, request, allow);
    expect([again.caseIds, again.keysDestroyed]).toEqual([['a', 'b'], 0]);
    expect(await erasedCases()).toEqual(['case-a', 'case-b']);
    const ledger = await raw.readStream(householdErasureStreamId('d1', pseudonymize('household', 'HH-1')));
    expect(ledger.map((e) => e.data)).toEqual([{ caseIds: ['a', 'b'], ...request }]);
    expect(JSON.stringify(ledger.map((e) => [e.streamId, e.data, e.metadata]))).not.toContain('HH-1');
  });

  it('answers 404 household_not_found for a household the district does not have', async () => {
    await caseOf('a', 'HH-1', 'd2');
    const erasing = eraseHousehold(
      tools(),
      pseudonymize,
      { districtId: 'd1', householdId: 'HH-1' },
      context,
      request,
      allow,
    );
    await expect(erasing).rejects.toBeInstanceOf(DomainError);
    await expect(erasing).rejects.toMatchObject({ code: 'household_not_found' });
  });

  it('destroys nothing when the caller may not erase one of the cases', async () => {
    await caseOf('a', 'HH-1');
    const refuse = () => {
      throw new Error('not yours');
    };
    await expect(
      eraseHousehold(
        tools(),
        pseudonymize,
        { districtId: 'd1', householdId: 'HH-1' },
        context,
        request,
        refuse,
      ),
    ).rejects.toThrow('not yours');
    expect(await keys.get('case-a')).not.toBeNull();
  });
});
