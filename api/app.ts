import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config/env';
import { loggerOptions } from './logging';
import errorHandler from './plugins/error-handler';
import metrics from './plugins/metrics';
import openApi from './plugins/openapi';
import orm from './plugins/orm';
import temporal from './plugins/temporal';
import healthRoutes from './routes/health';
import stackProbeRoutes from './routes/stack-probes';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  temporal: Client;
  /** Whether closing the app closes the ORM and the Temporal connection (server.ts: yes; tests sharing them: no). */
  ownsConnections?: boolean;
}

/** Builds the API (STYLE.md 12): server.ts listens, tests call `app.inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggerOptions(deps.config),
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const closeWithApp = deps.ownsConnections ?? false;
  await app.register(errorHandler);
  await app.register(metrics);
  await app.register(openApi);
  await app.register(orm, { orm: deps.orm, closeWithApp });
  await app.register(temporal, { client: deps.temporal, closeWithApp });

  await app.register(healthRoutes);
  await app.register(stackProbeRoutes);
  return app;
}
