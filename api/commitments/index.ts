import type { FastifyPluginAsync } from 'fastify';
import serviceCalendarRoutes from './calendar-routes';
import serviceCommitmentRoutes from './routes';

/** The published promise (§4.7, §4.8): the commitments and the holiday years they count on. */
const commitments: FastifyPluginAsync = async (app) => {
  await app.register(serviceCommitmentRoutes);
  await app.register(serviceCalendarRoutes);
};
export default commitments;
