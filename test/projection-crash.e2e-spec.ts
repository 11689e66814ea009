import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseEvent } from '@leap/domain';
import { SqliteEventStore } from '@leap/event-store';
import { ReadModels, generationTable } from '@leap/projections';
import { event } from '../libs/domain/src/case/case.fixtures';

const ROOT = join(__dirname, '..');
const CASES = 1500;

/** A journey with events that are not idempotent under evolve (calls, renumbered visits, a void). */
const journey = (n: number): CaseEvent[] => [
  event.studentIdentified({
    caseId: `c${n}`,
    student: `stu_${n}`,
    pii: { studentId: `st-${n}` },
    schoolId: `sch-${n % 7}`,
  }),
  event.visitorsAssigned(),
  event.consentOffered(),
  event.consentGranted(),
  event.visitHeld({ visitId: 'v1' }),
  event.followUpCallMade({ callId: 'call-1' }),
  event.resourceReferred(),
  event.visitHeld({ visitId: 'v2', visitNumber: 2, date: '2024-10-20' }),
  event.entryVoided({ entryId: 'v1', entryKind: 'visit' }),
  event.referralOutcomeRecorded(),
  event.attendanceChecked({ tier: n % 2 ? 'at_risk' : 'chronic' }),
  event.caseTransferred({ fromSchoolId: `sch-${n % 7}`, toSchoolId: `sch-${(n + 1) % 7}` }),
  event.followUpCallMade({ callId: 'call-2', calledOn: '2024-11-05' }),
];

/** Runs a CLI script in its own node process (no npx wrapper, so a signal reaches the runner itself). */
function spawnCli(dataDir: string, args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { ...process.env, LEAP_DATA_DIR: dataDir, LEAP_PROJECTION_BATCH_SIZE: '200', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

function exited(
  child: ChildProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
}

describe('when the projection process is killed mid-batch and restarted', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'leap-crash-'));
  let head: string;
  let readModels: ReadModels;

  beforeAll(async () => {
    const store = new SqliteEventStore(join(dataDir, 'events.sqlite'));
    const journeys = Array.from({ length: CASES }, (_, n) => journey(n));
    // Round-robin over cases, one event per append: every batch spans many documents.
    for (let step = 0; step < journeys[0]!.length; step++) {
      for (const [n, events] of journeys.entries()) {
        const { type, data } = events[step]!;
        const result = await store.appendToStream(
          `case-c${n}`,
          [{ id: randomUUID(), type, data: data as Record<string, unknown>, metadata: {} }],
          step === 0 ? 'no_stream' : BigInt(step - 1),
        );
        head = result.position;
      }
    }
    await store.close();
    readModels = ReadModels.open(join(dataDir, 'read-models.sqlite'));
  });
  afterAll(() => {
    readModels.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const checkpoint = () => Number(readModels.checkpoints.active('case_summaries')?.position ?? 0);
  const snapshot = () => {
    const active = readModels.checkpoints.active('case_summaries')!;
    const table = generationTable('case_summaries', active.generation);
    return {
      position: active.position,
      rows: readModels.db.prepare(`SELECT * FROM ${table} ORDER BY key`).all(),
      visitors: readModels.db.prepare(`SELECT * FROM ${table}_visitors ORDER BY key, visitor_id`).all(),
    };
  };

  it('neither loses nor double-applies an event: the read model equals a fresh rebuild', async () => {
    // Killed inside a transaction, after some documents of the batch were written.
    for (const writes of [450, 900, 1300]) {
      const before = checkpoint();
      const crash = await exited(spawnCli(dataDir, ['apps/cli/src/crash-mid-batch.ts', String(writes)]));
      expect(crash.signal).toBe('SIGKILL');
      expect(checkpoint()).toBeGreaterThan(before);
      expect(checkpoint()).toBeLessThan(Number(head));
    }

    // Killed from outside at whatever point it has reached.
    const before = checkpoint();
    const runner = spawnCli(dataDir, ['apps/cli/src/leap.ts', 'projections', 'run']);
    const killed = exited(runner);
    while (checkpoint() <= before) await new Promise((resolve) => setTimeout(resolve, 5));
    runner.kill('SIGKILL');
    expect((await killed).signal).toBe('SIGKILL');

    const finisher = spawnCli(dataDir, ['apps/cli/src/leap.ts', 'projections', 'run']);
    const finished = exited(finisher);
    while (checkpoint() < Number(head)) await new Promise((resolve) => setTimeout(resolve, 20));
    finisher.kill('SIGTERM');
    expect((await finished).code).toBe(0);
    const resumed = snapshot();

    const rebuild = await exited(spawnCli(dataDir, ['apps/cli/src/leap.ts', 'projections', 'rebuild']));
    expect([rebuild.code, rebuild.stderr]).toEqual([0, expect.stringContaining('100%')]);
    const rebuilt = snapshot();

    expect(resumed.position).toBe(head);
    expect(resumed.rows).toHaveLength(CASES);
    expect(resumed).toEqual(rebuilt);
  }, 120_000);
});
