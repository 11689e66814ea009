import Database from 'better-sqlite3';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { privateFile } from '@leap/event-store';
import { hostname } from 'node:os';

/** Who runs the projections of a read-model file. */
export interface RunnerHolder {
  pid: number;
  hostname: string;
  command: string;
  startedAt: string;
}

export interface HeldMarker {
  release(): void;
}

/**
 * The marker a projection runner holds while it follows the event store into a read-model file,
 * so that a second runner on the same file (`leap projections run` beside an API that runs its
 * own) can be told. It is an exclusive SQLite lock on `<read-models file>.runner`, kept by an open
 * transaction: the operating system drops it when the process ends in any way, SIGKILL included,
 * so a marker is never stale. Beside it, `<file>.runner.json` says who holds it; that file may
 * outlive a killed process, and only counts while the lock is held.
 *
 * The lock works between processes of one machine (one container), on a local file system.
 */
export function holdRunnerMarker(readModelsFile: string): HeldMarker | { heldBy: RunnerHolder } {
  if (inMemory(readModelsFile)) return { release: () => undefined };
  // A check holds the lock for an instant: wait that out, not a runner that holds it for good.
  const lock = acquire(readModelsFile, 500);
  if (lock === null) return { heldBy: readHolder(readModelsFile) };
  const holder: RunnerHolder = {
    pid: process.pid,
    hostname: hostname(),
    command: process.argv.slice(1).join(' '),
    startedAt: new Date().toISOString(),
  };
  writeFileSync(`${readModelsFile}.runner.json`, `${JSON.stringify(holder)}\n`, { mode: 0o600 });
  return {
    release() {
      if (!lock.open) return;
      rmSync(`${readModelsFile}.runner.json`, { force: true });
      lock.exec('ROLLBACK');
      lock.close();
    },
  };
}

/** The runner that holds the marker of this read-model file now, or null when none does. */
export function runnerMarkerHolder(readModelsFile: string): RunnerHolder | null {
  if (inMemory(readModelsFile)) return null;
  const lock = acquire(readModelsFile, 0);
  if (lock === null) return readHolder(readModelsFile);
  rmSync(`${readModelsFile}.runner.json`, { force: true }); // left by a process that was killed
  lock.exec('ROLLBACK');
  lock.close();
  return null;
}

/** One line for a runner that finds another one at work on its read-model file. */
export function describeOtherRunner(readModelsFile: string, holder: RunnerHolder): string {
  return (
    `Another process already runs projections on ${readModelsFile} (pid ${holder.pid} on ${holder.hostname}, ` +
    `since ${holder.startedAt}: ${holder.command}). Both stay correct, but each event is applied twice over: ` +
    'stop one of them, or start the API with LEAP_PROJECTIONS=off.'
  );
}

const inMemory = (file: string) => file === ':memory:' || file === '';

/** The open connection holding the exclusive lock, or null when another process holds it. */
function acquire(readModelsFile: string, waitMs: number): Database.Database | null {
  // Created owner-only like every file of the data dir.
  const lock = new Database(privateFile(dirname(readModelsFile), `${basename(readModelsFile)}.runner`));
  try {
    lock.pragma(`busy_timeout = ${waitMs}`);
    lock.exec('BEGIN EXCLUSIVE');
    return lock;
  } catch (error) {
    lock.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
}

function readHolder(readModelsFile: string): RunnerHolder {
  try {
    return JSON.parse(readFileSync(`${readModelsFile}.runner.json`, 'utf8')) as RunnerHolder;
  } catch {
    // The holder has the lock and has not written who it is yet.
    return { pid: 0, hostname: 'unknown', command: 'unknown', startedAt: 'unknown' };
  }
}
