/**
 * `npm run start:cluster`: the production shape on one machine. Instead of the dev
 * server: the Temporal server itself on PostgreSQL (its own two databases, schema kept
 * up to date by temporal-sql-tool), its Web UI, several API instances behind HAProxy on
 * the usual API port, several workers per task queue, and the sandboxes. State lives in
 * PostgreSQL, so a second start resumes. Ctrl-C stops everything it started.
 *
 * DATABASE_URL set means "use that PostgreSQL server" (Temporal's databases go there
 * too); unset, the project's own cluster under var/ is started. Sizes and ports:
 * config/cluster.ts.
 */
import path from 'node:path';
import { apiInstancePorts, loadClusterSettings, type ClusterSettings } from '../config/cluster';
import { devDefaultsFile } from '../config/dev-defaults';
import { loadConfig, type Config } from '../config/env';
import { varDir } from '../config/paths';
import { assertPortsFree } from '../platform/free-port';
import { startReverseProxy } from '../platform/haproxy';
import { printEndpoints, redactedUrl, startLocalPostgres } from '../platform/launch-steps';
import { ProcessGroup, say, waitForHttp } from '../platform/process-group';
import {
  assertShardCount,
  ensureDatabases,
  temporalPersistenceFor,
  updateTemporalSchema,
} from '../platform/temporal-persistence';
import { registerNamespace, startTemporalServer } from '../platform/temporal-server';
import { allTemporalServerPorts } from '../platform/temporal-server-config';
import { prepareTemporalUi } from '../platform/temporal-ui';
import { ensureClusterToolchain, ensureToolchain, type ClusterToolchain } from '../platform/toolchain';
import { writeWorkflowBundle } from '../platform/workflow-bundle';
import { prepareAppServices } from './lib/app-services';
import { uiCodecEndpoint } from './lib/ui-codec-endpoint';
import { TASK_QUEUES } from '../workflows/shared/task-queues';

const group = new ProcessGroup();

/** Everything the steps share, read once from the environment. */
interface Launch {
  config: Config;
  settings: ClusterSettings;
  tools: ClusterToolchain;
  apiUrl: string;
  instancePorts: number[];
  logDir: string;
}

async function main(): Promise<void> {
  group.stopOnSignals();
  const toolchain = ensureToolchain();
  const config = loadConfig();
  const settings = loadClusterSettings();
  const launch: Launch = {
    config,
    settings,
    tools: ensureClusterToolchain(),
    apiUrl: `http://127.0.0.1:${config.API_PORT}`,
    instancePorts: apiInstancePorts(settings),
    logDir: path.join(settings.STOREOPS_CLUSTER_DIR, 'log'),
  };
  await assertPortsFree(portsToListenOn(launch));
  const usesOwnDatabase = !process.env.DATABASE_URL;
  if (usesOwnDatabase) startLocalPostgres(toolchain.pgBinDir, group);

  const databases = await startTemporal(launch, toolchain.temporalCli);
  await prepareAppServices(config, launch.apiUrl, group, { localCluster: usesOwnDatabase });
  await startWorkersAndApis(launch);
  await startReverseProxyAndUi(launch);
  printListing(launch, databases);
}

function portsToListenOn({ config, settings, instancePorts }: Launch): Array<[string, number]> {
  return [
    ['reverse proxy', config.API_PORT],
    ...instancePorts.map((port, n): [string, number] => [`API instance ${n + 1}`, port]),
    ...allTemporalServerPorts(frontendPortOf(config)).map((port): [string, number] => ['Temporal server', port]),
    ['Temporal Web UI', settings.TEMPORAL_UI_PORT],
    ['payment sandbox', Number(new URL(config.PAYMENT_SANDBOX_URL).port)],
    ['logistics sandbox', Number(new URL(config.LOGISTICS_SANDBOX_URL).port)],
  ];
}

const frontendPortOf = (config: Config) => Number(config.TEMPORAL_ADDRESS.split(':').pop());

/** Databases and schema, the server, then the namespace and search attributes. */
async function startTemporal({ config, settings, tools, logDir }: Launch, temporalCli: string) {
  const persistence = temporalPersistenceFor(config.DATABASE_URL, settings.TEMPORAL_PERSISTENCE_DATABASE);
  const { main: mainDb, visibility: visibilityDb } = persistence.databases;
  const created = await ensureDatabases(config.DATABASE_URL, [mainDb, visibilityDb]);
  if (created.length > 0) say(`created databases ${created.join(', ')}`);
  await updateTemporalSchema(tools.temporalSqlTool, persistence.postgres, mainDb, 'temporal');
  await updateTemporalSchema(tools.temporalSqlTool, persistence.postgres, visibilityDb, 'visibility');
  say(`Temporal schema up to date in ${mainDb} and ${visibilityDb} (temporal-sql-tool)`);
  await assertShardCount(config.DATABASE_URL, mainDb, settings.TEMPORAL_HISTORY_SHARDS);

  const frontendPort = frontendPortOf(config);
  say(`starting the Temporal server on 127.0.0.1:${frontendPort} (${settings.TEMPORAL_HISTORY_SHARDS} history shards)`);
  const server = await startTemporalServer({
    binary: tools.temporalServer,
    rootDir: path.join(settings.STOREOPS_CLUSTER_DIR, 'temporal'),
    logFile: path.join(logDir, 'temporal-server.log'),
    frontendPort,
    historyShards: settings.TEMPORAL_HISTORY_SHARDS,
    ...persistence,
  });
  group.adopt('temporal-server', server);
  const registered = await registerNamespace(temporalCli, config.TEMPORAL_ADDRESS, config.TEMPORAL_NAMESPACE);
  say(registered.length ? `registered ${registered.join(', ')}` : `namespace ${config.TEMPORAL_NAMESPACE} ready`);
  return persistence.databases;
}

async function startWorkersAndApis({ settings, instancePorts }: Launch): Promise<void> {
  // A test that bundled already passes its bundle; bundling costs tens of seconds.
  let bundle = process.env.WORKFLOW_BUNDLE_PATH;
  if (!bundle) {
    say('bundling workflows');
    bundle = await writeWorkflowBundle(path.join(varDir, 'build', 'workflow-bundle.js'));
  }
  const childEnv = { ...process.env, WORKFLOW_BUNDLE_PATH: bundle };
  for (let n = 1; n <= settings.CLUSTER_COMMERCE_WORKERS; n++)
    group.spawnNode(`worker:${TASK_QUEUES.commerce}:${n}`, 'workers/commerce.ts', childEnv);
  for (let n = 1; n <= settings.CLUSTER_OPS_WORKERS; n++)
    group.spawnNode(`worker:${TASK_QUEUES.ops}:${n}`, 'workers/ops.ts', childEnv);
  instancePorts.forEach((port, n) =>
    group.spawnNode(`api:${n + 1}`, 'api/server.ts', {
      ...childEnv,
      API_PORT: String(port),
      // HAProxy on loopback sets X-Forwarded-For: client addresses (rate limits, audit) stay true.
      TRUST_PROXY: '127.0.0.1',
      // One limit for the whole API, not one per instance.
      RATE_LIMIT_STORE: process.env.RATE_LIMIT_STORE ?? 'postgres',
    }),
  );
  await Promise.all(
    instancePorts.map((port, n) => waitForHttp(`http://127.0.0.1:${port}/readyz`, `API instance ${n + 1}`)),
  );
}

async function startReverseProxyAndUi({ config, settings, tools, apiUrl, instancePorts, logDir }: Launch) {
  const proxy = startReverseProxy({
    binary: tools.haproxy,
    listenPort: config.API_PORT,
    backendPorts: instancePorts,
    configFile: path.join(settings.STOREOPS_CLUSTER_DIR, 'haproxy', 'haproxy.cfg'),
    logFile: path.join(logDir, 'haproxy.log'),
  });
  group.adopt('haproxy', proxy);
  await waitForHttp(`${apiUrl}/readyz`, 'the reverse proxy');

  const uiArgs = prepareTemporalUi({
    temporalAddress: config.TEMPORAL_ADDRESS,
    port: settings.TEMPORAL_UI_PORT,
    namespace: config.TEMPORAL_NAMESPACE,
    codecEndpoint: uiCodecEndpoint(config, apiUrl),
    rootDir: path.join(settings.STOREOPS_CLUSTER_DIR, 'ui'),
  });
  group.spawnPrefixed('temporal-ui', tools.temporalUiServer, uiArgs);
  await waitForHttp(`http://127.0.0.1:${settings.TEMPORAL_UI_PORT}`, 'the Temporal Web UI');
}

function printListing(
  { config, settings, apiUrl, instancePorts, logDir }: Launch,
  databases: { main: string; visibility: string },
): void {
  const serverUrl = redactedUrl(config.DATABASE_URL).replace(/\/[^/]*$/, '');
  say('StoreOps cluster is up:');
  printEndpoints([
    ['API (HAProxy)', `${apiUrl}  → ${instancePorts.map((port) => `127.0.0.1:${port}`).join(', ')}`],
    ['API docs', `${apiUrl}/docs   (OpenAPI: ${apiUrl}/openapi.json)`],
    ['Temporal Web UI', `http://127.0.0.1:${settings.TEMPORAL_UI_PORT}`],
    ['Temporal', `${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE})`],
    ['Temporal state', `${serverUrl}/{${databases.main},${databases.visibility}}`],
    ['workers', `${settings.CLUSTER_COMMERCE_WORKERS} commerce, ${settings.CLUSTER_OPS_WORKERS} ops`],
    ['PostgreSQL', redactedUrl(config.DATABASE_URL)],
    ['payment sandbox', `${config.PAYMENT_SANDBOX_URL}  (ledger: /admin/ledger?reference=<orderId>)`],
    ['logistics sandbox', `${config.LOGISTICS_SANDBOX_URL}  (events: POST /admin/shipments/<id>/events)`],
    ['mail', config.SMTP_URL],
    ['logs', `${logDir} (Temporal server, HAProxy); the rest here, prefixed`],
    ['dev secrets', devDefaultsFile],
  ]);
}

main().catch((error: unknown) => {
  console.error(`[storeops] start:cluster failed: ${error instanceof Error ? error.message : String(error)}`);
  void group.stop(1);
});
