import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Config } from '../config/env';
import { FieldCipher } from '../db/field-cipher';
import { hs256Verifier } from './auth/tokens';
import { loggerOptions } from './shared/logging';
import auditLinker from './plugins/audit-linker';
import auth from './plugins/auth';
import configPlugin from './plugins/config';
import errorHandler from './plugins/error-handler';
import errorResponses from './plugins/error-responses';
import metrics from './plugins/metrics';
import nulGuard from './plugins/nul-guard';
import openApi from './plugins/openapi';
import orm from './plugins/orm';
import { rateLimitStoreFor } from './plugins/rate-limit-store';
import security, { codecCors } from './plugins/security';
import temporal from './plugins/temporal';
import drain from './plugins/drain';
import accounts from './accounts';
import auditRoutes from './audit/routes';
import catalog from './catalog';
import codecRoutes from './codec/routes';
import commitments from './commitments';
import complaints from './complaints';
import consolePlugin from './console';
import delivery from './delivery';
import disclosureRoutes from './disclosure/routes';
import healthRoutes from './health/routes';
import order from './order';
import ops from './ops';
import paymentReconciliationRoutes from './payments/routes';
import returns from './returns';
import reports from './reports';
import staffTaskRoutes from './staff-tasks/routes';

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
    // Behind a reverse proxy (npm run start:cluster), request.ip is the client's, not the proxy's.
    trustProxy: deps.config.TRUST_PROXY ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const closeWithApp = deps.ownsConnections ?? false;
  const cipher = FieldCipher.fromConfig(deps.config);
  const verifier = hs256Verifier(deps.config.AUTH_JWT_SECRET);
  await app.register(configPlugin, { config: deps.config });
  await app.register(errorHandler);
  await app.register(metrics);
  // Before every route (the docs' too): security first, so rate limits run before token checks.
  await app.register(security, {
    verifier,
    limits: deps.config,
    store: rateLimitStoreFor(deps.config.RATE_LIMIT_STORE, deps.orm),
  });
  await app.register(auth, { verifier });
  await app.register(errorResponses);
  await app.register(codecCors);
  await app.register(nulGuard);
  await app.register(openApi);
  await app.register(orm, { orm: deps.orm, closeWithApp });
  await app.register(auditLinker);
  await app.register(temporal, { client: deps.temporal, closeWithApp });
  // After the connections' plugins, before the routes: close waits for running handlers first.
  await app.register(drain);

  // Platform routes, then one plugin per business process (api/<process>/index.ts).
  const processOptions = { config: deps.config, cipher };
  await app.register(healthRoutes);
  await app.register(codecRoutes, { codecVerifier: hs256Verifier(deps.config.AUTH_JWT_SECRET, 'codec') });
  await app.register(auditRoutes);
  await app.register(commitments);
  await app.register(disclosureRoutes);
  await app.register(accounts, processOptions);
  await app.register(catalog, processOptions);
  await app.register(order, processOptions);
  await app.register(delivery, processOptions);
  await app.register(complaints, processOptions);
  await app.register(returns, processOptions);
  await app.register(paymentReconciliationRoutes);
  await app.register(staffTaskRoutes);
  await app.register(ops, processOptions);
  await app.register(reports);
  await app.register(consolePlugin);
  return app;
}
