import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../../config/paths';
import { freePort, freePortBlock } from '../../platform/free-port';
import { allTemporalServerPorts } from '../../platform/temporal-server-config';

/** Where one `npm run start:cluster` of a test listens: every port free, none the usual one. */
export interface ClusterPorts {
  proxy: number;
  apiInstances: number[];
  temporalFrontend: number;
  temporalUi: number;
  paymentSandbox: number;
  logisticsSandbox: number;
}

export interface LaunchedCluster {
  ports: ClusterPorts;
  /** The cluster's state directory (generated configs, logs). */
  dir: string;
  /** Temporal's execution database (visibility: `<name>_visibility`). */
  temporalDatabase: string;
  child: ChildProcess;
  /** Everything the launcher printed so far. */
  output: string[];
  /** Every port the topology listens on. */
  allPorts(): number[];
  /** Ctrl-C, then the launcher's exit code. */
  interrupt(timeoutMs?: number): Promise<number | null>;
}

export async function pickClusterPorts(): Promise<ClusterPorts> {
  const frontendOffsets = allTemporalServerPorts(0);
  // Temporal stores its ports as smallint: the whole block stays below 32768.
  const temporalFrontend = await freePortBlock(frontendOffsets, 20_400, 32_700);
  const apiBase = await freePortBlock([0, 1]);
  return {
    proxy: await freePort(),
    apiInstances: [apiBase, apiBase + 1],
    temporalFrontend,
    temporalUi: await freePort(),
    paymentSandbox: await freePort(),
    logisticsSandbox: await freePort(),
  };
}

/**
 * Runs scripts/start-cluster.ts as a user would (its own process, Ctrl-C to stop), on
 * free ports and throw-away Temporal databases beside the run's test database, and
 * resolves once it says the cluster is up.
 */
export async function launchCluster(options: {
  historyShards: number;
  timeoutMs: number;
  /** Chosen by the caller, so it can drop them even when the launch fails. */
  temporalDatabase: string;
  dir: string;
  /** The platform's own database: one of the test's, so probes and orders stay out of others' tables. */
  databaseUrl: string;
}): Promise<LaunchedCluster> {
  const ports = await pickClusterPorts();
  const { dir, temporalDatabase } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'scripts', 'start-cluster.ts')], {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporalFrontend}`,
      TEMPORAL_NAMESPACE: 'default',
      API_PORT: String(ports.proxy),
      CLUSTER_API_BASE_PORT: String(ports.apiInstances[0]),
      TEMPORAL_UI_PORT: String(ports.temporalUi),
      PAYMENT_SANDBOX_URL: `http://127.0.0.1:${ports.paymentSandbox}`,
      LOGISTICS_SANDBOX_URL: `http://127.0.0.1:${ports.logisticsSandbox}`,
      TEMPORAL_PERSISTENCE_DATABASE: temporalDatabase,
      TEMPORAL_HISTORY_SHARDS: String(options.historyShards),
      STOREOPS_CLUSTER_DIR: dir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let isUp = false;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const up = new Promise<void>((resolve) => {
    for (const stream of [child.stdout, child.stderr])
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        // The last line of the endpoint listing printed once the cluster is up.
        if (line.includes('Ctrl-C stops everything')) {
          isUp = true;
          resolve();
        }
      });
  });
  const cluster: LaunchedCluster = {
    ports,
    dir,
    temporalDatabase,
    child,
    output,
    allPorts: () => [
      ports.proxy,
      ...ports.apiInstances,
      ...allTemporalServerPorts(ports.temporalFrontend),
      ports.temporalUi,
      ports.paymentSandbox,
      ports.logisticsSandbox,
    ],
    async interrupt(timeoutMs = 60_000) {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGINT');
      const timer = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the cluster did not stop after Ctrl-C')), timeoutMs).unref(),
      );
      return Promise.race([exited, timer]);
    },
  };
  const failed = exited.then((code) => {
    if (isUp) return;
    throw new Error(`start:cluster exited (code ${code}) before it was up:\n${output.slice(-40).join('\n')}`);
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`start:cluster not up in time:\n${output.slice(-40).join('\n')}`)),
      options.timeoutMs,
    ).unref(),
  );
  try {
    await Promise.race([up, failed, timeout]);
  } catch (error) {
    await cluster.interrupt().catch(() => child.kill('SIGKILL'));
    throw error;
  }
  return cluster;
}
