import type { Knex } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import { createProviderApp } from '../shared/provider-app';
import type { GatewayContext } from './context';
import { serviceUnavailable } from './errors';
import { FaultInjector } from './faults';
import adminRoutes from './routes/admin';
import authorizationRoutes from './routes/authorizations';
import moneyOutRoutes from './routes/money-out';
import readRoutes from './routes/reads';
import type { Faults } from './schemas';

export interface PaymentGatewayDeps {
  /** The ledger database; its schema must exist (ledgerSchema.ensure). The caller closes it. */
  db: Knex;
  apiKey: string;
  faults?: Partial<Faults>;
  logLevel?: string;
  /** For fault injection; tests may make it deterministic. */
  random?: () => number;
}

const noFaults: Faults = { latencyMs: 0, failureRate: 0, failurePoint: 'before' };

/**
 * The sandbox payment gateway: a separate HTTP service standing for a licensed payment
 * provider (T/QGCML 3125 §4.6), with its own ledger, API-key auth, idempotency keys, test
 * tokens and fault injection, so every payment path of the platform runs for real.
 */
export async function buildPaymentGateway(deps: PaymentGatewayDeps): Promise<FastifyInstance> {
  const app = createProviderApp({ apiKey: deps.apiKey, logLevel: deps.logLevel });

  const faults = new FaultInjector({ ...noFaults, ...deps.faults }, deps.random);
  app.addHook('preHandler', async (request) => {
    if (!request.url.startsWith('/v1/')) return;
    await faults.delay();
    // GETs change nothing, so a failure "after" processing is the same as one before it.
    if (faults.failsAt('before') || (request.method === 'GET' && faults.failsAt('after'))) throw serviceUnavailable();
  });

  const context: GatewayContext = { db: deps.db, faults, flakyAttempts: new Map() };
  await app.register(authorizationRoutes, context);
  await app.register(moneyOutRoutes, context);
  await app.register(readRoutes, context);
  await app.register(adminRoutes, context);
  return app;
}
