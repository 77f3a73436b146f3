import type { FastifyPluginAsync } from 'fastify';
import type { ProcessRouteOptions } from '../shared/process-options';
import carrierRoutes from './carrier-routes';
import merchantRoutes from './merchant-routes';
import productRoutes from './product-routes';

/** The catalogue (§4.4, §5.4): merchants with their qualifications, carriers, products. */
const catalog: FastifyPluginAsync<ProcessRouteOptions> = async (app) => {
  await app.register(merchantRoutes);
  await app.register(carrierRoutes);
  await app.register(productRoutes);
};
export default catalog;
