import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Client,
} from '@temporalio/client';
import type { Order } from '../../db/entities/order.entity';
import { formatMoney, money } from '../../domain/money';
import { ORDER_CONFIRMATION_WORKFLOW, orderWorkflowId } from '../../workflows/order/order-confirmation.definitions';
import type { orderConfirmationWorkflow } from '../../workflows/order/order-confirmation';
import { businessKeyAttributes, searchAttributes } from '../../workflows/shared/search-attributes';
import { TASK_QUEUES } from '../../workflows/shared/task-queues';

/**
 * Starts the order's confirmation process, or finds it running or ended: the workflow id
 * is the order id, so a replayed request never starts a second one. Called by `POST
 * /orders` after its commit, and by the unstarted-order sweep for orders whose API died
 * between the commit and this call. Resolves to `existed` when the order's process had
 * already ended, `started` otherwise (started now, or found running).
 */
export async function startOrderProcess(temporal: Client, order: Order): Promise<'started' | 'existed'> {
  try {
    await startOnce(temporal, order);
    return 'started';
  } catch (error) {
    // Ended already (a replay of the request days later): that process was the order's one.
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'existed';
    throw error;
  }
}

async function startOnce(temporal: Client, order: Order): Promise<void> {
  await temporal.workflow.start<typeof orderConfirmationWorkflow>(ORDER_CONFIRMATION_WORKFLOW, {
    workflowId: orderWorkflowId(order.id),
    taskQueue: TASK_QUEUES.commerce,
    args: [{ orderId: order.id, merchantId: order.merchantId, placedAt: order.createdAt.toISOString() }],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    // An order's process runs once: one that has ended (decided, cancelled, or ended by
    // staff) is never started again, whoever asks (a replayed request, the sweep).
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
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
