import type { FastifyPluginAsync } from 'fastify';
import { handoverSigningKeys } from '../../domain/handover-signing';
import type { ProcessRouteOptions } from '../shared/process-options';
import returnDecisionRoutes from './decision-routes';
import replacementRoutes from './replacement-routes';
import returnRoutes from './routes';
import returnSlipRoutes from './slip-routes';

/** Returns, exchanges and refunds (§6.4, §7.1.2): requests, decisions, the return slip, inspection, an exchange's replacement. */
const returnsProcess: FastifyPluginAsync<ProcessRouteOptions> = async (app, { config, cipher }) => {
  await app.register(returnRoutes);
  await app.register(returnDecisionRoutes);
  await app.register(returnSlipRoutes, { signingKeys: handoverSigningKeys(config.PII_ENCRYPTION_KEY) });
  await app.register(replacementRoutes, {
    cipher,
    signingKeys: handoverSigningKeys(config.PII_ENCRYPTION_KEY),
    provider: config.LOGISTICS_PROVIDER,
  });
};
export default returnsProcess;
