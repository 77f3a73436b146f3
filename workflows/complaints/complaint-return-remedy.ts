import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  ActivityFailure,
  ApplicationFailure,
  ChildWorkflowFailure,
  patched,
  sleep,
  startChild,
  WorkflowIdReusePolicy,
} from '@temporalio/workflow';
import type { ComplaintReturn } from '../../activities/complaints/complaint-return-activities';
import { formatMoney, money, type Currency } from '../../domain/money';
import type { ComplaintProcess } from './complaint-decisions';
import { local } from './complaint-steps';
import {
  RETURN_REFUND_TASK_QUEUE,
  RETURN_REFUND_WORKFLOW,
  returnWorkflowId,
  type ReturnRefundResult,
} from '../returns/return-refund.definitions';
import type { returnRefundWorkflow } from '../returns/return-refund';
import { returnStartMetadata } from '../returns/return-refund.metadata';
import { hasBusinessStatus, RETURN_COMPLAINT_VISIBILITY_PATCH } from '../shared/visibility';
import { searchAttributes } from '../shared/search-attributes';

/**
 * Complaints that accepted an exchange before the returns process shipped replacements made
 * a plain return (refunded) and said so in the thread; they replay that path.
 */
export const COMPLAINT_EXCHANGE_SHIPS_REPLACEMENT_PATCH = 'complaint-exchange-ships-replacement';

/** How often a complaint that found its return's process already running looks at the return. */
const RUNNING_RETURN_POLL = '10 minutes';

/** The consumer accepted a return or exchange: who accepted, and in which round of the complaint. */
export interface AcceptedReturn {
  remedy: 'return' | 'exchange';
  by: string;
  round: number;
}

/** The complaint's resolution summary, naming how its return ended (§5.7 result tracking). */
export function returnOutcomeSummary(result: ReturnRefundResult, currency: string): string {
  const which = `return ${result.returnId}`;
  switch (result.status) {
    case 'refunded':
      return `${which} refunded ${formatMoney(money(result.refundAmount ?? 0, currency as Currency))}`;
    case 'rejected':
      return `${which} rejected by the merchant`;
    case 'inspection_failed':
      return `${which} inspection_failed: nothing was accepted`;
    case 'exchanged':
      return `${which} exchanged`;
  }
}

/**
 * What the Temporal UI shows of the return: its summary and details, and the search
 * attributes the API gives a return it starts (with ReturnId, ComplaintId and DueAt, behind
 * a patch), when this server knows them.
 */
function childStartMetadata(made: ComplaintReturn, complaintId: string, carrierId: string | null) {
  const registered = hasBusinessStatus();
  if (!patched(RETURN_COMPLAINT_VISIBILITY_PATCH))
    return { typedSearchAttributes: registered ? childSearchAttributes(made, carrierId) : [] };
  const { typedSearchAttributes, ...metadata } = returnStartMetadata({
    ...made,
    carrierId,
    complaintId,
    kind: made.kind ?? 'return',
    status: 'requested',
    approveBy: made.approveBy ?? null,
  });
  return { ...metadata, typedSearchAttributes: registered ? typedSearchAttributes : [] };
}

/** The search attributes the API gave a return it started, before ReturnId and ComplaintId. */
function childSearchAttributes(made: ComplaintReturn, carrierId: string | null) {
  return [
    { key: searchAttributes.orderId, value: made.orderId },
    { key: searchAttributes.merchantId, value: made.merchantId },
    ...(carrierId ? [{ key: searchAttributes.carrierId, value: carrierId }] : []),
    { key: searchAttributes.businessStatus, value: 'requested' },
  ];
}

/** A process that already ran (or runs) with the return's id: follow the return's record instead. */
async function outcomeOfStartedReturn(returnId: string): Promise<ReturnRefundResult> {
  for (;;) {
    const now = await local.complaintReturnStatus({ returnId });
    if (now.final)
      return {
        returnId,
        status: now.status as ReturnRefundResult['status'],
        ...(now.refundAmount !== null ? { refundAmount: now.refundAmount } : {}),
      };
    await sleep(RUNNING_RETURN_POLL, { summary: 'look again at the remedy’s running return' });
  }
}

/**
 * Carries out an accepted return or exchange (T/QGCML 3125 §4.8, §5.7; §6.4 after-sales):
 * makes the return record, starts `returnRefund` as a child that outlives the complaint if
 * need be, and resolves the complaint with the return's outcome. A return the order no
 * longer allows goes back to staff, as a declined proposal does. Runs in the workflow's
 * main flow, never in the update that accepted the proposal: the consumer is answered at once.
 */
export async function followReturnRemedy(p: ComplaintProcess, accepted: AcceptedReturn): Promise<void> {
  const { complaintId, carrierId } = p.input;
  const { remedy, by, round } = accepted;
  const backToStaff = async (step: string, why: string) => {
    await p.moveTo('escalated', `${step}:${round}`, why, { escalated: true });
    await p.notify({ complaintId, purpose: 'complaint_attention_staff', reason: 'return_not_possible', round });
  };
  // An exchange asks the returns process for one: it ships a replacement (refunding only if
  // there is none to send), as an exchange the consumer asks for directly does (§6.4).
  const asExchange = remedy === 'exchange' && patched(COMPLAINT_EXCHANGE_SHIPS_REPLACEMENT_PATCH);
  let made: ComplaintReturn;
  try {
    made = await local.createReturnForComplaint(asExchange ? { complaintId, type: 'exchange' } : { complaintId });
  } catch (error) {
    const cause = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure ? error.cause : null;
    await backToStaff('return-not-possible', `no return possible: ${cause?.message ?? String(error)}`);
    return;
  }
  p.state.returnId = made.returnId;
  if (remedy === 'exchange' && !asExchange)
    await local.recordComplaintStep({
      complaintId,
      step: `exchange-as-return:${round}`,
      event: 'exchange accepted: replacements are not offered yet, so the goods come back as a return with a refund',
    });
  await local.recordComplaintStep({
    complaintId,
    step: `return-started:${round}`,
    event: `return ${made.returnId} started for the accepted ${remedy}`,
  });

  let result: ReturnRefundResult;
  try {
    const child = await startChild<typeof returnRefundWorkflow>(RETURN_REFUND_WORKFLOW, {
      workflowId: returnWorkflowId(made.returnId),
      taskQueue: RETURN_REFUND_TASK_QUEUE,
      args: [
        { returnId: made.returnId, orderId: made.orderId, merchantId: made.merchantId, requestedAt: made.requestedAt },
      ],
      // §4.8: the return runs to its end even if the complaint closes first; one process per return.
      parentClosePolicy: 'ABANDON',
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      ...childStartMetadata(made, complaintId, carrierId),
    });
    result = await child.result();
  } catch (error) {
    if (error instanceof ChildWorkflowFailure) {
      // Terminated or failed by hand: nobody knows how the return ended, so a person decides.
      await backToStaff('return-failed', `return ${made.returnId} ended without an outcome`);
      return;
    }
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    result = await outcomeOfStartedReturn(made.returnId);
  }

  const summary = returnOutcomeSummary(result, made.currency);
  if (p.isOpen()) await p.resolve(asExchange ? 'exchange' : 'return', summary, by);
  else await local.recordComplaintStep({ complaintId, step: `return-ended:${round}`, event: summary });
}
