import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Client,
} from '@temporalio/client';
import type { ReturnRequest } from '../../db/entities/return-request.entity';
import {
  RETURN_REFUND_TASK_QUEUE,
  RETURN_REFUND_WORKFLOW,
  returnWorkflowId,
  type ReturnRefundInput,
} from '../../workflows/returns/return-refund.definitions';
import type { returnRefundWorkflow } from '../../workflows/returns/return-refund';
import { returnStartMetadata } from '../../workflows/returns/return-refund.metadata';

/** The process's input for a stored request: ids only. */
export function returnProcessInput(request: ReturnRequest): ReturnRefundInput {
  return {
    returnId: request.id,
    orderId: request.orderId,
    merchantId: request.merchantId,
    requestedAt: request.createdAt.toISOString(),
  };
}

/**
 * Starts the return's process, or finds it running or ended: the workflow id is the return
 * id, so no return ever gets a second process. Called by the API after the request's commit
 * and by the unstarted-process sweep for a request whose API died between the commit and
 * this call (T/QGCML 3125 §6.4: the merchant's decision deadline must run). Resolves to
 * `existed` when the return's process had already ended, `started` otherwise (started now,
 * or found running).
 */
export async function startReturnProcess(temporal: Client, request: ReturnRequest): Promise<'started' | 'existed'> {
  try {
    await temporal.workflow.start<typeof returnRefundWorkflow>(RETURN_REFUND_WORKFLOW, {
      workflowId: returnWorkflowId(request.id),
      taskQueue: RETURN_REFUND_TASK_QUEUE,
      args: [returnProcessInput(request)],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      // A return's process runs once: one that has ended (refunded, rejected) is never
      // started again, whoever asks (a retried call, the sweep) — a second run could refund twice.
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      ...returnStartMetadata({
        returnId: request.id,
        orderId: request.orderId,
        merchantId: request.merchantId,
        carrierId: request.carrierId,
        kind: request.kind,
        status: request.status,
        approveBy: request.approveBy?.toISOString() ?? null,
        complaintId: request.complaintId,
      }),
    });
    return 'started';
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'existed';
    throw error;
  }
}
