import { WorkflowIdConflictPolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import type { ReturnRequest } from '../../db/entities/return-request.entity';
import {
  RETURN_REFUND_TASK_QUEUE,
  RETURN_REFUND_WORKFLOW,
  RETURN_STEP_CLOSED,
  returnWorkflowId,
  type ReturnDecisionOutcome,
  type ReturnRefundInput,
} from '../../workflows/returns/return-refund.definitions';
import type { returnRefundWorkflow } from '../../workflows/returns/return-refund';
import { returnStartMetadata } from '../../workflows/returns/return-refund.metadata';
import { messageProcess } from '../shared/process-messages';

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
 * Starts the return's process, or finds it running: the workflow id is the return id, so
 * a retried request never starts a second one.
 */
export async function startReturnProcess(temporal: Client, request: ReturnRequest): Promise<void> {
  await temporal.workflow.start<typeof returnRefundWorkflow>(RETURN_REFUND_WORKFLOW, {
    workflowId: returnWorkflowId(request.id),
    taskQueue: RETURN_REFUND_TASK_QUEUE,
    args: [returnProcessInput(request)],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
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
}

/**
 * Sends a decision or inspection to the return's process and answers with what it led to.
 * A message for a step the return is past (or a finished process) is a 409 with the status.
 */
export async function messageReturn(
  temporal: Client,
  request: ReturnRequest,
  send: (handle: WorkflowHandle<typeof returnRefundWorkflow>) => Promise<ReturnDecisionOutcome>,
): Promise<ReturnDecisionOutcome> {
  return messageProcess(
    () => send(temporal.workflow.getHandle(returnWorkflowId(request.id))),
    [RETURN_STEP_CLOSED],
    () => `return ${request.id} is ${request.status}`,
  );
}
