import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { createUnstartedProcessSweepActivities } from '../../../activities/shared/unstarted-process-sweep';
import {
  UNSTARTED_PROCESS_SWEEP_WORKFLOW,
  type UnstartedProcessSweepResult,
} from '../../../workflows/shared/unstarted-process-sweep.definitions';
import { recordHistory } from '../../helpers/histories';
import { createTimeSkippingEnv, runOnWorker } from '../../helpers/workflow-env';

type Activities = ReturnType<typeof createUnstartedProcessSweepActivities>;
type SweepInput = Parameters<Activities['startUnstartedProcesses']>[0];

// The sweep's own logic is small: one activity does the finding and starting (its
// integration test runs it on the real stack). Here: what the schedule's run asks for, and
// that it runs under the workflow type the existing schedule names.
describe('the unstarted-process sweep workflow', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('asks for orders, returns and complaints committed a minute ago or more, 200 of each, and answers the counts', async () => {
    const asked: SweepInput[] = [];
    const counts: UnstartedProcessSweepResult = {
      found: 3,
      started: 2,
      failed: 0,
      byProcess: {
        order: { found: 1, started: 1, failed: 0 },
        return: { found: 1, started: 1, failed: 0 },
        complaint: { found: 1, started: 0, failed: 0 },
      },
      failedWorkflowIds: [],
    };
    const activities: Partial<Activities> = {
      async startUnstartedProcesses(input) {
        asked.push(input);
        return counts;
      },
    };
    const taskQueue = 'unstarted-process-sweep-test';
    const result = await runOnWorker(env, taskQueue, activities, async () => {
      // Started by the type name the schedule uses (kept from the order-only sweep), with the schedule's `{}`.
      const handle = await env.client.workflow.start(UNSTARTED_PROCESS_SWEEP_WORKFLOW, {
        workflowId: 'sweep:unstarted-processes:test',
        taskQueue,
        args: [{}],
      });
      const answered = (await handle.result()) as UnstartedProcessSweepResult;
      await recordHistory(handle, 'unstarted-process-sweep');
      return answered;
    });
    expect(asked).toEqual([{ olderThanSeconds: 60, limit: 200 }]);
    expect(result).toEqual(counts);
  });
});
