import type { Config } from '../config/env';
import { createOrm, migrateUp } from '../db/orm';
import { startLogisticsCarrier } from '../sandbox/logistics-carrier/start';
import { startPaymentGateway } from '../sandbox/payment-gateway/start';
import { localCluster, startCluster, stopCluster } from './postgres-cluster';
import { say, type ProcessGroup } from './process-group';

/**
 * Steps both launchers take (scripts/start.ts, scripts/start-cluster.ts), each saying
 * what it did on the console.
 */

/** The project's own PostgreSQL cluster, stopped with the group if this call started it. */
export function startLocalPostgres(pgBinDir: string, group: ProcessGroup): void {
  const cluster = localCluster(pgBinDir);
  const started = startCluster(cluster);
  say(
    `PostgreSQL ${started ? 'started' : 'already running'} on 127.0.0.1:${cluster.port} (data in ${cluster.dataDir})`,
  );
  if (started) group.onStop(() => stopCluster(cluster));
}

export async function migrateAppDatabase(databaseUrl: string): Promise<void> {
  const orm = await createOrm(databaseUrl);
  const applied = await migrateUp(orm).finally(() => orm.close());
  say(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
}

/** The closing lines of a start: `[label, where]` pairs, aligned. */
export function printEndpoints(endpoints: Array<[string, string]>): void {
  for (const [label, where] of endpoints) console.log(`  ${label.padEnd(18)}${where}`);
  console.log('  Ctrl-C stops everything.');
}

/** The database URL without its password, for the console. */
export const redactedUrl = (url: string) => url.replace(/:[^:@/]+@/, ':***@');

/**
 * The sandbox payment gateway and logistics carrier on their configured ports, in the
 * launcher's process, closed when the group stops. The carrier posts its webhooks to
 * `apiUrl` (the API, or the reverse proxy in front of the API instances).
 */
export async function startSandboxes(config: Config, apiUrl: string, group: ProcessGroup): Promise<void> {
  const paymentGateway = await startPaymentGateway({
    databaseUrl: config.DATABASE_URL,
    port: Number(new URL(config.PAYMENT_SANDBOX_URL).port),
    apiKey: config.PAYMENT_SANDBOX_API_KEY,
  });
  group.onStop(() => paymentGateway.close());
  say(`sandbox payment gateway on ${paymentGateway.url}`);
  const logisticsCarrier = await startLogisticsCarrier({
    databaseUrl: config.DATABASE_URL,
    port: Number(new URL(config.LOGISTICS_SANDBOX_URL).port),
    apiKey: config.LOGISTICS_SANDBOX_API_KEY,
    webhookUrl: `${apiUrl}/webhooks/logistics/sandbox`,
    webhookSecret: config.LOGISTICS_WEBHOOK_SECRET,
  });
  group.onStop(() => logisticsCarrier.close());
  say(`sandbox logistics carrier on ${logisticsCarrier.url}`);
}
