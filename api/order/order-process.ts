import { WorkflowIdConflictPolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import type { Order } from '../../db/entities/order.entity';
import { formatMoney, money } from '../../domain/money';
import {
  ORDER_ALREADY_DECIDED,
  orderWorkflowId,
  type OrderDecisionOutcome,
} from '../../workflows/order/order-confirmation.definitions';
import { searchAttributes } from '../../workflows/shared/search-attributes';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';
import type { orderConfirmationWorkflow } from '../../workflows/order/order-confirmation';
import { businessKeyAttributes, messageProcess } from '../shared/process-messages';

/**
 * Starts the order's confirmation process, or finds it running: the workflow id is the
 * order id, so a replayed request never starts a second one.
 */
export async function startOrderProcess(temporal: Client, order: Order): Promise<void> {
  await temporal.workflow.start<typeof orderConfirmationWorkflow>('orderConfirmationWorkflow', {
    workflowId: orderWorkflowId(order.id),
    taskQueue: TASK_QUEUES.commerce,
    args: [{ orderId: order.id, merchantId: order.merchantId, placedAt: order.createdAt.toISOString() }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: [
      ...businessKeyAttributes({ orderId: order.id, merchantId: order.merchantId, status: order.status }),
      ...(order.confirmBy ? [{ key: searchAttributes.dueAt, value: order.confirmBy }] : []),
    ],
    ...orderStartMetadata(order),
  });
}

/** What the Temporal UI shows of the order at a glance: ids, amounts, the deadline; no personal data. */
export function orderStartMetadata(order: Order): { staticSummary: string; staticDetails: string } {
  const amount = (value: number) => formatMoney(money(value, order.currency));
  const confirmBy = order.confirmBy?.toISOString() ?? 'from the commitments in force';
  return {
    staticSummary: `Order ${order.id}: ${amount(order.totalAmount())}, confirm by ${confirmBy}`,
    staticDetails: [
      `Order: ${order.id}`,
      `Merchant: ${order.merchantId}`,
      `Goods: ${amount(order.goodsAmount)} · delivery fee: ${amount(order.deliveryFee)} (§5.4)`,
      `Merchant confirms by: ${confirmBy} (T/QGCML 3125 §4.7, commitments v${order.commitmentVersion ?? '?'})`,
      `Payment method: ${order.paymentMethod}`,
    ].join('\n'),
  };
}

/**
 * Sends a decision to the order's process and answers with what it led to (the update
 * waits for the outcome: captured, or cancelled and released). A decision on an order
 * already decided, or whose process has ended, is a 409 naming the order's status.
 */
export async function decideOrder(
  temporal: Client,
  order: Order,
  send: (handle: WorkflowHandle<typeof orderConfirmationWorkflow>) => Promise<OrderDecisionOutcome>,
): Promise<OrderDecisionOutcome> {
  return messageProcess(
    () => send(temporal.workflow.getHandle(orderWorkflowId(order.id))),
    [ORDER_ALREADY_DECIDED],
    () => `order ${order.id} is ${order.status}${order.cancelReason ? ` (${order.cancelReason})` : ''}`,
  );
}
