import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireFreshBuild } from './fresh-build';

describe('when a suite is about to start the built server', () => {
  let root: string;
  const main = () => join(root, 'dist/main.js');
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'leap-build-'));
    mkdirSync(join(root, 'libs/x'), { recursive: true });
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'libs/x/a.ts'), '');
    writeFileSync(main(), '');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('accepts a build newer than every source', () => {
    utimesSync(join(root, 'libs/x/a.ts'), new Date(1_000_000), new Date(1_000_000));
    expect(() => requireFreshBuild(main(), root)).not.toThrow();
  });

  it('refuses a build older than a source file, saying how to fix it', () => {
    utimesSync(main(), new Date(1_000_000), new Date(1_000_000));
    expect(() => requireFreshBuild(main(), root)).toThrow(/older than the sources: run npm run build/);
  });

  it('refuses a missing build', () => {
    rmSync(main());
    expect(() => requireFreshBuild(main(), root)).toThrow(/missing: run npm run build/);
  });
});
