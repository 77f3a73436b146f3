import type { FastifyPluginAsync } from 'fastify';
import type { ProcessRouteOptions } from '../shared/process-options';
import backupRoutes from './backup-routes';
import recoveryDrillRoutes from './drill-routes';
import stackProbeRoutes from './stack-probe-routes';

/** Ops (§8.2.3, §8.4): backups, recovery drills, and the stack probe that proves the workers run. */
const opsProcess: FastifyPluginAsync<ProcessRouteOptions> = async (app) => {
  await app.register(stackProbeRoutes);
  await app.register(backupRoutes);
  await app.register(recoveryDrillRoutes);
};
export default opsProcess;
