import { complaintWorkflowId } from '../../workflows/complaints/complaint-escalation.definitions';
import { handoverWorkflowId } from '../../workflows/delivery/delivery-handover.definitions';
import { orderWorkflowId } from '../../workflows/order/order-confirmation.definitions';
import { returnWorkflowId } from '../../workflows/returns/return-refund.definitions';

/**
 * The process a breach belongs to, so staff open it in the Temporal UI from the scorecard
 * (T/QGCML 3125 §4.3): the order's confirmation; its handover (handover, delivery, COD);
 * the return (approval, shipment, inspection, refund); or the complaint (responses).
 */
export function breachWorkflowId(obligation: string, subjectId: string): string {
  if (obligation === 'order_confirmation') return orderWorkflowId(subjectId);
  if (obligation.startsWith('return_') || obligation === 'refund') return returnWorkflowId(subjectId);
  if (obligation.startsWith('complaint_')) return complaintWorkflowId(subjectId);
  return handoverWorkflowId(subjectId);
}
