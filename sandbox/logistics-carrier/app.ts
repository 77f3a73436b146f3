import { createHash, timingSafeEqual } from 'node:crypto';
import type { Knex } from '@mikro-orm/postgresql';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { GatewayError, registerErrorHandler, sendGatewayError } from '../payment-gateway/errors';
import adminRoutes from './admin';
import shipmentRoutes from './routes';
import type { WebhookSender } from './webhooks';

export interface LogisticsCarrierDeps {
  /** Its schema must exist (ensureCarrierSchema). The caller closes it. */
  db: Knex;
  apiKey: string;
  webhooks: WebhookSender;
  logLevel?: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The sandbox logistics carrier: a separate HTTP service standing for a courier company
 * (T/QGCML 3125 §6.1, §6.2), with its own records, API-key auth, idempotent booking,
 * tracking, and signed event webhooks, so the delivery process runs for real.
 */
export async function buildLogisticsCarrier(deps: LogisticsCarrierDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: deps.logLevel ?? 'info', redact: ['req.headers.authorization'] },
    bodyLimit: 64 * 1024,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  const expectedKey = digest(deps.apiKey);
  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/healthz') return;
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expectedKey))
      return sendGatewayError(
        reply,
        new GatewayError(401, 'authentication_error', 'invalid_api_key', 'Invalid API key provided.'),
      );
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  await app.register(shipmentRoutes, { db: deps.db });
  await app.register(adminRoutes, { db: deps.db, webhooks: deps.webhooks });
  return app;
}
