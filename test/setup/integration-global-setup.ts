import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../../config/env';
import { varDir } from '../../config/paths';
import { createOrm, migrateUp } from '../../db/orm';
import {
  localCluster,
  startCluster,
  stopCluster,
  superuserSql,
  type LocalCluster,
} from '../../platform/postgres-cluster';
import { startTemporalDevServer } from '../../platform/temporal-dev-server';
import { ensureToolchain } from '../../platform/toolchain';
import { ensureTestWorkflowBundle } from './test-services';
import { freePort } from '../../platform/free-port';

/** What teardown needs; globalSetup and globalTeardown run in the same process. */
export interface IntegrationServices {
  cluster?: { cluster: LocalCluster; startedByTests: boolean; database: string };
  temporal?: ChildProcess;
}

declare global {
  var __storeopsIntegration: IntegrationServices | undefined;
}

/**
 * Integration tests run against real services: a throw-away database in the local
 * PostgreSQL cluster (or on DATABASE_URL's server) and a Temporal dev server of their own
 * on a free port, so a running `npm start` is never disturbed.
 */
export default async function integrationGlobalSetup(): Promise<void> {
  const services: IntegrationServices = {};
  globalThis.__storeopsIntegration = services;
  const toolchain = ensureToolchain();
  const database = `storeops_test_${process.pid}_${Date.now()}`;

  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${database}`;
    await createDatabaseVia(process.env.DATABASE_URL, database);
    process.env.DATABASE_URL = url.toString();
  } else {
    const cluster = localCluster(toolchain.pgBinDir);
    const startedByTests = startCluster(cluster);
    superuserSql(cluster, `CREATE DATABASE ${database} OWNER storeops`);
    services.cluster = { cluster, startedByTests, database };
    const url = new URL(loadConfig().DATABASE_URL);
    url.pathname = `/${database}`;
    process.env.DATABASE_URL = url.toString();
  }
  const orm = await createOrm(process.env.DATABASE_URL);
  await migrateUp(orm).finally(() => orm.close());

  const port = await freePort();
  // The Web UI too: the console's browser test follows its links into it.
  const uiPort = await freePort();
  services.temporal = await startTemporalDevServer({
    cli: toolchain.temporalCli,
    port,
    uiPort,
    namespace: 'default',
    logFile: path.join(varDir, 'log', `temporal-test-${process.pid}.log`),
  });
  process.env.TEMPORAL_ADDRESS = `127.0.0.1:${port}`;
  process.env.TEMPORAL_NAMESPACE = 'default';
  process.env.TEMPORAL_UI_URL = `http://127.0.0.1:${uiPort}`;

  await ensureTestWorkflowBundle();
  forgetOrmGlobals();
}

/**
 * Jest copies this process's globals into each test file's sandbox, and MikroORM keeps the
 * entities' decorator metadata on globalThis: left behind by the migration above, it would
 * reach every test file as objects of another realm and break the ORM's discovery there
 * (`Map.prototype.set called on incompatible receiver`). Test files decorate their own classes.
 */
function forgetOrmGlobals(): void {
  for (const key of Object.keys(globalThis)) {
    if (key.startsWith('mikro-orm-')) delete (globalThis as Record<string, unknown>)[key];
  }
}

/** With an external server (DATABASE_URL set), the test database is made through it. */
async function createDatabaseVia(databaseUrl: string, database: string): Promise<void> {
  const orm = await createOrm(databaseUrl);
  try {
    await orm.em.getConnection().execute(`CREATE DATABASE ${database}`);
  } finally {
    await orm.close();
  }
}

export function stopIntegrationServices(): void {
  const services = globalThis.__storeopsIntegration;
  if (!services) return;
  services.temporal?.kill('SIGTERM');
  if (services.cluster) {
    const { cluster, startedByTests, database } = services.cluster;
    superuserSql(cluster, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    if (startedByTests) stopCluster(cluster);
  }
}
