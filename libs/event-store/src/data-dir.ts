import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/**
 * The embedded data directory (`LEAP_DATA_DIR`) holds families' personal data (the event store, the
 * read models) and secrets, so it is readable by the owner only: the directory is created 0700 and
 * every file in it 0600. Files that exist with wider permissions (written by an earlier version) are
 * narrowed when they are opened. SQLite gives its `-wal` and `-shm` files the permissions of the
 * database file, so a database created through `privateFile` keeps all three private.
 */
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;

export function dataDirOf(env: { LEAP_DATA_DIR?: string }): string {
  return env.LEAP_DATA_DIR || './data';
}

/** Creates the directory (and parents) owner-only, or narrows an existing one to 0700. */
export function ensurePrivateDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  narrow(dir, DIR_MODE);
  return dir;
}

/** A file in a private directory, created empty with mode 0600 if absent, narrowed to 0600 if wider. */
export function privateFile(dir: string, name: string): string {
  const file = join(ensurePrivateDir(dir), name);
  if (!existsSync(file)) closeSync(openSync(file, 'a', FILE_MODE));
  narrow(file, FILE_MODE);
  for (const companion of [`${file}-wal`, `${file}-shm`])
    if (existsSync(companion)) narrow(companion, FILE_MODE);
  return file;
}

/**
 * A secret kept in a file of the data directory: read when present, otherwise generated, written
 * 0600 and read back (if another process wrote it first, theirs is used).
 */
export function privateSecret(dir: string, name: string, generate: () => string): string {
  const file = join(ensurePrivateDir(dir), name);
  if (!existsSync(file)) {
    try {
      writeFileSync(file, generate(), { mode: FILE_MODE, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  narrow(file, FILE_MODE);
  return readFileSync(file, 'utf8').trim();
}

function narrow(path: string, mode: number): void {
  if ((statSync(path).mode & 0o777 & ~mode) !== 0) chmodSync(path, mode);
}
