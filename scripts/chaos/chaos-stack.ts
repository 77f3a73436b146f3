// The stack a chaos run attacks, started by the run itself on its own PostgreSQL cluster,
// Temporal and ports (never the user's `npm start`): the same pieces the launchers use
// (platform/*), each API instance and worker in its own supervised process so that one
// can be killed and started again, and the test stack's sandbox gateway and SMTP catcher.
import { spawn } from 'node:child_process';
import { mkdirSync, openSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config/env';
import { loadConfig } from '../../config/env';
import { repoRoot, varDir } from '../../config/paths';
import { freePort, freePortBlock } from '../../platform/free-port';
import { startReverseProxy } from '../../platform/haproxy';
import { migrateAppDatabase } from '../../platform/launch-steps';
import { appDatabaseUrl, type LocalCluster } from '../../platform/postgres-cluster';
import { waitForHttp } from '../../platform/process-group';
import { ensureClusterToolchain, ensureToolchain } from '../../platform/toolchain';
import { writeWorkflowBundle } from '../../platform/workflow-bundle';
import { startLogisticsCarrier } from '../../sandbox/logistics-carrier/start';
import { startPaymentGateway } from '../../sandbox/payment-gateway/start';
import { startSmtpTestServer, type SmtpTestServer } from '../../test/helpers/smtp-test-server';
import { chaosBackupEnv } from './chaos-backup-target';
import { chaosCluster, removeChaosCluster, restartPostgres } from './chaos-postgres';
import { prepareTemporal, type Topology } from './chaos-temporal';
import { supervise, type Supervised } from './supervised';

export interface ChaosStack {
  topology: Topology;
  config: Config;
  /** Where clients call: the API itself (dev) or HAProxy in front of the instances (cluster). */
  apiUrl: string;
  postgres: LocalCluster;
  temporal: Supervised;
  commerceWorkers: Supervised[];
  opsWorker: Supervised;
  apiInstances: Supervised[];
  smtp: SmtpTestServer;
  dir: string;
  close(): Promise<void>;
}

const say = (message: string) => console.log(`[chaos] ${message}`);
/** The chaos run measures crash safety, not the rate limits (their own tests do). */
const NO_RATE_LIMITS = '1000000';

export async function startChaosStack(topology: Topology): Promise<ChaosStack> {
  const dir = path.join(varDir, 'chaos', topology);
  const cleanups: Array<() => Promise<void> | void> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    // A run starts from nothing: the dev server's SQLite file would carry the last run's workflows.
    rmSync(dir, { recursive: true, force: true });
    const toolchain = ensureToolchain();
    const clusterTools = topology === 'cluster' ? ensureClusterToolchain() : undefined;
    const postgres = chaosCluster(toolchain.pgBinDir, topology, await freePort());
    say(`${topology}: PostgreSQL of its own on 127.0.0.1:${postgres.port}`);
    restartPostgres(postgres);
    cleanups.push(() => removeChaosCluster(postgres));
    const databaseUrl = appDatabaseUrl(postgres.port);
    await migrateAppDatabase(databaseUrl);

    const temporalSetup = await prepareTemporal({ topology, toolchain, clusterTools, databaseUrl, dir });
    const temporal = supervise('temporal', temporalSetup.launch);
    say(`${topology}: Temporal on ${temporalSetup.address}`);
    await temporal.start();
    cleanups.push(() => temporal.stop());

    const smtp = await startSmtpTestServer();
    cleanups.push(() => smtp.close());
    const base = loadConfig();
    const gateway = await startPaymentGateway({
      databaseUrl,
      port: 0,
      apiKey: base.PAYMENT_SANDBOX_API_KEY,
      logLevel: 'silent',
    });
    cleanups.push(() => gateway.close());

    const instanceCount = topology === 'cluster' ? 2 : 1;
    const instanceBase = await freePortBlock(Array.from({ length: instanceCount }, (_, n) => n));
    const instancePorts = Array.from({ length: instanceCount }, (_, n) => instanceBase + n);
    const proxyPort = topology === 'cluster' ? await freePort() : instancePorts[0]!;
    const apiUrl = `http://127.0.0.1:${proxyPort}`;
    const carrier = await startLogisticsCarrier({
      databaseUrl,
      port: 0,
      apiKey: base.LOGISTICS_SANDBOX_API_KEY,
      webhookUrl: `${apiUrl}/webhooks/logistics/sandbox`,
      webhookSecret: base.LOGISTICS_WEBHOOK_SECRET,
      logLevel: 'silent',
    });
    cleanups.push(() => carrier.close());

    const config: Config = {
      ...base,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalSetup.address,
      TEMPORAL_NAMESPACE: 'default',
      PAYMENT_SANDBOX_URL: gateway.url,
      LOGISTICS_SANDBOX_URL: carrier.url,
      SMTP_URL: smtp.url,
      API_PORT: proxyPort,
    };
    say(`${topology}: bundling workflows`);
    const bundle = await writeWorkflowBundle(path.join(varDir, 'build', 'chaos-workflow-bundle.js'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: config.TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: config.TEMPORAL_NAMESPACE,
      PAYMENT_SANDBOX_URL: gateway.url,
      LOGISTICS_SANDBOX_URL: carrier.url,
      SMTP_URL: smtp.url,
      WORKFLOW_BUNDLE_PATH: bundle,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_STORE: 'postgres',
      RATE_LIMIT_PER_PRINCIPAL_PER_MINUTE: NO_RATE_LIMITS,
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: NO_RATE_LIMITS,
      RATE_LIMIT_AUTH_PER_MINUTE: NO_RATE_LIMITS,
      ...(topology === 'cluster' ? { TRUST_PROXY: '127.0.0.1' } : {}),
      ...chaosBackupEnv({ toolchain, cluster: postgres, databaseUrl, topology, dir }),
    };
    const logDir = path.join(dir, 'log');
    const node = (name: string, entry: string, extra: NodeJS.ProcessEnv = {}, readyUrl?: string) =>
      supervise(name, async (adopt) => {
        mkdirSync(logDir, { recursive: true });
        const log = openSync(path.join(logDir, `${name.replace(/:/g, '-')}.log`), 'a');
        const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, entry)], {
          env: { ...env, ...extra },
          stdio: ['ignore', log, log],
        });
        adopt(child);
        // Liveness, not readiness: an instance is up even while Temporal or PostgreSQL is not.
        if (readyUrl) await waitForHttp(readyUrl, name, 180_000);
        return child;
      });

    const commerceCount = topology === 'cluster' ? 2 : 1;
    const commerceWorkers = Array.from({ length: commerceCount }, (_, n) =>
      node(`worker:commerce:${n + 1}`, 'workers/commerce.ts'),
    );
    const opsWorker = node('worker:ops:1', 'workers/ops.ts');
    const apiInstances = instancePorts.map((port, n) =>
      node(`api:${n + 1}`, 'api/server.ts', { API_PORT: String(port) }, `http://127.0.0.1:${port}/healthz`),
    );
    const processes = [...commerceWorkers, opsWorker, ...apiInstances];
    cleanups.push(() => Promise.all(processes.map((process) => process.stop())).then(() => undefined));
    await Promise.all(processes.map((process) => process.start()));

    if (topology === 'cluster') {
      const proxy = startReverseProxy({
        binary: clusterTools!.haproxy,
        listenPort: proxyPort,
        backendPorts: instancePorts,
        configFile: path.join(dir, 'haproxy', 'haproxy.cfg'),
        logFile: path.join(logDir, 'haproxy.log'),
      });
      cleanups.push(() => void proxy.kill('SIGTERM'));
    }
    await waitForHttp(`${apiUrl}/readyz`, 'the API', 180_000);
    say(`${topology}: up, API ${apiUrl}, logs in ${logDir}`);
    return { topology, config, apiUrl, postgres, temporal, commerceWorkers, opsWorker, apiInstances, smtp, dir, close };
  } catch (error) {
    await close();
    throw error;
  }
}
