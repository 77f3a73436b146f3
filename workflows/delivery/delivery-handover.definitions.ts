import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { OrderStatus } from '../../domain/order-status';
import { TASK_QUEUES } from '../shared/task-queues';

/**
 * What starts the handover process: ids only (no personal data in workflow history).
 * The order workflow starts it as a child once the order is confirmed:
 *   startChild(DELIVERY_HANDOVER_WORKFLOW, { workflowId: handoverWorkflowId(orderId),
 *     taskQueue: DELIVERY_HANDOVER_TASK_QUEUE, args: [{ orderId, merchantId, confirmedAt }],
 *     parentClosePolicy: ParentClosePolicy.ABANDON })
 */
export interface DeliveryHandoverInput {
  orderId: string;
  merchantId: string;
  /** ISO instant of the confirmation: the handover deadline counts from here (§6.2.2). Default: the workflow's start. */
  confirmedAt?: string;
  /**
   * Set when this handover ships the replacement of an exchange (T/QGCML 3125 §6.4): the
   * slip, shipment and timeline entries are the return's, the order's status stays as it is.
   */
  returnId?: string;
}

export const DELIVERY_HANDOVER_WORKFLOW = 'deliveryHandoverWorkflow';
export const DELIVERY_HANDOVER_TASK_QUEUE = TASK_QUEUES.commerce;

/** One process per order: the business key is the workflow id. */
export function handoverWorkflowId(orderId: string): string {
  return `handover:${orderId}`;
}

/** The handover shipping an exchange's replacement: one per return, beside the order's own. */
export function replacementHandoverWorkflowId(returnId: string): string {
  return `handover:return:${returnId}`;
}

/** Which handover process a slip belongs to: the order's, or a return's replacement. */
export function handoverWorkflowIdOfSlip(slip: { orderId: string; returnId: string | null }): string {
  return slip.returnId ? replacementHandoverWorkflowId(slip.returnId) : handoverWorkflowId(slip.orderId);
}

export type HandoverPhase =
  'awaiting_handover' | 'booking' | 'in_delivery' | 'awaiting_cod_remittance' | 'completed' | 'returned_to_merchant';

export interface DeliveryHandoverState {
  phase: HandoverPhase;
  orderStatus: OrderStatus;
  slipId?: string;
  /** The carrier the slip names (known once the merchant drafted it). */
  carrierId?: string;
  merchantSigned: boolean;
  carrierSigned: boolean;
  handoverBy?: string;
  shipmentId?: string;
  handedOverAt?: string;
  deliverBy?: string;
  deliveredAt?: string;
  codAmount?: number;
  codRemitted: number;
  codRemitBy?: string;
  deliveryAttempts: number;
  /** Obligations missed so far, each with the party charged. */
  breaches: Array<{
    obligation: 'handover' | 'delivery' | 'cod_remittance';
    party: 'merchant' | 'carrier';
    dueAt: string;
  }>;
  /** Carrier event ids applied, in order (duplicates are dropped). */
  appliedEvents: string[];
}

export interface DeliveryHandoverResult {
  orderId: string;
  outcome: 'completed' | 'returned_to_merchant';
}

/** The slip was drafted or signed: the workflow re-reads it (a missed signal is caught at start). */
export const handoverSlipChangedSignal = defineSignal<[{ slipId: string }]>('handoverSlipChanged');

/** A verified carrier webhook (api/routes/logistics-webhooks.ts); amounts in minor units. */
export interface LogisticsEventInput {
  eventId: string;
  type: 'picked_up' | 'in_transit' | 'delivered' | 'delivery_failed' | 'cod_remitted';
  shipmentId: string;
  occurredAt: string;
  amount: number | null;
}
export const logisticsEventSignal = defineSignal<[LogisticsEventInput]>('logisticsEvent');

export const deliveryHandoverStateQuery = defineQuery<DeliveryHandoverState>('deliveryHandoverState');
