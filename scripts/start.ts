/**
 * `npm start`: the whole system on one machine. Bootstraps the toolchain if needed,
 * starts the local PostgreSQL cluster and the Temporal dev server (state under var/, so a
 * second start resumes), migrates, then runs the workers and the API as child processes
 * and prints where everything is. Ctrl-C stops every child, then the services it started.
 *
 * DATABASE_URL or TEMPORAL_ADDRESS set in the environment mean "use that server": the
 * launcher then starts no local one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { codecUiToken } from '../api/auth/tokens';
import { loadConfig } from '../config/env';
import { devDefaultsFile } from '../config/dev-defaults';
import { repoRoot, varDir } from '../config/paths';
import { setUpBackups } from '../activities/ops/backup/setup';
import { createOrm, migrateUp } from '../db/orm';
import { localCluster, startCluster, stopCluster } from '../platform/postgres-cluster';
import { startLogisticsCarrier } from '../sandbox/logistics-carrier/start';
import { startPaymentGateway } from '../sandbox/payment-gateway/start';
import { startTemporalDevServer } from '../platform/temporal-dev-server';
import { ensureToolchain } from '../platform/toolchain';
import { writeWorkflowBundle } from '../platform/workflow-bundle';

const TEMPORAL_UI_PORT = 8233;
const say = (message: string) => console.log(`\x1b[1m[storeops]\x1b[0m ${message}`);

interface Running {
  name: string;
  child: ChildProcess;
}

const children: Running[] = [];
const cleanups: Array<() => Promise<void> | void> = [];
let stopping = false;

/** Stops the children in reverse order of start, then the services this launcher started. */
async function stop(exitCode: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  for (const { name, child } of [...children].reverse()) await terminate(name, child);
  for (const cleanup of cleanups.reverse()) await cleanup();
  say('stopped');
  process.exit(exitCode);
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  const toolchain = ensureToolchain();
  const usesOwnDatabase = !process.env.DATABASE_URL;
  const usesOwnTemporal = !process.env.TEMPORAL_ADDRESS;
  const config = loadConfig();

  if (usesOwnDatabase) {
    const cluster = localCluster(toolchain.pgBinDir);
    const started = startCluster(cluster);
    say(
      `PostgreSQL ${started ? 'started' : 'already running'} on 127.0.0.1:${cluster.port} (data in ${cluster.dataDir})`,
    );
    if (started) cleanups.push(() => stopCluster(cluster));
  }

  const apiUrl = `http://127.0.0.1:${config.API_PORT}`;
  if (usesOwnTemporal) {
    const port = Number(config.TEMPORAL_ADDRESS.split(':').pop());
    say(`starting the Temporal dev server on 127.0.0.1:${port}, Web UI on :${TEMPORAL_UI_PORT}`);
    const temporal = await startTemporalDevServer({
      cli: toolchain.temporalCli,
      port,
      uiPort: TEMPORAL_UI_PORT,
      dbFile: path.join(varDir, 'temporal', 'dev.sqlite'),
      namespace: config.TEMPORAL_NAMESPACE,
      // The dev UI sends no credentials, so its codec endpoint carries a staff token for
      // the codec audience only (api/codec/routes.ts): it opens the codec routes and
      // nothing else. It lives as long as tokens may, and each start mints anew.
      codecEndpoint: `${apiUrl}/codec/ui/${codecUiToken(config.AUTH_JWT_SECRET)}`,
      logFile: path.join(varDir, 'log', 'temporal.log'),
    });
    children.push({ name: 'temporal', child: temporal });
  }

  const orm = await createOrm(config.DATABASE_URL);
  const applied = await migrateUp(orm).finally(() => orm.close());
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');

  const gatewayPort = Number(new URL(config.PAYMENT_SANDBOX_URL).port);
  const paymentGateway = await startPaymentGateway({
    databaseUrl: config.DATABASE_URL,
    port: gatewayPort,
    apiKey: config.PAYMENT_SANDBOX_API_KEY,
  });
  cleanups.push(() => paymentGateway.close());
  say(`sandbox payment gateway on ${paymentGateway.url}`);
  const logisticsCarrier = await startLogisticsCarrier({
    databaseUrl: config.DATABASE_URL,
    port: Number(new URL(config.LOGISTICS_SANDBOX_URL).port),
    apiKey: config.LOGISTICS_SANDBOX_API_KEY,
    webhookUrl: `${apiUrl}/webhooks/logistics/sandbox`,
    webhookSecret: config.LOGISTICS_WEBHOOK_SECRET,
  });
  cleanups.push(() => logisticsCarrier.close());
  say(`sandbox logistics carrier on ${logisticsCarrier.url}`);

  say(await setUpBackups(config, { localCluster: usesOwnDatabase }));
  say('bundling workflows');
  const bundle = await writeWorkflowBundle(path.join(varDir, 'build', 'workflow-bundle.js'));

  const childEnv = { ...process.env, WORKFLOW_BUNDLE_PATH: bundle };
  for (const [name, entry] of [
    ['worker:commerce', 'workers/commerce.ts'],
    ['worker:ops', 'workers/ops.ts'],
    ['api', 'api/server.ts'],
  ] as const) {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, entry)], {
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    prefixOutput(name, child);
    child.once('exit', (code, signal) => {
      if (stopping) return;
      say(`${name} exited (${signal ?? `code ${code}`}); stopping everything`);
      void stop(1);
    });
    children.push({ name, child });
  }

  await waitForReady(`${apiUrl}/readyz`);
  say('StoreOps is up:');
  console.log(`  API               ${apiUrl}`);
  console.log(`  API docs          ${apiUrl}/docs   (OpenAPI: ${apiUrl}/openapi.json)`);
  if (usesOwnTemporal) console.log(`  Temporal Web UI   http://127.0.0.1:${TEMPORAL_UI_PORT}`);
  console.log(`  Temporal          ${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE})`);
  console.log(`  PostgreSQL        ${config.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}`);
  console.log(`  payment sandbox   ${config.PAYMENT_SANDBOX_URL}  (ledger: /admin/ledger?reference=<orderId>)`);
  console.log(`  logistics sandbox ${config.LOGISTICS_SANDBOX_URL}  (events: POST /admin/shipments/<id>/events)`);
  console.log(`  mail              ${config.SMTP_URL}`);
  console.log(`  dev secrets       ${devDefaultsFile}`);
  console.log('  Ctrl-C stops everything.');
}

function prefixOutput(name: string, child: ChildProcess): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
  }
}

/** SIGTERM, then SIGKILL if the child has not exited after 15 s (workers drain first). */
function terminate(name: string, child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => {
      say(`${name} did not stop in time; killing it`);
      child.kill('SIGKILL');
    }, 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitForReady(url: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the API did not become ready at ${url} within ${timeoutMs / 1000} s`);
}

main().catch((error: unknown) => {
  console.error(`[storeops] start failed: ${error instanceof Error ? error.message : String(error)}`);
  void stop(1);
});
