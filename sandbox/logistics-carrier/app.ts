import type { Knex } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import { createProviderApp } from '../shared/provider-app';
import adminRoutes from './admin';
import shipmentRoutes from './routes';
import type { WebhookSender } from './webhooks';

export interface LogisticsCarrierDeps {
  /** Its schema must exist (carrierSchema.ensure). The caller closes it. */
  db: Knex;
  apiKey: string;
  webhooks: WebhookSender;
  logLevel?: string;
}

/**
 * The sandbox logistics carrier: a separate HTTP service standing for a courier company
 * (T/QGCML 3125 §6.1, §6.2), with its own records, API-key auth, idempotent booking,
 * tracking, and signed event webhooks, so the delivery process runs for real.
 */
export async function buildLogisticsCarrier(deps: LogisticsCarrierDeps): Promise<FastifyInstance> {
  const app = createProviderApp({ apiKey: deps.apiKey, logLevel: deps.logLevel });
  await app.register(shipmentRoutes, { db: deps.db });
  await app.register(adminRoutes, { db: deps.db, webhooks: deps.webhooks });
  return app;
}
