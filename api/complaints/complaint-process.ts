import type { WorkflowHandle } from '@temporalio/client';
import { COMPLAINT_DECISION_REFUSED } from '../../workflows/complaints/complaint-escalation.definitions';
import { RECOVERY_DECISION_REFUSED } from '../../workflows/complaints/recovery-claim.definitions';
import { messageProcess } from '../shared/process-messages';

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
