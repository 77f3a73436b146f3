// The cluster topology for `npm run bench:orders -- --topology cluster`: scripts/start-cluster.ts
// run as a user runs it (the Temporal server on PostgreSQL, two API instances behind
// HAProxy, N commerce workers), on free ports and throw-away Temporal databases beside the
// benchmark's own database, stopped with Ctrl-C afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { createOrm } from '../../db/orm';
import { launchCluster } from '../../test/helpers/cluster-launcher';

export interface BenchCluster {
  apiUrl: string;
  temporalAddress: string;
  close(): Promise<void>;
}

const HISTORY_SHARDS = 16;
const START_TIMEOUT_MS = 300_000;

export async function startBenchCluster(options: {
  databaseUrl: string;
  commerceWorkers: number;
}): Promise<BenchCluster> {
  const temporalDatabase = `temporal_bench_${Date.now()}`;
  const dir = mkdtempSync(`${os.tmpdir()}/storeops-bench-cluster-`);
  const dropTemporalDatabases = async () => {
    const admin = await createOrm(options.databaseUrl);
    try {
      for (const name of [temporalDatabase, `${temporalDatabase}_visibility`])
        await admin.em.getConnection().execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.close();
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // start-cluster.ts reads its sizes from the environment (config/cluster.ts).
  process.env.CLUSTER_COMMERCE_WORKERS = String(options.commerceWorkers);
  try {
    const cluster = await launchCluster({
      historyShards: HISTORY_SHARDS,
      timeoutMs: START_TIMEOUT_MS,
      temporalDatabase,
      dir,
      databaseUrl: options.databaseUrl,
    });
    return {
      apiUrl: `http://127.0.0.1:${cluster.ports.proxy}`,
      temporalAddress: `127.0.0.1:${cluster.ports.temporalFrontend}`,
      async close() {
        await cluster.interrupt().catch(() => cluster.child.kill('SIGKILL'));
        await dropTemporalDatabases();
      },
    };
  } catch (error) {
    await dropTemporalDatabases();
    throw error;
  }
}
