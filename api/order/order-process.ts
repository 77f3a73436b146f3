import type { Client, WorkflowHandle } from '@temporalio/client';
import type { Order } from '../../db/entities/order.entity';
import {
  ORDER_ALREADY_DECIDED,
  orderWorkflowId,
  type OrderDecisionOutcome,
} from '../../workflows/order/order-confirmation.definitions';
import type { orderConfirmationWorkflow } from '../../workflows/order/order-confirmation';
import { startOrderProcess } from '../../activities/order/order-process-start';
import { messageProcess } from '../shared/process-messages';

/**
 * Sends a decision to the order's process and answers with what it led to (the update
 * waits for the outcome: captured, or cancelled and released). A decision on an order
 * already decided, or whose process has ended, is a 409 naming the order's status. An
 * order whose process never ran (its start lost after the commit; the unstarted-process
 * sweep would start it within a minute) has it started first, as the sweep would.
 */
export async function decideOrder(
  temporal: Client,
  order: Order,
  send: (handle: WorkflowHandle<typeof orderConfirmationWorkflow>) => Promise<OrderDecisionOutcome>,
): Promise<OrderDecisionOutcome> {
  // The sweep's own rule (activities/order/unstarted-orders.ts): only an order still awaiting confirmation.
  if (!order.processStartedAt && order.status === 'awaiting_confirmation') await startOrderProcess(temporal, order);
  return messageProcess(
    () => send(temporal.workflow.getHandle(orderWorkflowId(order.id))),
    [ORDER_ALREADY_DECIDED],
    () => `order ${order.id} is ${order.status}${order.cancelReason ? ` (${order.cancelReason})` : ''}`,
  );
}
