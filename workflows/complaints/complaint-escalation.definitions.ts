import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { ComplaintRemedy, ComplaintStatus, ResponsibleParty } from '../../domain/complaints';
import { TASK_QUEUES } from '../shared/task-queues';

export const COMPLAINT_ESCALATION_WORKFLOW = 'complaintEscalationWorkflow';
export const COMPLAINT_ESCALATION_TASK_QUEUE = TASK_QUEUES.commerce;

/** One process per complaint: the business key is the workflow id. */
export function complaintWorkflowId(complaintId: string): string {
  return `complaint:${complaintId}`;
}

/** Ids only (no personal data in history); the complaint row holds the rest. */
export interface ComplaintEscalationInput {
  complaintId: string;
  orderId: string;
  merchantId: string;
  carrierId: string | null;
  party: ResponsibleParty;
  /** ISO instant of filing: every deadline counts from here on the commitments then in force. */
  filedAt: string;
  /** The commitment version the API used for the deadlines it answered with. */
  commitmentVersion: number;
  /** ADVANCE_COMPENSATION_APPROVAL_THRESHOLD at filing (minor units): above it two staff members decide. */
  approvalThreshold: number;
}

export interface ComplaintEscalationResult {
  complaintId: string;
  status: ComplaintStatus;
  remedy?: ComplaintRemedy;
}

export type ComplaintBreach = {
  obligation: 'complaint_response' | 'complaint_first_response';
  party: ResponsibleParty;
  dueAt: string;
};

export interface ComplaintEscalationState {
  status: ComplaintStatus;
  party: ResponsibleParty;
  partyRespondBy?: string;
  firstResponseBy?: string;
  partyResponded: boolean;
  firstResponded: boolean;
  warningsSent: Array<'party' | 'first_response'>;
  breaches: ComplaintBreach[];
  proposal?: { remedy: ComplaintRemedy; amount?: number; by: string };
  acceptedRemedy?: ComplaintRemedy;
  /** The return an accepted return or exchange made (its process is `return:<returnId>`). */
  returnId?: string;
  compensation?: {
    kind: 'advance' | 'agreed';
    amount: number;
    requestedBy: string;
    approvedBy?: string;
    status: 'awaiting_approval' | 'paying' | 'paid' | 'refused';
  };
  recoveryClaimStarted: boolean;
  resolution?: { remedy: ComplaintRemedy; by: string };
  reopenBy?: string;
  reopenCount: number;
}

/** What a decision led to, answered to whoever made it. */
export interface ComplaintOutcome {
  status: ComplaintStatus;
  compensation?: ComplaintEscalationState['compensation'];
}

export interface RespondInput {
  by: string;
  role: 'merchant' | 'courier' | 'staff';
  messageId: string;
  proposal?: { remedy: ComplaintRemedy; amount?: number };
}
export interface ProposalDecisionInput {
  by: string;
  accept: boolean;
}
export interface AdvanceCompensationInput {
  by: string;
  amount: number;
  reason: string;
}
export interface ResolveInput {
  by: string;
  remedy: ComplaintRemedy;
  summary: string;
}

/**
 * Every decision a complaint's workflow accepts, one object that the workflow's handlers, the
 * API routes and the tests all use. The update names are those of running executions and
 * recorded histories: never rename them.
 */
export const complaintUpdates = {
  respond: defineUpdate<ComplaintOutcome, [RespondInput]>('respondToComplaint'),
  decideOnProposal: defineUpdate<ComplaintOutcome, [ProposalDecisionInput]>('decideOnProposal'),
  requestAdvanceCompensation: defineUpdate<ComplaintOutcome, [AdvanceCompensationInput]>('requestAdvanceCompensation'),
  approveAdvanceCompensation: defineUpdate<ComplaintOutcome, [{ by: string }]>('approveAdvanceCompensation'),
  resolve: defineUpdate<ComplaintOutcome, [ResolveInput]>('resolveComplaint'),
  reopen: defineUpdate<ComplaintOutcome, [{ by: string; messageId: string }]>('reopenComplaint'),
  confirmResolution: defineUpdate<ComplaintOutcome, [{ by: string }]>('confirmResolution'),
};
export const complaintStateQuery = defineQuery<ComplaintEscalationState>('complaintState');

/** Raised by a validator when the decision does not apply to the complaint's state (→ 409). */
export const COMPLAINT_DECISION_REFUSED = 'ComplaintDecisionRefused';
