import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Range, minVersion, satisfies } from 'semver';

const root = join(__dirname, '..');
const readJson = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8')) as Record<string, any>;

/** The oldest release of each Node line the project's `engines` admits: 20.19.0, 22.13.0, 24.0.0. */
function oldestOfEachLine(engines: string): string[] {
  return new Range(engines).set.map((comparators) => {
    const oldest = minVersion(comparators.map((comparator) => comparator.value).join(' '));
    if (!oldest) throw new Error(`engines ${engines} admits no version`);
    return oldest.version;
  });
}

describe('when the supported Node versions are checked', () => {
  const { engines } = readJson('package.json');
  const lines = oldestOfEachLine(engines.node);

  it('admits Node 20, 22 and 24 and the Node running the tests', () => {
    expect(lines.map((version) => version.split('.')[0])).toEqual(['20', '22', '24']);
    expect(satisfies(process.versions.node, engines.node)).toBe(true);
  });

  it('installs no package that refuses one of them, build and test tools included', () => {
    const { packages } = readJson('package-lock.json');
    const refusals = Object.entries(packages as Record<string, { engines?: { node?: string } }>)
      .filter(([path]) => path !== '')
      .flatMap(([path, { engines: needs }]) =>
        lines
          .filter((version) => needs?.node !== undefined && !satisfies(version, needs.node))
          .map(
            (version) => `${path.replace(/^.*node_modules\//, '')} (node ${needs?.node}) refuses ${version}`,
          ),
      );
    expect(refusals).toEqual([]);
  });

  it("keeps @nestjs/common's file-type validator working: it recognises a file by its magic number", () => {
    // Run in plain Node (not through Jest's transform): @nestjs/common loads file-type, an ES
    // module, lazily; when that fails it only warns and falls back to the declared mimetype.
    const script = `
      import { FileTypeValidator } from '@nestjs/common';
      const validator = new FileTypeValidator({ fileType: 'image/png' });
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
      const gif = Buffer.from('474946383961010001000000002c00000000010001000002024401003b', 'hex');
      const check = (buffer) => validator.isValid({ mimetype: 'image/png', buffer, size: buffer.length });
      process.stdout.write(JSON.stringify([await check(png), await check(gif)]));`;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(JSON.parse(output)).toEqual([true, false]);
  });
});
