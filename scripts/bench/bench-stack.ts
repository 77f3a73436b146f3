// What `npm run bench:orders` runs against: its own database, Temporal dev server, payment
// sandbox, commerce worker and API (or a running stack given by --url), plus the bare
// baseline's server and worker, each in its own process as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { loadConfig, type Config } from '../../config/env';
import { repoRoot, varDir } from '../../config/paths';
import { createOrm, migrateUp } from '../../db/orm';
import { freePort } from '../../platform/free-port';
import { localCluster, startCluster, stopCluster, superuserSql } from '../../platform/postgres-cluster';
import { startTemporalDevServer } from '../../platform/temporal-dev-server';
import { ensureToolchain } from '../../platform/toolchain';
import { writeWorkflowBundle } from '../../platform/workflow-bundle';
import { startPaymentGateway } from '../../sandbox/payment-gateway/start';
import { startBenchCluster } from './bench-cluster';

export interface BenchStack {
  config: Config;
  apiUrl: string;
  bareUrl: string;
  /** What bounds the figures: which Temporal persistence, how many worker processes. */
  notes: string[];
  close(): Promise<void>;
}

const say = (message: string) => console.log(`[bench] ${message}`);

export async function startBenchStack(options: {
  url?: string;
  withoutWorker?: boolean;
  /** `cluster`: scripts/start-cluster.ts on this benchmark's database instead of the dev server. */
  topology?: 'dev' | 'cluster';
  commerceWorkers?: number;
}): Promise<BenchStack> {
  const cleanups: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    let config = loadConfig();
    let apiUrl = options.url ?? '';
    const notes: string[] = [];
    const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };

    if (!options.url) {
      const toolchain = ensureToolchain();
      const cluster = localCluster(toolchain.pgBinDir);
      if (startCluster(cluster)) cleanups.push(() => stopCluster(cluster));
      const database = `storeops_bench_${Date.now()}`;
      superuserSql(cluster, `CREATE DATABASE ${database} OWNER storeops`);
      cleanups.push(() => void superuserSql(cluster, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
      const databaseUrl = new URL(config.DATABASE_URL);
      databaseUrl.pathname = `/${database}`;

      if (options.topology === 'cluster') {
        const commerceWorkers = options.commerceWorkers ?? 2;
        say(`cluster topology: npm run start:cluster with ${commerceWorkers} commerce worker(s)`);
        const started = await startBenchCluster({ databaseUrl: databaseUrl.toString(), commerceWorkers });
        cleanups.push(() => started.close());
        config = { ...config, DATABASE_URL: databaseUrl.toString(), TEMPORAL_ADDRESS: started.temporalAddress };
        Object.assign(childEnv, { DATABASE_URL: config.DATABASE_URL, TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS });
        apiUrl = started.apiUrl;
        notes.push(
          `Temporal server on PostgreSQL (16 history shards), 2 API instances behind HAProxy, ${commerceWorkers} commerce worker(s)`,
        );
      } else {
        const temporalPort = await freePort();
        say(`Temporal dev server on 127.0.0.1:${temporalPort} (in-memory SQLite)`);
        const temporal = await startTemporalDevServer({
          cli: toolchain.temporalCli,
          port: temporalPort,
          namespace: config.TEMPORAL_NAMESPACE,
          logFile: path.join(varDir, 'log', 'bench-temporal.log'),
        });
        cleanups.push(() => stopChild(temporal));
        notes.push('Temporal: `temporal server start-dev`, in-memory SQLite (one writer)');

        const gateway = await startPaymentGateway({
          databaseUrl: databaseUrl.toString(),
          port: 0,
          apiKey: config.PAYMENT_SANDBOX_API_KEY,
          logLevel: 'warn',
        });
        cleanups.push(() => gateway.close());

        const apiPort = await freePort();
        config = {
          ...config,
          DATABASE_URL: databaseUrl.toString(),
          TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
          PAYMENT_SANDBOX_URL: gateway.url,
          API_PORT: apiPort,
        };
        const orm = await createOrm(config.DATABASE_URL);
        await migrateUp(orm).finally(() => orm.close());
        say('bundling workflows');
        const bundle = await writeWorkflowBundle(path.join(varDir, 'build', 'bench-workflow-bundle.js'));
        Object.assign(childEnv, {
          DATABASE_URL: config.DATABASE_URL,
          TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
          PAYMENT_SANDBOX_URL: config.PAYMENT_SANDBOX_URL,
          API_PORT: String(apiPort),
          SMTP_URL: `file:${path.join(varDir, 'bench', 'mail')}`,
          WORKFLOW_BUNDLE_PATH: bundle,
        });
        cleanups.push(spawnChild('api', 'api/server.ts', childEnv).stop);
        if (!options.withoutWorker) cleanups.push(spawnChild('worker:commerce', 'workers/commerce.ts', childEnv).stop);
        else notes.push('no commerce worker: order workflows only started (--without-worker)');
        apiUrl = `http://127.0.0.1:${apiPort}`;
      }
    }
    notes.push(`PostgreSQL: DATABASE_POOL_MAX=${config.DATABASE_POOL_MAX} per process`);

    const barePort = await freePort();
    const bareWorker = spawnChild('bare-worker', 'scripts/bench/bare-worker.ts', childEnv, 'bare worker ready');
    cleanups.push(bareWorker.stop);
    cleanups.push(
      spawnChild('bare-server', 'scripts/bench/bare-server.ts', { ...childEnv, BARE_PORT: String(barePort) }).stop,
    );
    const bareUrl = `http://127.0.0.1:${barePort}`;
    await waitFor(`${apiUrl}/readyz`, (status) => status === 200);
    await waitFor(`${bareUrl}/bare/orders`, (status) => status > 0, { method: 'POST' });
    await bareWorker.ready;
    return { config, apiUrl, bareUrl, notes, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Starts a child; `ready` resolves when it prints `readyLine` (a worker after bundling). */
function spawnChild(name: string, entry: string, env: NodeJS.ProcessEnv, readyLine?: string) {
  // BENCH_PROFILE=1: each child writes a CPU profile to var/bench/profiles/ when it stops.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${path.join(varDir, 'bench', 'profiles', name.replace(':', '-'))}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', path.join(repoRoot, entry)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  for (const stream of [child.stdout, child.stderr])
    if (stream)
      createInterface({ input: stream }).on('line', (line) => {
        if (readyLine && line.includes(readyLine)) markReady();
        // Warnings and errors only: the SDK logs every activity at INFO, which would bury the report.
        else if (/\b(WARN|ERROR|Error|error|failed)\b/.test(line)) console.log(`  [${name}] ${line}`);
      });
  return { stop: () => stopChild(child), ready };
}

/** SIGTERM, then SIGKILL after 15 s (workers drain first). */
function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function waitFor(
  url: string,
  accept: (status: number) => boolean,
  init: RequestInit = {},
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(url, init).then(
      (response) => response.status,
      () => 0,
    );
    if (accept(status)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}
