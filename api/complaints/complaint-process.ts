import { WorkflowIdConflictPolicy, type Client, type WorkflowHandle } from '@temporalio/client';
import type { Complaint } from '../../db/entities/complaint.entity';
import {
  COMPLAINT_DECISION_REFUSED,
  COMPLAINT_ESCALATION_TASK_QUEUE,
  COMPLAINT_ESCALATION_WORKFLOW,
  complaintWorkflowId,
} from '../../workflows/complaints/complaint-escalation.definitions';
import { RECOVERY_DECISION_REFUSED } from '../../workflows/complaints/recovery-claim.definitions';
import type { complaintEscalationWorkflow } from '../../workflows/complaints/complaint-escalation';
import { complaintStartMetadata } from '../../workflows/complaints/complaint-escalation.metadata';
import { messageProcess } from '../shared/process-messages';

/** Starts the complaint's process, or finds it running: the workflow id is the complaint id. */
export async function startComplaintProcess(temporal: Client, complaint: Complaint, approvalThreshold: number) {
  await temporal.workflow.start<typeof complaintEscalationWorkflow>(COMPLAINT_ESCALATION_WORKFLOW, {
    workflowId: complaintWorkflowId(complaint.id),
    taskQueue: COMPLAINT_ESCALATION_TASK_QUEUE,
    args: [
      {
        complaintId: complaint.id,
        orderId: complaint.orderId,
        merchantId: complaint.merchantId,
        carrierId: complaint.carrierId,
        party: complaint.party,
        filedAt: complaint.createdAt.toISOString(),
        commitmentVersion: complaint.commitmentVersion,
        approvalThreshold,
      },
    ],
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    ...complaintStartMetadata({
      complaintId: complaint.id,
      orderId: complaint.orderId,
      merchantId: complaint.merchantId,
      carrierId: complaint.carrierId,
      category: complaint.category,
      party: complaint.party,
      status: complaint.status,
      partyRespondBy: complaint.partyRespondBy?.toISOString() ?? null,
      firstResponseBy: complaint.firstResponseBy.toISOString(),
    }),
  });
}

/**
 * Sends a decision to a running process (complaint or recovery claim) and answers with its
 * outcome. A decision the process refuses, or a process already finished, is a 409 naming
 * the real state.
 */
export async function sendDecision<T, W extends WorkflowHandle>(
  handle: W,
  currentState: () => string,
  send: (handle: W) => Promise<T>,
): Promise<T> {
  return messageProcess(() => send(handle), [COMPLAINT_DECISION_REFUSED, RECOVERY_DECISION_REFUSED], currentState);
}
