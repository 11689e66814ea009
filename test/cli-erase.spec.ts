import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@leap/event-store';

jest.setTimeout(60_000);

const root = join(__dirname, '..');

/** `npm run leap -- erase …` on a data dir, as an operator runs it. */
function leap(dataDir: string, args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/cli/src/leap.ts', 'erase', ...args], {
    cwd: root,
    env: { ...process.env, LEAP_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A whole identification, as the API records it (its `pii` in clear here: the CLI never opens it). */
const identified = (caseId: string, districtId: string) => ({
  caseId,
  student: `stu_${caseId}`,
  districtId,
  schoolId: 'sch-1',
  schoolYear: '2022-23',
  grade: '7',
  identifiedOn: '2022-09-12',
  baseline: { asOf: '2022-09-09', daysEnrolled: 20, daysAbsent: 4, tier: 'chronic' },
  flags: { englishLearner: false, freeReducedLunch: false, housingInsecure: false, iep: false },
  homeLanguage: null,
  household: null,
  targetingApproach: 'district_wide',
  pii: { studentId: `student-${caseId}` },
});

describe('when an operator erases a district’s closed cases in bulk', () => {
  let dataDir: string;
  const erased = async () => {
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    try {
      const events = await store.readAll({ filter: { eventTypes: ['FamilyDataErased.v1'] } });
      return events.map((e) => [e.streamId, e.data.reasonCode, e.metadata.actorId]);
    } finally {
      await store.close();
    }
  };

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'leap-cli-erase-'));
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    const caseOf = async (caseId: string, districtId: string, closedOn: string | null) => {
      const events = [
        { type: 'StudentIdentified.v2', data: identified(caseId, districtId) },
        ...(closedOn ? [{ type: 'CaseClosed.v1', data: { closedOn, reason: 'attendance_improved' } }] : []),
      ];
      await store.appendToStream(
        `case-${caseId}`,
        events.map((e) => ({ id: randomUUID(), ...e, metadata: { districtId } })),
        'no_stream',
      );
    };
    await caseOf('c-old-1', 'd1', '2023-06-20');
    await caseOf('c-old-2', 'd1', '2024-06-30');
    await caseOf('c-new', 'd1', '2024-07-01');
    await caseOf('c-open', 'd1', null);
    await caseOf('c-other', 'd2', '2020-01-01');
    await store.close();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints how many cases and which would be erased on a dry run, and changes nothing', async () => {
    const { code, stdout, stderr } = leap(dataDir, [
      '--district',
      'd1',
      '--closed-before',
      '2024-07-01',
      '--dry-run',
    ]);
    expect([code, stderr.includes('erase d1: scan')]).toEqual([0, true]);
    expect(stdout).toBe(
      'dry run: 2 case(s) closed before 2024-07-01 in district d1 would be erased\nc-old-1\nc-old-2\n',
    );
    expect(await erased()).toEqual([]);
  });

  it('erases them as the system, and finds nothing more when run again', async () => {
    const first = leap(dataDir, ['--district', 'd1', '--closed-before', '2024-07-01']);
    expect([first.code, first.stdout]).toEqual([
      0,
      '2 case(s) closed before 2024-07-01 in district d1 erased\nc-old-1\nc-old-2\n',
    ]);
    expect(first.stderr).toContain('erase d1 [########################] 100%  2/2 cases');
    expect(await erased()).toEqual([
      ['case-c-old-1', 'retention_period', 'system'],
      ['case-c-old-2', 'retention_period', 'system'],
    ]);
    const again = leap(dataDir, ['--district', 'd1', '--closed-before', '2024-07-01']);
    expect(again.stdout).toBe('0 case(s) closed before 2024-07-01 in district d1 erased\n');
  });

  it('refuses a missing district or date with the usage and exit 2', () => {
    const { code, stderr } = leap(dataDir, ['--district', 'd1']);
    expect(code).toBe(2);
    expect(stderr).toContain('erase needs --closed-before <YYYY-MM-DD>');
  });
});
