import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CancelReason, OrderStatus } from '../../domain/order-status';

/** The workflow type name the API, the sweep and the worker use (workflows/index.ts exports the function). */
export const ORDER_CONFIRMATION_WORKFLOW = 'orderConfirmationWorkflow';

/** Ids, not personal data: everything else is read by activities (docs/architecture.md "Data and security"). */
export interface OrderConfirmationInput {
  orderId: string;
  merchantId: string;
  /** ISO instant the consumer placed the order: deadlines count from here (§4.7). */
  placedAt: string;
}

export interface OrderConfirmationResult {
  orderId: string;
  status: Extract<OrderStatus, 'confirmed' | 'cancelled'>;
  cancelReason?: CancelReason;
}

export interface OrderConfirmationState {
  status: OrderStatus;
  cancelReason?: CancelReason;
  confirmBy?: string;
  commitmentVersion?: number;
  reminderSent: boolean;
}

/** What a decision led to, answered to the merchant or consumer who made it. */
export interface OrderDecisionOutcome {
  status: OrderStatus;
  cancelReason?: CancelReason;
}

export interface DecisionInput {
  /** The principal's subject, for the timeline. */
  by: string;
}

export const confirmOrderUpdate = defineUpdate<OrderDecisionOutcome, [DecisionInput]>('confirmOrder');
export const rejectOrderUpdate = defineUpdate<OrderDecisionOutcome, [DecisionInput & { reason: string }]>(
  'rejectOrder',
);
export const cancelOrderUpdate = defineUpdate<OrderDecisionOutcome, [DecisionInput]>('cancelOrder');
export const orderStateQuery = defineQuery<OrderConfirmationState>('orderState');

/** The business key is the workflow id, so a retried request can never start a second process. */
export function orderWorkflowId(orderId: string): string {
  return `order:${orderId}`;
}

/** Raised by a decision's validator when the order is no longer awaiting confirmation. */
export const ORDER_ALREADY_DECIDED = 'OrderAlreadyDecided';
