/**
 * `npm start`: the whole system on one machine. Bootstraps the toolchain if needed,
 * starts the local PostgreSQL cluster and the Temporal dev server (state under var/, so a
 * second start resumes), migrates, then runs the workers and the API as child processes
 * and prints where everything is. Ctrl-C stops every child, then the services it started.
 *
 * DATABASE_URL or TEMPORAL_ADDRESS set in the environment mean "use that server": the
 * launcher then starts no local one.
 */
import path from 'node:path';
import { loadConfig } from '../config/env';
import { devDefaultsFile } from '../config/dev-defaults';
import { varDir } from '../config/paths';
import { ProcessGroup, say, waitForHttp } from '../platform/process-group';
import { printEndpoints, redactedUrl, startLocalPostgres } from '../platform/launch-steps';
import { startTemporalDevServer } from '../platform/temporal-dev-server';
import { ensureToolchain } from '../platform/toolchain';
import { writeWorkflowBundle } from '../platform/workflow-bundle';
import { prepareAppServices } from './lib/app-services';
import { uiCodecEndpoint } from './lib/ui-codec-endpoint';

const TEMPORAL_UI_PORT = 8233;
const group = new ProcessGroup();

async function main(): Promise<void> {
  group.stopOnSignals();

  const toolchain = ensureToolchain();
  const usesOwnDatabase = !process.env.DATABASE_URL;
  const usesOwnTemporal = !process.env.TEMPORAL_ADDRESS;
  const config = loadConfig();

  if (usesOwnDatabase) startLocalPostgres(toolchain.pgBinDir, group);

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
      codecEndpoint: uiCodecEndpoint(config, apiUrl),
      logFile: path.join(varDir, 'log', 'temporal.log'),
    });
    group.adopt('temporal', temporal);
  }

  await prepareAppServices(config, apiUrl, group, { localCluster: usesOwnDatabase });
  say('bundling workflows');
  const bundle = await writeWorkflowBundle(path.join(varDir, 'build', 'workflow-bundle.js'));

  const childEnv = { ...process.env, WORKFLOW_BUNDLE_PATH: bundle };
  for (const [name, entry] of [
    ['worker:commerce', 'workers/commerce.ts'],
    ['worker:ops', 'workers/ops.ts'],
    ['api', 'api/server.ts'],
  ] as const)
    group.spawnNode(name, entry, childEnv);

  await waitForHttp(`${apiUrl}/readyz`, 'the API');
  say('StoreOps is up:');
  printEndpoints([
    ['API', apiUrl],
    ['API docs', `${apiUrl}/docs   (OpenAPI: ${apiUrl}/openapi.json)`],
    ...(usesOwnTemporal ? [['Temporal Web UI', `http://127.0.0.1:${TEMPORAL_UI_PORT}`] as [string, string]] : []),
    ['Temporal', `${config.TEMPORAL_ADDRESS} (namespace ${config.TEMPORAL_NAMESPACE})`],
    ['PostgreSQL', redactedUrl(config.DATABASE_URL)],
    ['payment sandbox', `${config.PAYMENT_SANDBOX_URL}  (ledger: /admin/ledger?reference=<orderId>)`],
    ['logistics sandbox', `${config.LOGISTICS_SANDBOX_URL}  (events: POST /admin/shipments/<id>/events)`],
    ['mail', config.SMTP_URL],
    ['dev secrets', devDefaultsFile],
  ]);
}

main().catch((error: unknown) => {
  console.error(`[storeops] start failed: ${error instanceof Error ? error.message : String(error)}`);
  void group.stop(1);
});
