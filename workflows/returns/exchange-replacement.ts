import { executeChild, workflowInfo } from '@temporalio/workflow';
import type { createReturnActivities } from '../../activities/returns/return-activities';
import type { ReturnMailInput } from '../../activities/returns/return-mail';
import { DELIVERY_HANDOVER_WORKFLOW } from '../delivery/delivery-handover.definitions';
import { handoverStartMetadata } from '../delivery/delivery-handover.metadata';
import type { ReturnRefundInput, ReturnRefundState } from './return-refund.definitions';

type ReturnActivities = ReturnType<typeof createReturnActivities>;

/** Executions that passed inspection before exchanges existed replay without this branch. */
export const RETURN_EXCHANGE_PATCH = 'return-exchange';

export interface ReplacementSteps {
  local: Pick<ReturnActivities, 'reserveReplacement' | 'recordReplacementOutcome'>;
  notify(mail: ReturnMailInput): Promise<void>;
}

/**
 * The replacement of an exchange (T/QGCML 3125 §6.4; §4.8, §5.7): stock reserved in one
 * transaction, then shipped through a new delivery handover, the same process and signed
 * slip as an order's delivery, run as a child on this process's queue. True when it was
 * delivered; false when it is out of stock or came back undelivered, and the consumer has
 * been told that a refund of the accepted value follows instead.
 */
export async function shipReplacement(
  input: ReturnRefundInput,
  state: ReturnRefundState,
  { local, notify }: ReplacementSteps,
): Promise<boolean> {
  const { returnId, orderId, merchantId } = input;
  const reservation = await local.reserveReplacement({ returnId });
  if (!reservation.reserved || !reservation.handoverWorkflowId) {
    state.replacement = { outcome: 'out_of_stock' };
    await notify({ returnId, purpose: 'return_exchange_unavailable_consumer' });
    return false;
  }
  state.replacement = { handoverId: reservation.handoverWorkflowId, outcome: 'shipping' };
  const handover = await executeChild(DELIVERY_HANDOVER_WORKFLOW, {
    workflowId: reservation.handoverWorkflowId,
    // The handover's own queue is commerce, as is this process's; in tests both share one.
    taskQueue: workflowInfo().taskQueue,
    args: [{ orderId, merchantId, confirmedAt: new Date().toISOString(), returnId }],
    ...handoverStartMetadata(orderId, merchantId),
  });
  const outcome = handover.outcome === 'completed' ? 'delivered' : 'returned_to_merchant';
  await local.recordReplacementOutcome({ returnId, outcome });
  state.replacement = { ...state.replacement, outcome };
  if (outcome === 'delivered') {
    await notify({ returnId, purpose: 'return_exchanged_consumer' });
    return true;
  }
  await notify({ returnId, purpose: 'return_exchange_unavailable_consumer' });
  return false;
}
