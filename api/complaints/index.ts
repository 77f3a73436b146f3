import type { FastifyPluginAsync } from 'fastify';
import type { ProcessRouteOptions } from '../shared/process-options';
import complaintDecisionRoutes from './decision-routes';
import complaintRoutes from './complaint-routes';
import recoveryReportRoutes from './recovery-report';
import recoveryRoutes from './recovery-routes';

/** Complaints (§4.7, §4.8, §5.7, §6.1): filing, thread, decisions, recovery claims and their report. */
const complaintsProcess: FastifyPluginAsync<ProcessRouteOptions> = async (app, { config }) => {
  const approvalThreshold = config.ADVANCE_COMPENSATION_APPROVAL_THRESHOLD;
  await app.register(complaintRoutes, { approvalThreshold });
  await app.register(complaintDecisionRoutes, { approvalThreshold });
  await app.register(recoveryRoutes);
  await app.register(recoveryReportRoutes);
};
export default complaintsProcess;
