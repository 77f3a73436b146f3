import type { MikroORM } from '@mikro-orm/postgresql';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Config } from '../config/env';
import { FieldCipher } from '../db/field-cipher';
import { handoverSigningKeys } from '../domain/handover-signing';
import { hs256Signer, hs256Verifier } from './auth/tokens';
import { loggerOptions } from './logging';
import auth from './plugins/auth';
import configPlugin from './plugins/config';
import errorHandler from './plugins/error-handler';
import metrics from './plugins/metrics';
import openApi from './plugins/openapi';
import orm from './plugins/orm';
import security, { codecCors } from './plugins/security';
import temporal from './plugins/temporal';
import auditRoutes from './routes/audit';
import authRoutes from './routes/auth';
import backupRoutes from './routes/backups';
import carrierRoutes from './routes/carriers';
import codecRoutes from './routes/codec';
import handoverRoutes from './routes/handovers';
import handoverSupervisionRoutes from './routes/handover-supervision';
import healthRoutes from './routes/health';
import meRoutes from './routes/me';
import logisticsWebhookRoutes from './routes/logistics-webhooks';
import merchantRoutes from './routes/merchants';
import orderDecisionRoutes from './routes/order-decisions';
import orderRoutes from './routes/orders';
import paymentReconciliationRoutes from './routes/payment-reconciliation';
import productRoutes from './routes/products';
import recoveryDrillRoutes from './routes/recovery-drills';
import serviceCommitmentRoutes from './routes/service-commitments';
import stackProbeRoutes from './routes/stack-probes';

export interface AppDeps {
  config: Config;
  orm: MikroORM;
  temporal: Client;
  /** Where logs go instead of stdout (tests read them). */
  logStream?: DestinationStream;
  /** Whether closing the app closes the ORM and the Temporal connection (server.ts: yes; tests sharing them: no). */
  ownsConnections?: boolean;
}

/** Builds the API (STYLE.md 12): server.ts listens, tests call `app.inject`. */
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
  await app.register(codecCors);
  await app.register(openApi);
  await app.register(orm, { orm: deps.orm, closeWithApp });
  await app.register(temporal, { client: deps.temporal, closeWithApp });

  await app.register(healthRoutes);
  await app.register(stackProbeRoutes);
  await app.register(codecRoutes, { verifier: hs256Verifier(deps.config.AUTH_JWT_SECRET) });
  await app.register(auditRoutes);
  await app.register(serviceCommitmentRoutes);
  await app.register(authRoutes, { cipher, signer: hs256Signer(deps.config.AUTH_JWT_SECRET) });
  await app.register(meRoutes, { cipher });
  await app.register(merchantRoutes);
  await app.register(carrierRoutes);
  await app.register(productRoutes);
  await app.register(orderRoutes, { cipher });
  await app.register(orderDecisionRoutes);
  await app.register(handoverRoutes, {
    cipher,
    signingKeys: handoverSigningKeys(deps.config.PII_ENCRYPTION_KEY),
    provider: deps.config.LOGISTICS_PROVIDER,
  });
  await app.register(logisticsWebhookRoutes, {
    secret: deps.config.LOGISTICS_WEBHOOK_SECRET,
    providers: [deps.config.LOGISTICS_PROVIDER],
  });
  await app.register(handoverSupervisionRoutes);
  await app.register(paymentReconciliationRoutes);
  await app.register(backupRoutes);
  await app.register(recoveryDrillRoutes);
  return app;
}
