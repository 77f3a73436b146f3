import { patched, proxyActivities } from '@temporalio/workflow';
import type { createComplaintActivities } from '../../activities/complaints/complaint-activities';
import type { ComplaintStatus } from '../../domain/complaints';
import { QUICK_LOCAL_ACTIVITY } from '../shared/activity-options';
import {
  hasBusinessStatus,
  labelActivities,
  RETURN_COMPLAINT_VISIBILITY_PATCH,
  showBusinessStatus,
} from '../shared/visibility';
import type { ComplaintEscalationInput } from './complaint-escalation.definitions';
import { recoveryClaimStartMetadata } from './complaint-escalation.metadata';

// Activity profiles and small helpers shared by the complaint workflow and its decisions.

export type ComplaintActivities = ReturnType<typeof createComplaintActivities>;

/** What each step does, as the Temporal UI's timeline shows it (ids only in the payloads). */
const labels: { [K in keyof ComplaintActivities]?: string } = {
  planComplaintDeadlines: 'response deadlines from the commitments in force at filing',
  recordComplaintStep: 'record the complaint’s step and status',
  recordComplaintResponse: 'record a response to the complaint',
  recordComplaintBreach: 'record an SLA breach',
  planReopenWindow: 'follow-up window after resolution (§5.7)',
  payComplaintCompensation: 'pay the compensation to the consumer (one idempotency key)',
  openComplaintStaffTask: 'open a staff task: payout refused',
  createReturnForComplaint: 'make the return of the accepted remedy',
  complaintReturnStatus: 'read how the remedy’s return stands',
  sendComplaintMail: 'send a complaint mail',
};

/** Database and mail: quick, retried until they work. */
export const local = labelActivities(proxyActivities<ComplaintActivities>(QUICK_LOCAL_ACTIVITY), labels);

/** Money to the consumer: retried until it succeeds (same key every time); a refusal for good goes to staff. */
export const money = labelActivities(
  proxyActivities<ComplaintActivities>({
    startToCloseTimeout: '30 seconds',
    retry: {
      initialInterval: '2 seconds',
      maximumInterval: '5 minutes',
      nonRetryableErrorTypes: ['PaymentRequestRejected'],
    },
  }),
  labels,
);

/** Keeps BusinessStatus in step where the API registered it (the time-skipping server knows none). */
export const showStatus: (status: ComplaintStatus) => void = showBusinessStatus;

/**
 * The recovery claim's summary, details and search attributes (behind a patch: claims of
 * running complaints start as before); the attributes only where the complaint has them.
 */
export function recoveryClaimChildMetadata(input: ComplaintEscalationInput, partyId: string, amount: number) {
  if (!patched(RETURN_COMPLAINT_VISIBILITY_PATCH)) return {};
  const { typedSearchAttributes, ...metadata } = recoveryClaimStartMetadata({
    ...input,
    party: input.party === 'carrier' ? 'carrier' : 'merchant',
    partyId,
    amount,
  });
  return { ...metadata, ...(hasBusinessStatus() ? { typedSearchAttributes } : {}) };
}
