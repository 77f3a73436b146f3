// Three levels (docs/architecture.md): pure unit tests; workflow tests on the time-skipping
// server; integration tests through HTTP on the real stack (Postgres + Temporal dev
// server), whose services test/setup/ starts once for the run.
// Entities use legacy (experimental) decorators, like tsc and tsx; no decorator metadata:
// every column names its type (docs/architecture.md "Database").
const swc = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: false },
  },
};
const transform = { '^.+\\.ts$': ['@swc/jest', swc] };

const quietLogs = ['<rootDir>/test/setup/quiet-logs.ts'];
const quietTemporal = '<rootDir>/test/setup/quiet-temporal.ts';

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60_000,
  projects: [
    {
      displayName: 'unit',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      setupFiles: quietLogs,
    },
    {
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/setup/workflow-global-setup.ts',
      setupFiles: [...quietLogs, quietTemporal],
    },
    {
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/setup/integration-global-setup.ts',
      setupFiles: [...quietLogs, quietTemporal],
      globalTeardown: '<rootDir>/test/setup/integration-global-teardown.ts',
    },
  ],
};
