import { ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import { upsertSchedule } from '../temporal/schedules';
import {
  HANDOVER_RECONCILIATION_SCHEDULE_ID,
  HANDOVER_RECONCILIATION_WORKFLOW,
} from '../workflows/delivery/handover-reconciliation.definitions';
import {
  PAYMENT_RECONCILIATION_SCHEDULE_ID,
  PAYMENT_RECONCILIATION_WORKFLOW,
} from '../workflows/payments/payment-reconciliation.definitions';
import {
  UNSTARTED_PROCESS_SWEEP_SCHEDULE_ID,
  UNSTARTED_PROCESS_SWEEP_WORKFLOW,
} from '../workflows/shared/unstarted-process-sweep.definitions';
import { searchAttributes } from '../workflows/shared/search-attributes';
import { TASK_QUEUES } from '../workflows/shared/task-queues';

/**
 * The commerce queue's reconciliations, each started once a day at its Beijing-time hour for
 * what came before. One table, so a new daily process is one row.
 */
const DAILY_RECONCILIATIONS = [
  // Payment reconciliation of the day before at 02:00 (T/QGCML 3125 §7.1).
  {
    scheduleId: PAYMENT_RECONCILIATION_SCHEDULE_ID,
    hour: 2,
    workflowType: PAYMENT_RECONCILIATION_WORKFLOW,
    workflowId: 'reconciliation:payments:scheduled',
    staticSummary: 'Payment reconciliation of the day before (T/QGCML 3125 §7.1)',
    staticDetails: 'Platform records against the provider settlement; differences mailed to staff.',
  },
  // Handover reconciliation (§6.1, §6.2.2): slips vs orders vs the carrier, at 03:00.
  {
    scheduleId: HANDOVER_RECONCILIATION_SCHEDULE_ID,
    hour: 3,
    workflowType: HANDOVER_RECONCILIATION_WORKFLOW,
    workflowId: 'reconciliation:handovers:scheduled',
    staticSummary: 'Handover slip reconciliation (T/QGCML 3125 §6.2.2)',
    staticDetails: "Slips against the merchant's orders and the carrier's shipments and remittances, 30 days back.",
  },
];

/**
 * The commerce queue's recurring processes, created or updated when its worker starts: the
 * daily reconciliations above, and the unstarted-process sweep every minute.
 */
export async function ensureCommerceSchedules(client: Client): Promise<void> {
  for (const { scheduleId, hour, ...workflow } of DAILY_RECONCILIATIONS) {
    const at = `${String(hour).padStart(2, '0')}:00`;
    await upsertSchedule(client, {
      scheduleId,
      spec: { calendars: [{ hour, minute: 0, comment: `daily at ${at}` }], timezone: 'Asia/Shanghai' },
      action: startOnCommerce(workflow),
      // A day missed while no worker ran is still reconciled once one is back.
      policies: { catchupWindow: '1 day' },
    });
  }
  // The outbox sweep of the APIs that commit, then start: orders, returns and complaints an
  // API instance committed and died before starting. Its id and workflow type are the ones it
  // had when it swept orders only, so a running worker's schedule is updated in place.
  await upsertSchedule(client, {
    scheduleId: UNSTARTED_PROCESS_SWEEP_SCHEDULE_ID,
    spec: { intervals: [{ every: '1 minute' }] },
    action: startOnCommerce({
      workflowType: UNSTARTED_PROCESS_SWEEP_WORKFLOW,
      workflowId: 'sweep:unstarted-processes',
      staticSummary:
        'Start the process of orders, returns and complaints committed without one (T/QGCML 3125 §4.7, §4.8, §6.4)',
      staticDetails: 'Orders, returns and complaints committed a minute ago or more whose process never ran.',
    }),
    // A slow run is never doubled by the next minute's: they would only start the same processes.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
  });
}

/** A schedule's start of a commerce-queue workflow that takes no input, shown running in the Web UI. */
function startOnCommerce(workflow: {
  workflowType: string;
  workflowId: string;
  staticSummary: string;
  staticDetails: string;
}) {
  return {
    type: 'startWorkflow' as const,
    ...workflow,
    taskQueue: TASK_QUEUES.commerce,
    args: [{}],
    typedSearchAttributes: [{ key: searchAttributes.businessStatus, value: 'running' }],
  };
}
