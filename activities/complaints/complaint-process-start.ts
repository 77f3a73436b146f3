import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type Client,
} from '@temporalio/client';
import type { Complaint } from '../../db/entities/complaint.entity';
import {
  COMPLAINT_ESCALATION_TASK_QUEUE,
  COMPLAINT_ESCALATION_WORKFLOW,
  complaintWorkflowId,
} from '../../workflows/complaints/complaint-escalation.definitions';
import type { complaintEscalationWorkflow } from '../../workflows/complaints/complaint-escalation';
import { complaintStartMetadata } from '../../workflows/complaints/complaint-escalation.metadata';

/**
 * Starts the complaint's process, or finds it running or ended: the workflow id is the
 * complaint id, so no complaint ever gets a second process. Called by `POST /complaints`
 * after the complaint's commit and by the unstarted-process sweep for a complaint whose API
 * died between the commit and this call (T/QGCML 3125 §4.7, §4.8: its response deadlines
 * must run). `approvalThreshold` is ADVANCE_COMPENSATION_APPROVAL_THRESHOLD. Resolves to
 * `existed` when the complaint's process had already ended, `started` otherwise.
 */
export async function startComplaintProcess(
  temporal: Client,
  complaint: Complaint,
  approvalThreshold: number,
): Promise<'started' | 'existed'> {
  try {
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
      // A complaint's process runs once: one that has ended (resolved, its reopen window
      // past) is never started again, whoever asks (a retried call, the sweep).
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
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
    return 'started';
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return 'existed';
    throw error;
  }
}
