import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { ItemCondition, ReturnKind, ReturnStatus } from '../../domain/returns';
import type { LogisticsEventInput } from '../delivery/delivery-handover.definitions';
import { TASK_QUEUES } from '../shared/task-queues';

/**
 * What starts a return: ids only (no personal data in workflow history). The API starts it
 * when a consumer asks; a complaint workflow starts it as a remedy with
 *   startChild(RETURN_REFUND_WORKFLOW, { workflowId: returnWorkflowId(returnId),
 *     taskQueue: RETURN_REFUND_TASK_QUEUE, args: [input], parentClosePolicy: 'ABANDON' })
 * after creating the record (activities/returns/request-return.ts `requestReturn`).
 */
export interface ReturnRefundInput {
  returnId: string;
  orderId: string;
  merchantId: string;
  /** ISO instant the consumer asked: the commitments in force then bind every deadline. */
  requestedAt: string;
}

export const RETURN_REFUND_WORKFLOW = 'returnRefundWorkflow';
export const RETURN_REFUND_TASK_QUEUE = TASK_QUEUES.commerce;

/** One process per return: the business key is the workflow id. */
export function returnWorkflowId(returnId: string): string {
  return `return:${returnId}`;
}

export type ReturnObligation = 'return_approval' | 'return_shipment' | 'return_inspection' | 'refund';
export type ReturnParty = 'merchant' | 'carrier' | 'platform';

export interface ReturnRefundState {
  status: ReturnStatus;
  kind?: ReturnKind;
  approveBy?: string;
  commitmentVersion?: number;
  /** `platform` when the merchant stayed silent until approveBy (§4.8). */
  decidedBy?: string;
  shipmentId?: string;
  deliverBackBy?: string;
  merchantSigned: boolean;
  carrierSigned: boolean;
  inspectBy?: string;
  refundBy?: string;
  refundAmount?: number;
  refundAttempts: number;
  refundPendingReason?: string;
  /** An exchange's replacement: its handover process (`handover:return:<id>`) and what became of it. */
  replacement?: { handoverId?: string; outcome: 'shipping' | 'delivered' | 'returned_to_merchant' | 'out_of_stock' };
  breaches: Array<{ obligation: ReturnObligation; party: ReturnParty; dueAt: string }>;
}

export interface ReturnRefundResult {
  returnId: string;
  status: Extract<ReturnStatus, 'rejected' | 'refunded' | 'exchanged' | 'inspection_failed'>;
  refundAmount?: number;
}

/** What a decision or inspection led to, answered to the merchant who sent it. */
export interface ReturnDecisionOutcome {
  status: ReturnStatus;
}

export interface ApproveReturnInput {
  by: string;
  returnAddress?: string;
  note?: string;
}
export interface RejectReturnInput {
  by: string;
  reason: string;
}
export interface InspectionLineInput {
  productId: string;
  received: number;
  accepted: number;
  condition: ItemCondition;
  note?: string;
}
export interface InspectReturnInput {
  by: string;
  lines: InspectionLineInput[];
}

/**
 * The steps a return's workflow accepts, one object that the workflow's handlers, the API
 * routes and the tests all use. The update and signal names are those of running executions
 * and recorded histories: never rename them.
 */
export const returnUpdates = {
  approve: defineUpdate<ReturnDecisionOutcome, [ApproveReturnInput]>('approveReturn'),
  reject: defineUpdate<ReturnDecisionOutcome, [RejectReturnInput]>('rejectReturn'),
  inspect: defineUpdate<ReturnDecisionOutcome, [InspectReturnInput]>('inspectReturn'),
};

export const returnSignals = {
  /** The return slip was signed: the workflow re-reads it (a missed signal is caught by the next read). */
  slipChanged: defineSignal<[{ returnId: string }]>('returnSlipChanged'),
  /** A verified carrier webhook about the return shipment (the same shape as delivery's). */
  shipmentEvent: defineSignal<[LogisticsEventInput]>('returnShipmentEvent'),
};

export const returnStateQuery = defineQuery<ReturnRefundState>('returnState');

/** Raised by a validator when the return is past the step the message belongs to (the API's 409). */
export const RETURN_STEP_CLOSED = 'ReturnStepClosed';
