/**
 * Fuzzes the running API with schemathesis (PyPI; installed by scripts/bootstrap.sh) once
 * per role, against the real stack: its own PostgreSQL database and Temporal dev server on
 * free ports, the commerce and ops workers, the sandbox payment gateway and an SMTP catcher
 * (the integration tests' setup, test/setup/ and test/helpers/stack.ts), with seeded
 * parties so the tokens name real accounts, shops and carriers. Part of `npm test`.
 *   npm run fuzz:api [-- --roles anonymous,consumer] [--seed 20261127] [--max-examples 10]
 * Exit code 0 only when every role's run has 0 failures. Reports: var/fuzz/<role>/.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { buildApp } from '../api/app';
import { hs256Signer } from '../api/auth/tokens';
import { parseEnvFile } from '../config/dev-defaults';
import { varDir } from '../config/paths';
import { roles, type Role } from '../domain/principal';
import { cacheDir } from '../platform/toolchain';
import { startTestStack } from '../test/helpers/stack';
import integrationGlobalSetup, { stopIntegrationServices } from '../test/setup/integration-global-setup';
import { seedFuzzParties } from './fuzz/seed';

const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
];
/**
 * Left out: each starts heavy work on the machine itself, not an API computation: a
 * pgBackRest backup of the cluster, a restore drill onto a standby cluster. Their input
 * validation is the same zod path as every other route; test/integration/ops covers them.
 */
const EXCLUDED = ['POST /ops/backups', 'POST /ops/recovery-drills'];
const callers = ['anonymous', ...roles] as const;
const FUZZ_API_LIMITS = {
  RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: 1_000_000,
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: 1_000_000,
  RATE_LIMIT_AUTH_PER_MINUTE: 1_000_000,
  RATE_LIMIT_LOGIN_PER_MINUTE: 1_000_000,
};
type Caller = (typeof callers)[number];

/** The schemathesis the bootstrap installed (toolchain.env), bootstrapping first if missing. */
function schemathesisBinary(): string {
  const file = path.join(cacheDir, 'toolchain.env');
  const fromFile = () => (existsSync(file) ? parseEnvFile(readFileSync(file, 'utf8')).SCHEMATHESIS : undefined);
  const found = fromFile();
  if (found && existsSync(found)) return found;
  // Another checkout's bootstrap may have rewritten toolchain.env without it: run ours.
  execFileSync('bash', [path.join(__dirname, 'bootstrap.sh')], { stdio: 'inherit' });
  const installed = fromFile();
  if (!installed || !existsSync(installed))
    throw new Error(`schemathesis missing after bootstrap; run 'npm run bootstrap'`);
  return installed;
}

interface RunOptions {
  binary: string;
  baseUrl: string;
  caller: Caller;
  token?: string;
  seed: number;
  maxExamples: number;
  /** schemathesis' own throttle (e.g. `280/m`), or none: the fuzzed API's limits are raised instead. */
  rateLimit?: string;
  phases: string;
}

/** One schemathesis run; resolves to its exit code (0: no failure). */
function runSchemathesis(options: RunOptions): Promise<number> {
  const reportDir = path.join(varDir, 'fuzz', options.caller);
  mkdirSync(reportDir, { recursive: true });
  const args = [
    '--config-file',
    path.join(__dirname, 'fuzz', 'schemathesis.toml'),
    'run',
    `${options.baseUrl}/openapi.json`,
    '--checks',
    CHECKS.join(','),
    '--seed',
    String(options.seed),
    '--max-examples',
    String(options.maxExamples),
    '--phases',
    options.phases,
    '--workers',
    '1',
    ...(options.rateLimit ? ['--rate-limit', options.rateLimit] : []),
    '--request-timeout',
    '30',
    '--generation-database',
    'none',
    // Our token for the role, never a generated one in its place.
    '--generation-with-security-parameters',
    'false',
    '--report',
    'junit',
    '--report-dir',
    reportDir,
    '--no-color',
    ...EXCLUDED.flatMap((name) => ['--exclude-name', name]),
    ...(options.token ? ['--header', `Authorization: Bearer ${options.token}`] : []),
  ];
  // Its whole report goes to a file: a green run prints one line a caller, so the test
  // command's output stays readable; a red one prints the report after the line.
  const logFile = path.join(reportDir, 'schemathesis.log');
  const log = openSync(logFile, 'w');
  return new Promise((resolve, reject) => {
    // Its own state (.schemathesis/) goes under var/fuzz, not into the repository.
    const cwd = path.join(varDir, 'fuzz');
    const child = spawn(options.binary, args, {
      cwd,
      stdio: ['ignore', log, log],
      env: { ...process.env, NO_COLOR: '1' },
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      closeSync(log);
      const report = readFileSync(logFile, 'utf8');
      const cases = /^\s*(\d+ generated[^\n]*)$/m.exec(report)?.[1] ?? 'no test-case summary';
      console.log(
        `[fuzz] ${options.caller}: exit ${code ?? 'signal'}, ${cases} (${path.relative(process.cwd(), logFile)})`,
      );
      if (code !== 0) console.log(report);
      resolve(code ?? 1);
    });
  });
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      roles: { type: 'string', default: callers.join(',') },
      seed: { type: 'string', default: process.env.FUZZ_SEED ?? '20261127' },
      'max-examples': { type: 'string', default: process.env.FUZZ_MAX_EXAMPLES ?? '10' },
      // No throttle by default: the fuzzed API's rate limits are raised out of reach instead
      // (FUZZ_API_LIMITS), so requests test routes, not the limiter, at full speed.
      'rate-limit': { type: 'string', default: process.env.FUZZ_RATE_LIMIT },
      // The coverage phase (every boundary and negative case, ~45 requests an operation)
      // does not fit the CI budget at that rate; run it with FUZZ_PHASES=coverage,fuzzing.
      phases: { type: 'string', default: process.env.FUZZ_PHASES ?? 'examples,fuzzing,stateful' },
    },
  });
  const selected = values.roles.split(',').map((name) => name.trim()) as Caller[];
  const unknown = selected.filter((name) => !callers.includes(name));
  if (unknown.length) throw new Error(`--roles: unknown ${unknown.join(', ')} (known: ${callers.join(', ')})`);
  const binary = schemathesisBinary();
  // Quiet API and worker logs: a 5xx still logs at error level, which is what a failure needs.
  process.env.LOG_LEVEL ??= 'error';
  Runtime.install({ logger: new DefaultLogger('WARN') });

  await integrationGlobalSetup();
  // Interrupted: still stop the Temporal server and drop the database this run made.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      stopIntegrationServices();
      process.exit(130);
    });
  const outcomes: [Caller, number][] = [];
  try {
    const stack = await startTestStack({ workers: ['commerce', 'ops'] });
    try {
      const parties = await seedFuzzParties(stack.app, stack.config.AUTH_JWT_SECRET);
      const signer = hs256Signer(stack.config.AUTH_JWT_SECRET, { defaultTtlSeconds: 3 * 3600 });
      console.log(
        `[fuzz] seeded merchant ${parties.merchantId}, carrier ${parties.carrierId}, order ${parties.orderId}`,
      );
      for (const caller of selected) {
        const token = caller === 'anonymous' ? undefined : signer.sign(parties.principals[caller as Role]).token;
        // A fresh API instance on the same database, Temporal and workers for each caller,
        // with limits no fuzz run reaches: the limiter has its own tests
        // (test/unit/shared/rate-limits.test.ts); here every request reaches its route.
        const config = { ...stack.config, ...FUZZ_API_LIMITS };
        const api = await buildApp({ config, orm: stack.orm, temporal: stack.temporal });
        try {
          await api.listen({ host: '127.0.0.1', port: 0 });
          const { port } = api.server.address() as AddressInfo;
          const code = await runSchemathesis({
            binary,
            baseUrl: `http://127.0.0.1:${port}`,
            caller,
            token,
            seed: Number(values.seed),
            maxExamples: Number(values['max-examples']),
            rateLimit: values['rate-limit'],
            phases: values.phases,
          });
          outcomes.push([caller, code]);
        } finally {
          await api.close();
        }
      }
    } finally {
      await stack.close();
    }
  } finally {
    stopIntegrationServices();
  }

  const failed = outcomes.filter(([, code]) => code !== 0).map(([caller]) => caller);
  console.log(
    `\n[fuzz] ${outcomes.map(([caller, code]) => `${caller}: ${code === 0 ? 'clean' : `FAILED (exit ${code})`}`).join(', ')}`,
  );
  console.log(
    failed.length ? `[fuzz] failures for: ${failed.join(', ')} (reports in var/fuzz/)` : '[fuzz] no failures',
  );
  return failed.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    stopIntegrationServices();
    process.exit(1);
  },
);
