import { patched, proxyActivities } from '@temporalio/workflow';
import type { createUnstartedProcessSweepActivities } from '../../activities/shared/unstarted-process-sweep';
import { labelActivities, showBusinessAttributes } from './visibility';
import type { UnstartedProcessSweepInput, UnstartedProcessSweepResult } from './unstarted-process-sweep.definitions';

/** Runs recorded before the sweep served returns and complaints scheduled the order-only activity name. */
const ALL_PROCESSES_SWEEP_PATCH = 'unstarted-process-sweep';

const activities = labelActivities(
  proxyActivities<ReturnType<typeof createUnstartedProcessSweepActivities>>({
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
  }),
  {
    startUnstartedProcesses: 'start the process of orders, returns and complaints committed without one',
    startUnstartedOrderProcesses: 'start the process of records committed without one (name of old runs)',
  },
);

/**
 * The outbox sweep of the APIs that commit a record, then start its process (`POST /orders`,
 * `POST /orders/:id/returns`, `POST /complaints`): an API instance killed between the two
 * leaves a record no process watches — an order with stock held and no confirmation deadline
 * kept (§4.7, §5.3), a return whose merchant is never asked (§6.4), a complaint nobody must
 * answer (§4.7, §4.8). This run, every minute, starts those processes through the start
 * function each API uses; a running or ended process is never started twice.
 */
export async function unstartedProcessSweepWorkflow(
  input: UnstartedProcessSweepInput = {},
): Promise<UnstartedProcessSweepResult> {
  const sweep = patched(ALL_PROCESSES_SWEEP_PATCH)
    ? activities.startUnstartedProcesses
    : activities.startUnstartedOrderProcesses;
  const result = await sweep({ olderThanSeconds: input.olderThanSeconds ?? 60, limit: input.limit ?? 200 });
  // Runs recorded before failures were counted have none (undefined > 0 is false).
  const businessStatus = result.failed > 0 ? 'start_failed' : result.started > 0 ? 'started_missing' : 'none_missing';
  showBusinessAttributes({ businessStatus });
  return result;
}
