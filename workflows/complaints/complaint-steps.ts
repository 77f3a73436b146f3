import { proxyActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import type { createComplaintActivities } from '../../activities/complaints/complaint-activities';
import type { ComplaintStatus } from '../../domain/complaints';
import { searchAttributes } from '../shared/search-attributes';

// Activity profiles and small helpers shared by the complaint workflow and its decisions.

export type ComplaintActivities = ReturnType<typeof createComplaintActivities>;

/** Database and mail: quick, retried until they work. */
export const local = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** Money to the consumer: retried until it succeeds (same key every time); a refusal for good goes to staff. */
export const money = proxyActivities<ComplaintActivities>({
  startToCloseTimeout: '30 seconds',
  retry: {
    initialInterval: '2 seconds',
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: ['PaymentRequestRejected'],
  },
});

/** Keeps BusinessStatus in step where the API registered it (the time-skipping server knows none). */
export function showStatus(status: ComplaintStatus): void {
  if (workflowInfo().typedSearchAttributes.get(searchAttributes.businessStatus) === undefined) return;
  upsertSearchAttributes([{ key: searchAttributes.businessStatus, value: status }]);
}
