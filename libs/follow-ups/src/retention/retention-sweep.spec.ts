import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { settingsOf, type RegisteredDistrict } from '@leap/domain';
import { SqliteEventStore } from '@leap/event-store';
import { AesGcmPiiCipher, SealingEventStore, SqliteKeyStore, masterKeyOf } from '@leap/privacy';
import { sweepRetention } from './retention-sweep';

const district = (districtId: string, retention: string | null): RegisteredDistrict => ({
  districtId,
  name: districtId,
  regionId: 'CREC',
  timeZone: 'America/New_York',
  settings: settingsOf({ allowUntrainedVisitors: false, retention }),
  status: 'registered',
  schools: [],
});

describe('when the daily retention sweep runs', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let keys: SqliteKeyStore;
  let store: SealingEventStore;
  let tools: { store: SealingEventStore; keys: SqliteKeyStore; cipher: AesGcmPiiCipher };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'leap-retention-'));
    raw = new SqliteEventStore(join(dir, 'events.sqlite'));
    keys = new SqliteKeyStore(join(dir, 'keys.sqlite'), masterKeyOf(randomBytes(32)));
    const cipher = new AesGcmPiiCipher(keys);
    store = new SealingEventStore(raw, cipher);
    tools = { store, keys, cipher };
  });
  afterEach(async () => {
    await store.close();
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A case identified in 2020 and, when `closedOn` is given, closed then. */
  async function caseOf(caseId: string, districtId: string, closedOn: string | null) {
    const append = (type: string, data: Record<string, unknown>) =>
      store.appendToStream(
        `case-${caseId}`,
        [{ id: randomUUID(), type, data, metadata: { districtId, schoolId: 'sch-1', actorId: 'coord-1' } }],
        'any',
      );
    await append('StudentIdentified.v2', {
      caseId,
      student: `stu_${caseId}`,
      districtId,
      schoolId: 'sch-1',
      schoolYear: '2019-20',
      grade: '7',
      identifiedOn: '2020-01-06',
      baseline: { asOf: '2020-01-03', daysEnrolled: 80, daysAbsent: 12, tier: 'chronic' },
      flags: { englishLearner: false, freeReducedLunch: false, housingInsecure: false, iep: false },
      homeLanguage: null,
      household: null,
      targetingApproach: 'district_wide',
      pii: { studentId: `student-${caseId}`, studentName: `Student ${caseId}` },
    });
    if (closedOn) await append('CaseClosed.v1', { closedOn, reason: 'attendance_improved' });
  }

  const erasures = async () =>
    (await raw.readAll({ filter: { eventTypes: ['FamilyDataErased.v1'] } })).map((e) => ({
      caseId: e.streamId.slice('case-'.length),
      data: e.data,
      actor: [e.metadata.actorId, e.metadata.actorRole],
    }));

  it('erases the closed cases whose closure is older than the district’s retention, as the system', async () => {
    await caseOf('old', 'd1', '2021-06-30');
    await caseOf('recent', 'd1', '2021-07-02');
    await caseOf('open', 'd1', null);
    await caseOf('kept', 'd2', '2015-01-01');
    const swept = await sweepRetention(
      tools,
      [district('d1', 'P3Y'), district('d2', null)],
      new Date('2024-07-01T12:00:00Z'),
    );
    expect(swept).toEqual([{ districtId: 'd1', today: '2024-07-01', caseIds: ['old'] }]);
    expect(await erasures()).toEqual([
      {
        caseId: 'old',
        data: { erasedOn: '2024-07-01', reasonCode: 'retention_period' },
        actor: ['system', 'system'],
      },
    ]);
    expect(await keys.get('case-old')).toBeNull();
    expect(await keys.get('case-recent')).not.toBeNull();
  });

  it('finds nothing more to do when it runs again', async () => {
    await caseOf('old', 'd1', '2020-06-30');
    const now = new Date('2024-07-01T12:00:00Z');
    await sweepRetention(tools, [district('d1', 'P3Y')], now);
    const again = await sweepRetention(tools, [district('d1', 'P3Y')], now);
    expect(again).toEqual([{ districtId: 'd1', today: '2024-07-01', caseIds: [] }]);
    expect(await erasures()).toHaveLength(1);
  });
});
