import type { FastifyPluginAsync } from 'fastify';
import type { ProcessRouteOptions } from '../shared/process-options';
import orderDecisionRoutes from './decision-routes';
import orderRoutes from './routes';

/** Orders (§4.7, §5.4): placement, reads, the merchant's and the consumer's decisions. */
const orderProcess: FastifyPluginAsync<ProcessRouteOptions> = async (app, { cipher }) => {
  await app.register(orderRoutes, { cipher });
  await app.register(orderDecisionRoutes);
};
export default orderProcess;
