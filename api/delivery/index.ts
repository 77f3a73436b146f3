import type { FastifyPluginAsync } from 'fastify';
import { handoverSigningKeys } from '../../domain/handover-signing';
import type { ProcessRouteOptions } from '../shared/process-options';
import handoverRoutes from './routes';
import handoverSupervisionRoutes from './supervision-routes';
import logisticsWebhookRoutes from './webhook-routes';

/** Delivery handover (§6.1, §6.2): slips and signatures, carrier webhooks, supervision. */
const deliveryProcess: FastifyPluginAsync<ProcessRouteOptions> = async (app, { config, cipher }) => {
  await app.register(handoverRoutes, {
    cipher,
    signingKeys: handoverSigningKeys(config.PII_ENCRYPTION_KEY),
    provider: config.LOGISTICS_PROVIDER,
  });
  await app.register(logisticsWebhookRoutes, {
    secret: config.LOGISTICS_WEBHOOK_SECRET,
    providers: [config.LOGISTICS_PROVIDER],
  });
  await app.register(handoverSupervisionRoutes);
};
export default deliveryProcess;
