import type { FastifyPluginAsync } from 'fastify';
import { hs256Signer } from '../auth/tokens';
import type { ProcessRouteOptions } from '../shared/process-options';
import authRoutes from './auth-routes';
import meRoutes from './me-routes';

/** Consumer accounts (§7.2): sign-up, login, one's own data and consents. */
const accounts: FastifyPluginAsync<ProcessRouteOptions> = async (app, { config, cipher }) => {
  await app.register(authRoutes, { cipher, signer: hs256Signer(config.AUTH_JWT_SECRET) });
  await app.register(meRoutes, { cipher });
};
export default accounts;
