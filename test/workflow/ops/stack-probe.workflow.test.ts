import type { createStackProbeActivities } from '../../../activities/ops/stack-probe-activities';
import type { StackProbeResult } from '../../../workflows/ops/stack-probe.definitions';
import { stackProbeWorkflow } from '../../../workflows/ops/stack-probe';
import { useTimeSkippingEnv, runOnWorker } from '../../helpers/workflow-env';

type Activities = ReturnType<typeof createStackProbeActivities>;

describe('stackProbeWorkflow (time-skipping server)', () => {
  const env = useTimeSkippingEnv();

  it('records the probe once through its activity, retrying a failed attempt', async () => {
    const calls: Array<{ workflowId: string; taskQueue: string }> = [];
    const activities: Activities = {
      async recordStackProbe(input) {
        calls.push(input);
        if (calls.length === 1) throw new Error('database briefly unavailable');
        const result: StackProbeResult = {
          workflowId: input.workflowId,
          taskQueue: input.taskQueue,
          workerIdentity: 'test-worker',
          recordedAt: input.requestedAt,
        };
        return result;
      },
    };
    const result = await runOnWorker(env(), 'probe-test', activities, () =>
      env().client.workflow.execute(stackProbeWorkflow, {
        workflowId: 'probe:p-1:commerce',
        taskQueue: 'probe-test',
        args: [{ requestedAt: '2026-11-24T10:00:00.000Z' }],
      }),
    );

    expect(result).toEqual({
      workflowId: 'probe:p-1:commerce',
      taskQueue: 'probe-test',
      workerIdentity: 'test-worker',
      recordedAt: '2026-11-24T10:00:00.000Z',
    });
    expect(calls).toHaveLength(2);
  });
});
