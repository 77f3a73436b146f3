import type { FastifyPluginAsync } from 'fastify';
import reportRoutes from './routes';

/** The analysis interface GET /reports/* (T/QGCML 3125 §8.7); /reports/sla lives with delivery supervision. */
const reports: FastifyPluginAsync = async (app) => {
  await app.register(reportRoutes);
};

export default reports;
