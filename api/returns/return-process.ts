import type { Client, WorkflowHandle } from '@temporalio/client';
import type { ReturnRequest } from '../../db/entities/return-request.entity';
import {
  RETURN_STEP_CLOSED,
  returnWorkflowId,
  type ReturnDecisionOutcome,
} from '../../workflows/returns/return-refund.definitions';
import type { returnRefundWorkflow } from '../../workflows/returns/return-refund';
import { startReturnProcess } from '../../activities/returns/return-process-start';
import { messageProcess } from '../shared/process-messages';

/**
 * Sends a decision or inspection to the return's process and answers with what it led to.
 * A message for a step the return is past (or a finished process) is a 409 with the status.
 * A return whose process never ran (its start lost between the commit and the call, which
 * the unstarted-process sweep would repair within a minute) has it started first, as the
 * sweep would, rather than answering 409 to a decision that applies.
 */
export async function messageReturn(
  temporal: Client,
  request: ReturnRequest,
  send: (handle: WorkflowHandle<typeof returnRefundWorkflow>) => Promise<ReturnDecisionOutcome>,
): Promise<ReturnDecisionOutcome> {
  // Never a complaint's return: the complaint's process starts that one as its child, and a
  // start from here first would make the child's start fail (activities/returns/unstarted-returns.ts).
  if (!request.processStartedAt && !request.complaintId) await startReturnProcess(temporal, request);
  return messageProcess(
    () => send(temporal.workflow.getHandle(returnWorkflowId(request.id))),
    [RETURN_STEP_CLOSED],
    () => `return ${request.id} is ${request.status}`,
  );
}
