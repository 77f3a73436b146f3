import { MikroORM } from '@mikro-orm/postgresql';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config/env';
import { ormConfig } from '../db/mikro-orm.config';
import { poolOptions } from '../db/pool-settings';
import { dataConverterFor } from '../temporal/connection';
import { buildApp } from './app';

/** Listens and shuts down; everything else is in buildApp (docs/architecture.md "API"). */
async function main(): Promise<void> {
  const config = loadConfig();
  // Neither connects eagerly: the API starts even while Postgres or Temporal is still
  // coming up, and /readyz says which one is missing.
  const orm = await MikroORM.init(ormConfig(config.DATABASE_URL, { ...poolOptions(config, 'api'), connect: false }));
  const connection = Connection.lazy({ address: config.TEMPORAL_ADDRESS });
  const temporal = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFor(config),
  });
  const app = await buildApp({ config, orm, temporal, ownsConnections: true });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);

  await app.listen({ port: config.API_PORT, host: config.API_HOST });
}

main().catch((error: unknown) => {
  console.error('API failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
