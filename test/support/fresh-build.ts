import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const SOURCES = ['apps', 'libs'];

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Suites that start the built server or worker test `dist`, not the sources: when `dist` is missing
 * or older than any source file (a subset run after editing, without `npm test`'s build), they fail
 * at once with a clear message instead of silently testing the previous build.
 */
export function requireFreshBuild(entryPoint: string, root = ROOT): void {
  if (!existsSync(entryPoint)) throw new Error(`${entryPoint} is missing: run npm run build first`);
  const built = statSync(entryPoint).mtimeMs;
  const edited = Math.max(
    ...SOURCES.map((dir) => (existsSync(join(root, dir)) ? newestSource(join(root, dir)) : 0)),
  );
  if (edited > built) {
    throw new Error(`${entryPoint} is older than the sources: run npm run build (npm test builds first)`);
  }
}
