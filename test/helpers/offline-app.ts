import { randomBytes } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client, Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { buildApp } from '../../api/app';
import { configSchema, type Config } from '../../config/env';
import { ormConfig } from '../../db/mikro-orm.config';

/** Nothing listens here, so every dependency of an offline app is down. */
const UNREACHABLE = '127.0.0.1:1';

export function testConfig(overrides: Partial<Record<keyof Config, string>> = {}): Config {
  return configSchema.parse({
    NODE_ENV: 'test',
    DATABASE_URL: `postgres://nobody:nothing@${UNREACHABLE}/none`,
    TEMPORAL_ADDRESS: UNREACHABLE,
    AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
    PII_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LOGISTICS_WEBHOOK_SECRET: randomBytes(24).toString('base64url'),
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

/**
 * The real app with Postgres and Temporal unreachable: for what the API does on its own
 * (validation, errors, OpenAPI, metrics) without starting services.
 */
export async function buildOfflineApp(
  config: Config = testConfig(),
  logStream?: DestinationStream,
): Promise<FastifyInstance> {
  const orm = await MikroORM.init(
    ormConfig(config.DATABASE_URL, { connect: false, pool: { min: 0, max: 1, acquireTimeoutMillis: 500 } }),
  );
  const temporal = new Client({ connection: Connection.lazy({ address: config.TEMPORAL_ADDRESS }) });
  return buildApp({ config, orm, temporal, ownsConnections: true, logStream });
}
