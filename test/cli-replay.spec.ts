import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@leap/event-store';
import { CaseEvents, district, visitor } from '../libs/fidelity/src/testing/fidelity-events';

jest.setTimeout(60_000);

const root = join(__dirname, '..');

function leap(dataDir: string, args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/cli/src/leap.ts', 'replay', ...args], {
    cwd: root,
    env: { ...process.env, LEAP_DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run leap -- replay', () => {
  let dataDir: string;
  let beforeLateVisit: string;
  const events = [
    ...district('d1', 'CREC', ['s1']),
    ...visitor('v1', 'school', '2025-08-20'),
    ...new CaseEvents('a')
      .identified('2025-09-02')
      .offered('2025-09-05')
      .granted('2025-09-06')
      .visit('a1', '2025-09-10', { barriers: ['food'] }).events,
    ...new CaseEvents('b').identified('2025-09-03').events,
  ];
  /** Held on 1 October, recorded after everything else. */
  const [lateVisit] = new CaseEvents('a').visit('a2', '2025-10-01').events;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'leap-replay-'));
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    try {
      const append = ({ streamId, type, data }: (typeof events)[number]) =>
        store.appendToStream(
          streamId,
          [{ id: randomUUID(), type, data: data as Record<string, unknown>, metadata: {} }],
          'any',
        );
      for (const event of events) await append(event);
      await new Promise((resolve) => setTimeout(resolve, 20));
      beforeLateVisit = new Date().toISOString();
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (lateVisit) await append(lateVisit);
    } finally {
      await store.close();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const line = (stdout: string, label: string) =>
    stdout
      .split('\n')
      .find((l) => l.startsWith(label))
      ?.replace(/\s+/g, ' ');

  it('prints the district’s metrics on a date, with the events replayed, and a progress line on stderr', () => {
    const { code, stdout, stderr } = leap(dataDir, ['--district', 'd1', '--on-date', '2025-10-05']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toMatch(/^Fidelity of district d1 on 2025-10-05 \(\d+ events replayed\)$/);
    expect(line(stdout, 'Students identified')).toBe('Students identified 2 2');
    expect(line(stdout, 'Visits held')).toBe('Visits held 2 2');
    expect(stderr).toMatch(/replay d1 .*events/);
  });

  it('cuts by recorded time with --known-at', () => {
    const { stdout } = leap(dataDir, [
      '--district',
      'd1',
      '--on-date',
      '2025-10-05',
      '--known-at',
      beforeLateVisit,
    ]);
    expect(stdout.split('\n')[0]).toContain(`as known at ${beforeLateVisit}`);
    expect(line(stdout, 'Visits held')).toBe('Visits held 1 1');
  });

  it('refuses a missing date, a bad instant and an unknown district', () => {
    expect(leap(dataDir, ['--district', 'd1']).code).toBe(2);
    expect(
      leap(dataDir, ['--district', 'd1', '--on-date', '2025-10-05', '--known-at', '2025-10-05']).code,
    ).toBe(2);
    const unknown = leap(dataDir, ['--district', 'd9', '--on-date', '2025-10-05']);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('No district d9')]);
  });
});
