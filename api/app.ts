import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Config } from '../config/env';
import { FieldCipher } from '../db/field-cipher';
import { hs256Verifier } from './auth/tokens';
import { loggerOptions } from './shared/logging';
import auth from './plugins/auth';
import configPlugin from './plugins/config';
import errorHandler from './plugins/error-handler';
import errorResponses from './plugins/error-responses';
import metrics from './plugins/metrics';
import nulGuard from './plugins/nul-guard';
import openApi from './plugins/openapi';
import orm from './plugins/orm';
import security, { codecCors } from './plugins/security';
import temporal from './plugins/temporal';
import accounts from './accounts';
import auditRoutes from './audit/routes';
import catalog from './catalog';
import codecRoutes from './codec/routes';
import serviceCommitmentRoutes from './commitments/routes';
import delivery from './delivery';
import healthRoutes from './health/routes';
import order from './order';
import ops from './ops';
import paymentReconciliationRoutes from './payments/routes';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  temporal: Client;
  /** Where logs go instead of stdout (tests read them). */
  logStream?: DestinationStream;
  /** Whether closing the app closes the ORM and the Temporal connection (server.ts: yes; tests sharing them: no). */
  ownsConnections?: boolean;
}

/** Builds the API (docs/architecture.md): server.ts listens, tests call `app.inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggerOptions(deps.config, deps.logStream),
    bodyLimit: 1024 * 1024,
    // Path parameters are ids, except the dev codec endpoint's token (api/routes/codec.ts).
    routerOptions: { maxParamLength: 2048 },
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const closeWithApp = deps.ownsConnections ?? false;
  const cipher = FieldCipher.fromConfig(deps.config);
  await app.register(configPlugin, { config: deps.config });
  await app.register(errorHandler);
  await app.register(metrics);
  // Before every route (the docs' too): security first, so rate limits run before token checks.
  await app.register(security);
  await app.register(auth, { verifier: hs256Verifier(deps.config.AUTH_JWT_SECRET) });
  await app.register(errorResponses);
  await app.register(codecCors);
  await app.register(nulGuard);
  await app.register(openApi);
  await app.register(orm, { orm: deps.orm, closeWithApp });
  await app.register(temporal, { client: deps.temporal, closeWithApp });

  // Platform routes, then one plugin per business process (api/<process>/index.ts).
  const processOptions = { config: deps.config, cipher };
  await app.register(healthRoutes);
  await app.register(codecRoutes, { codecVerifier: hs256Verifier(deps.config.AUTH_JWT_SECRET, 'codec') });
  await app.register(auditRoutes);
  await app.register(serviceCommitmentRoutes);
  await app.register(accounts, processOptions);
  await app.register(catalog, processOptions);
  await app.register(order, processOptions);
  await app.register(delivery, processOptions);
  await app.register(paymentReconciliationRoutes);
  await app.register(ops, processOptions);
  return app;
}
