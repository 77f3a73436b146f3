import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { createStackProbeActivities } from '../../activities/ops/stack-probe-activities';
import type { StackProbeInput, StackProbeResult } from './stack-probe.definitions';
import { labelActivities } from '../shared/visibility';

const { recordStackProbe } = labelActivities(
  proxyActivities<ReturnType<typeof createStackProbeActivities>>({
    startToCloseTimeout: '10 seconds',
    retry: { maximumAttempts: 3 },
  }),
  { recordStackProbe: 'write the probe row to Postgres' },
);

/**
 * A synthetic round trip through the stack: the worker polling this task queue runs an
 * activity that writes to Postgres. Ops use it to prove the processes can run at all.
 */
export async function stackProbeWorkflow(input: StackProbeInput): Promise<StackProbeResult> {
  const { workflowId, taskQueue } = workflowInfo();
  return recordStackProbe({ workflowId, taskQueue, requestedAt: input.requestedAt });
}
