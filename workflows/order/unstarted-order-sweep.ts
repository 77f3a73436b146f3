import { proxyActivities } from '@temporalio/workflow';
import type { createUnstartedOrderActivities } from '../../activities/order/unstarted-order-activities';
import { labelActivities, showBusinessAttributes } from '../shared/visibility';
import type { UnstartedOrderSweepInput, UnstartedOrderSweepResult } from './unstarted-order-sweep.definitions';

const activities = labelActivities(
  proxyActivities<ReturnType<typeof createUnstartedOrderActivities>>({
    startToCloseTimeout: '2 minutes',
    retry: { initialInterval: '5 seconds', maximumInterval: '1 minute', maximumAttempts: 5 },
  }),
  { startUnstartedOrderProcesses: 'start the process of orders committed without one' },
);

/**
 * The outbox sweep of `POST /orders`: the API commits an order, then starts its process.
 * An API instance killed between the two leaves an order no process watches (no payment
 * authorised, no confirmation deadline kept, stock held: §4.7, §5.3). This run, every
 * minute, starts those processes; a running or ended one is never started twice.
 */
export async function unstartedOrderSweepWorkflow(
  input: UnstartedOrderSweepInput = {},
): Promise<UnstartedOrderSweepResult> {
  const result = await activities.startUnstartedOrderProcesses({
    olderThanSeconds: input.olderThanSeconds ?? 60,
    limit: input.limit ?? 200,
  });
  showBusinessAttributes({ businessStatus: result.started > 0 ? 'started_missing' : 'none_missing' });
  return result;
}
