/**
 * Jest runs TypeScript through SWC. NestJS 12 ships ES modules only and Jest (on Node 20) cannot
 * require() them, so the @nestjs packages are transformed to CommonJS as well.
 */
const { compilerOptions } = require('./tsconfig.json');

const aliases = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2023',
    },
    module: { type: 'commonjs' },
  },
];

const base = {
  testEnvironment: 'node',
  rootDir: '.',
  transform: { '^.+\\.(t|j)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleNameMapper: aliases,
};

/**
 * Unit, contract and end-to-end suites. The end-to-end suites run twice: on the embedded SQLite
 * store, and with the EventStoreDB adapter against the gRPC double of the server (or a real server
 * when EVENTSTORE_CONNECTION_STRING is set), chosen by LEAP_TEST_EVENT_STORE in each run's setup.
 */
module.exports = {
  // Suites start real servers and stores; on two busy cores a start can take longer than Jest's 5 s.
  testTimeout: 30_000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
      testMatch: ['**/*.spec.ts'],
    },
    {
      ...base,
      displayName: 'e2e:sqlite',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      // These always run on the EventStoreDB double (separate api/worker processes, a server that
      // goes away): the run below covers them.
      testPathIgnorePatterns: ['/roles\\.e2e-spec\\.ts$', '/esdb-reconnect\\.e2e-spec\\.ts$'],
      setupFiles: ['<rootDir>/test/support/on-sqlite.ts'],
    },
    {
      ...base,
      displayName: 'e2e:eventstoredb',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts'],
      // The crash test kills a projection process reading a SQLite events file it fills itself;
      // which event store wrote the events does not matter to what it checks. The encrypt-pii
      // migration suite copies into a new embedded data dir and starts the API on it.
      testPathIgnorePatterns: ['/projection-crash\\.e2e-spec\\.ts$', '/migrate-encrypt-pii\\.e2e-spec\\.ts$'],
      setupFiles: ['<rootDir>/test/support/on-eventstoredb.ts'],
    },
  ],
};
