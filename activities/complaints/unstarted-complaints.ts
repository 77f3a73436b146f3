import type { EntityManager } from '@mikro-orm/postgresql';
import { Complaint } from '../../db/entities/complaint.entity';
import { complaintWorkflowId } from '../../workflows/complaints/complaint-escalation.definitions';
import type { FindUnstartedProcesses, SweepWindow, UnstartedProcess } from '../shared/unstarted-process-sweep';
import { startComplaintProcess } from './complaint-process-start';

/**
 * Complaints whose process never ran (planComplaintDeadlines stamps processStartedAt), for
 * the unstarted-process sweep; started as `POST /complaints` starts them, with the approval
 * threshold of advance compensation the API would have given (§4.8).
 */
export function findUnstartedComplaints(approvalThreshold: number): FindUnstartedProcesses {
  return async (em: EntityManager, window: SweepWindow, limit: number): Promise<UnstartedProcess[]> => {
    const complaints = await em.find(
      Complaint,
      { processStartedAt: null, createdAt: { $gte: window.from, $lte: window.until } },
      { orderBy: { createdAt: 'asc' }, limit },
    );
    return complaints.map((complaint) => ({
      workflowId: complaintWorkflowId(complaint.id),
      record: complaint,
      start: (client) => startComplaintProcess(client, complaint, approvalThreshold),
    }));
  };
}
