// Compiles apps/ and libs/ into dist/ (entry points dist/apps/api/src/main.js and
// dist/apps/worker/src/main.js) with the TypeScript compiler API, on every Node version the
// project supports:
// - the @nestjs/swagger compiler plugin describes DTOs and responses for /docs from their types,
//   class-validator decorators and comments (`@leap/http`'s route and field decorators add only what
//   types cannot say: answers per status, problem codes, headers, formats);
// - the `@leap/*` path aliases of tsconfig.json are rewritten to relative requires, so the output
//   runs on plain `node` without a path resolver.
// Type errors fail the build and nothing is left in dist/ then.
//
//   node tools/build.mjs
import { rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { before as swaggerPlugin } from '@nestjs/swagger/plugin';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SWAGGER_OPTIONS = { classValidatorShim: true, introspectComments: true };

const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.build.json'), undefined, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (diagnostic) => fail([diagnostic]),
});
if (config.errors.length > 0) fail(config.errors);
const { options, fileNames, projectReferences } = config;
const outDir = options.outDir;
const rootDir = options.rootDir;

rmSync(outDir, { recursive: true, force: true });
const program = ts.createProgram({ rootNames: fileNames, options, projectReferences });
const preEmit = ts.getPreEmitDiagnostics(program);
if (preEmit.length > 0) fail(preEmit);

const aliases = aliasTargets(options.paths ?? {}, options.pathsBasePath ?? root);
const result = program.emit(
  undefined,
  (file, text, writeByteOrderMark) =>
    ts.sys.writeFile(file, file.endsWith('.js') ? rewriteAliases(file, text) : text, writeByteOrderMark),
  undefined,
  false,
  { before: [swaggerPlugin(SWAGGER_OPTIONS, program)] },
);
if (result.diagnostics.length > 0) {
  rmSync(outDir, { recursive: true, force: true });
  fail(result.diagnostics);
}

/** `@leap/domain` → `<outDir>/libs/domain/src` (each alias names one folder with an index.ts). */
function aliasTargets(paths, base) {
  return new Map(
    Object.entries(paths).map(([alias, [target]]) => [
      alias,
      join(outDir, relative(rootDir, resolve(base, target))),
    ]),
  );
}

function rewriteAliases(file, text) {
  return text.replace(/require\("([^"]+)"\)/g, (call, specifier) => {
    const target = aliases.get(specifier);
    if (target === undefined) return call;
    const path = relative(dirname(file), target).split(sep).join('/');
    return `require("${path.startsWith('.') ? path : `./${path}`}")`;
  });
}

function fail(diagnostics) {
  const host = {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => root,
    getNewLine: () => ts.sys.newLine,
  };
  const format = process.stderr.isTTY ? ts.formatDiagnosticsWithColorAndContext : ts.formatDiagnostics;
  process.stderr.write(format(diagnostics, host));
  process.stderr.write(`Build failed: ${diagnostics.length} error(s)\n`);
  process.exit(1);
}
