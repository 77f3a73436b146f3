import { proxyActivities } from '@temporalio/workflow';
import type { createReturnActivities } from '../../activities/returns/return-activities';
import type { ReturnStatus } from '../../domain/returns';
import { CARRIER_ACTIVITY, QUICK_LOCAL_ACTIVITY } from '../shared/activity-options';
import { labelActivities, showBusinessStatus } from '../shared/visibility';

// Activity profiles of the returnRefund workflow, each activity labelled for the Temporal UI.

export type ReturnActivities = ReturnType<typeof createReturnActivities>;

/** What each step does, as the Temporal UI's timeline shows it (ids only in the payloads). */
const labels: { [K in keyof ReturnActivities]?: string } = {
  planReturn: 'read the return and its decision deadline',
  recordReturnDecision: 'record the merchant’s (or the platform’s) decision',
  bookReturnShipment: 'book the return shipment with the order’s carrier',
  returnDeadline: 'deadline of the next step from the commitments',
  recordReturnShipmentEvent: 'apply a carrier tracking event of the return',
  returnSlipStatus: 'read the return slip and its signatures',
  recordReturnReceived: 'record the goods back with the merchant',
  recordInspection: 'record the inspection line by line',
  fixReturnRefund: 'fix the refund amount (goods + delivery fee when due)',
  refundReturn: 'refund through the payment provider (one idempotency key)',
  markRefundPending: 'flag the refund pending for staff',
  recordReturnStatus: 'record the return’s status',
  recordReturnBreach: 'record an SLA breach',
  sendReturnMail: 'send a return mail',
};

/** Database and mail: quick, retried until they work. */
export const local = labelActivities(proxyActivities<ReturnActivities>(QUICK_LOCAL_ACTIVITY), labels);

/** The carrier's API: idempotent on the key, so retrying for a while is safe. */
export const carrier = labelActivities(proxyActivities<ReturnActivities>(CARRIER_ACTIVITY), labels);

/** The refund: a few quick retries per round; refundUntilDone keeps starting new rounds. */
export const money = labelActivities(
  proxyActivities<ReturnActivities>({
    startToCloseTimeout: '30 seconds',
    retry: {
      initialInterval: '2 seconds',
      maximumInterval: '1 minute',
      maximumAttempts: 5,
      nonRetryableErrorTypes: ['PaymentRequestRejected', 'NoRefundAmount', 'NoCapture'],
    },
  }),
  labels,
);

/** Keeps BusinessStatus in step where the search attribute is registered (not on the time-skipping server). */
export const showStatus: (status: ReturnStatus) => void = showBusinessStatus;
