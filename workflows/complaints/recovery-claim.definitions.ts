import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { RecoveryClaimStatus } from '../../domain/complaints';
import { TASK_QUEUES } from '../shared/task-queues';

export const RECOVERY_CLAIM_WORKFLOW = 'recoveryClaimWorkflow';
export const RECOVERY_CLAIM_TASK_QUEUE = TASK_QUEUES.commerce;

/** One claim per complaint; started as a child that outlives the complaint (ABANDON). */
export function recoveryClaimWorkflowId(complaintId: string): string {
  return `recovery:${complaintId}`;
}

export interface RecoveryClaimInput {
  complaintId: string;
  party: 'merchant' | 'carrier';
  partyId: string;
  amount: number;
  /** Why the platform claims (the advance compensation it paid); no personal data. */
  reason: string;
  /** When the claim was raised: its due date counts from here (recoveryClaimDue). */
  claimedAt: string;
  commitmentVersion: number;
}

export interface RecoveryClaimState {
  claimId?: string;
  status: RecoveryClaimStatus;
  amount: number;
  recovered: number;
  writtenOff: number;
  dueAt?: string;
  remindersSent: number;
  overdue: boolean;
  disputed: boolean;
}

export interface RecoveryClaimResult {
  complaintId: string;
  status: RecoveryClaimStatus;
  recovered: number;
  writtenOff: number;
}

export interface RecoveryPaymentInput {
  by: string;
  amount: number;
  method: 'payment' | 'settlement_deduction';
}

/**
 * The movements a recovery claim's workflow accepts, one object that the workflow's handlers,
 * the API routes and the tests all use. The update names are those of running executions and
 * recorded histories: never rename them.
 */
export const recoveryClaimUpdates = {
  recordPayment: defineUpdate<RecoveryClaimState, [RecoveryPaymentInput]>('recordRecoveryPayment'),
  dispute: defineUpdate<RecoveryClaimState, [{ by: string; evidence: string }]>('disputeRecoveryClaim'),
  decideDispute: defineUpdate<RecoveryClaimState, [{ by: string; decision: 'upheld' | 'withdrawn'; note: string }]>(
    'decideRecoveryDispute',
  ),
  writeOff: defineUpdate<RecoveryClaimState, [{ by: string; reason: string }]>('writeOffRecoveryClaim'),
};
export const recoveryClaimStateQuery = defineQuery<RecoveryClaimState>('recoveryClaimState');

/** Raised by a validator when the movement does not apply to the claim's state (→ 409). */
export const RECOVERY_DECISION_REFUSED = 'RecoveryDecisionRefused';
