// Temporal for the chaos run, restartable after a SIGKILL with its state intact: on the
// cluster topology the Temporal server itself on the run's PostgreSQL; on the dev topology
// the dev server on a SQLite *file* (--db-filename), since in-memory state would die with it.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freePortBlock } from '../../platform/free-port';
import { startTemporalDevServer } from '../../platform/temporal-dev-server';
import { ensureDatabases, temporalPersistenceFor, updateTemporalSchema } from '../../platform/temporal-persistence';
import { registerNamespace, startTemporalServer } from '../../platform/temporal-server';
import { allTemporalServerPorts } from '../../platform/temporal-server-config';
import type { ClusterToolchain, Toolchain } from '../../platform/toolchain';

export type Topology = 'dev' | 'cluster';

export interface ChaosTemporal {
  address: string;
  ports: number[];
  /** Starts (or restarts) the server; resolves once its frontend answers. */
  launch(): Promise<ChildProcess>;
}

const NAMESPACE = 'default';
const HISTORY_SHARDS = 16;

export async function prepareTemporal(options: {
  topology: Topology;
  toolchain: Toolchain;
  clusterTools?: ClusterToolchain;
  databaseUrl: string;
  dir: string;
}): Promise<ChaosTemporal> {
  const { toolchain, dir } = options;
  // Temporal keeps its ports as smallint: the whole block below 32768.
  const frontendPort = await freePortBlock(allTemporalServerPorts(0), 20_400, 32_700);
  const address = `127.0.0.1:${frontendPort}`;
  const logFile = path.join(dir, 'log', 'temporal.log');
  if (options.topology === 'dev') {
    return {
      address,
      ports: [frontendPort],
      launch: () =>
        startTemporalDevServer({
          cli: toolchain.temporalCli,
          port: frontendPort,
          dbFile: path.join(dir, 'temporal', 'dev.sqlite'),
          namespace: NAMESPACE,
          logFile,
        }),
    };
  }

  const tools = options.clusterTools;
  if (!tools) throw new Error('the cluster topology needs the cluster toolchain');
  const persistence = temporalPersistenceFor(options.databaseUrl, 'temporal');
  const { main, visibility } = persistence.databases;
  await ensureDatabases(options.databaseUrl, [main, visibility]);
  await updateTemporalSchema(tools.temporalSqlTool, persistence.postgres, main, 'temporal');
  await updateTemporalSchema(tools.temporalSqlTool, persistence.postgres, visibility, 'visibility');
  let registered = false;
  return {
    address,
    ports: allTemporalServerPorts(frontendPort),
    async launch() {
      const server = await startTemporalServer({
        binary: tools.temporalServer,
        rootDir: path.join(dir, 'temporal'),
        logFile,
        frontendPort,
        historyShards: HISTORY_SHARDS,
        ...persistence,
      });
      if (!registered) await registerNamespace(toolchain.temporalCli, address, NAMESPACE);
      registered = true;
      return server;
    },
  };
}
