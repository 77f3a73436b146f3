import { patched, setHandler } from '@temporalio/workflow';
import type { ComplaintMailInput } from '../../activities/complaints/complaint-mail';
import { isValidSecondApprover, type ComplaintRemedy, type ComplaintStatus } from '../../domain/complaints';
import {
  complaintUpdates,
  type ComplaintEscalationInput,
  type ComplaintEscalationState,
  type ComplaintOutcome,
} from './complaint-escalation.definitions';
import type { AcceptedReturn } from './complaint-return-remedy';
import { local, showStatus } from './complaint-steps';

/** What the decisions need of the running complaint process (complaint-escalation.ts). */
export interface ComplaintProcess {
  input: ComplaintEscalationInput;
  state: ComplaintEscalationState;
  isOpen(): boolean;
  refuse(why: string): never;
  outcome(): ComplaintOutcome;
  notify(mail: ComplaintMailInput): Promise<void>;
  moveTo(status: ComplaintStatus, step: string, event: string, extra?: object): Promise<void>;
  resolve(remedy: ComplaintRemedy, summary: string, by: string): Promise<void>;
  requestPayout(kind: 'advance' | 'agreed', amount: number, requestedBy: string, reason: string): Promise<void>;
  /** Resolves once the payout request's own record is written. */
  payoutRequestRecorded(): Promise<void>;
  /** The payout may go: the workflow's main loop pays it, so no caller waits on the provider. */
  payoutApproved(): void;
  /** An accepted return or exchange: the main loop makes the return and follows it, not the caller. */
  returnAccepted(accepted: AcceptedReturn): void;
  confirmResolution(): void;
}

/**
 * Every decision on a complaint (T/QGCML 3125 §4.8, §5.7) as an update with a validator:
 * a decision that does not apply is refused before it enters history (a 409 at the API).
 */
export function registerComplaintDecisions(p: ComplaintProcess): void {
  const { input, state, isOpen, refuse, outcome, notify, moveTo, resolve, requestPayout } = p;
  const { complaintId } = input;

  setHandler(
    complaintUpdates.respond,
    async ({ by, role, messageId, proposal }) => {
      const byParty = role !== 'staff';
      if (byParty) state.partyResponded = true;
      state.firstResponded = true;
      if (proposal) state.proposal = { ...proposal, by };
      if (['awaiting_response', 'escalated', 'reopened'].includes(state.status)) state.status = 'responded';
      await local.recordComplaintResponse({ complaintId, messageId, byParty, by, ...(proposal ? { proposal } : {}) });
      showStatus(state.status);
      const from = byParty ? input.party : 'platform';
      await notify({
        complaintId,
        purpose: 'complaint_response_consumer',
        messageId,
        from,
        ...(proposal ? { proposal } : {}),
      });
      return outcome();
    },
    {
      validator: ({ role, proposal }) => {
        if (!isOpen()) refuse('a resolved complaint takes no responses');
        if (role !== 'staff' && input.party === 'platform') refuse('the platform answers this complaint itself');
        if (proposal?.remedy === 'compensation' && !(proposal.amount && proposal.amount > 0))
          refuse('a compensation proposal needs an amount');
      },
    },
  );

  setHandler(
    complaintUpdates.decideOnProposal,
    async ({ by, accept }) => {
      const proposal = state.proposal!;
      state.proposal = undefined;
      if (!accept) {
        await moveTo('escalated', `declined:${proposal.remedy}:${state.reopenCount}`, `proposal declined`, {
          clearProposal: true,
          escalated: true,
        });
        await notify({
          complaintId,
          purpose: 'complaint_attention_staff',
          reason: 'proposal_declined',
          round: state.reopenCount,
        });
        return outcome();
      }
      state.acceptedRemedy = proposal.remedy;
      await local.recordComplaintStep({
        complaintId,
        step: `accepted:${proposal.remedy}:${state.reopenCount}`,
        event: `proposal accepted: ${proposal.remedy}`,
        clearProposal: true,
        acceptedRemedy: proposal.remedy,
      });
      if (proposal.remedy === 'return' || proposal.remedy === 'exchange') {
        // Complaints that accepted a return before it was wired replay the old, logging-only step.
        if (patched('complaint-return-remedy'))
          p.returnAccepted({ remedy: proposal.remedy, by, round: state.reopenCount });
        else await local.startReturnForComplaint({ complaintId, remedy: proposal.remedy });
      } else if (proposal.remedy === 'compensation')
        await requestPayout('agreed', proposal.amount ?? 0, proposal.by, 'compensation agreed with the consumer');
      else await resolve(proposal.remedy, 'accepted by the consumer', by);
      return outcome();
    },
    {
      validator: (_: unknown) => {
        if (!isOpen()) refuse('it is resolved');
        if (!state.proposal) refuse('there is no proposal to decide on');
        if (state.compensation) refuse('a compensation is already under way');
      },
    },
  );

  setHandler(
    complaintUpdates.requestAdvanceCompensation,
    async ({ by, amount, reason }) => {
      await requestPayout('advance', amount, by, reason);
      return outcome();
    },
    {
      validator: ({ amount }) => {
        if (!isOpen()) refuse('it is resolved');
        if (state.compensation) refuse(`a compensation is already ${state.compensation.status}`);
        if (!Number.isSafeInteger(amount) || amount <= 0) refuse('amount must be a positive number of minor units');
      },
    },
  );

  setHandler(
    complaintUpdates.approveAdvanceCompensation,
    async ({ by }) => {
      state.compensation = { ...state.compensation!, approvedBy: by, status: 'paying' };
      const { kind, amount, requestedBy } = state.compensation;
      // The approval may arrive while the request's record still retries through an outage
      // (the request's caller timed out, the approver saw it in the queue): writing the
      // approval first would let that late write turn a paid compensation back to
      // `awaiting_approval`. Complaints approved before this wait replay without it.
      if (patched('compensation-approval-after-request-record')) await p.payoutRequestRecorded();
      await local.recordComplaintStep({
        complaintId,
        step: 'compensation:approved',
        event: 'advance compensation approved by a second staff member',
        compensation: { kind, amount, reason: 'approved', requestedBy, approvedBy: by, status: 'paying' },
      });
      p.payoutApproved();
      return outcome();
    },
    {
      validator: ({ by }) => {
        if (state.compensation?.status !== 'awaiting_approval') refuse('no advance compensation awaits approval');
        if (!isValidSecondApprover(state.compensation!.requestedBy, by))
          refuse('a second, different staff member must approve the advance compensation');
      },
    },
  );

  setHandler(
    complaintUpdates.resolve,
    async ({ by, remedy, summary }) => {
      await resolve(remedy, summary, by);
      return outcome();
    },
    {
      validator: (_: unknown) => {
        if (!isOpen()) refuse('it is already resolved');
        if (state.compensation?.status === 'paying' || state.compensation?.status === 'awaiting_approval')
          refuse(`its compensation is ${state.compensation.status}`);
      },
    },
  );

  setHandler(
    complaintUpdates.reopen,
    async () => {
      state.reopenCount += 1;
      state.reopenBy = undefined;
      await moveTo('reopened', `reopened:${state.reopenCount}`, 'reopened by the consumer', { reopenBy: null });
      await notify({ complaintId, purpose: 'complaint_attention_staff', reason: 'reopened', round: state.reopenCount });
      return outcome();
    },
    {
      validator: (_: unknown) => {
        if (state.status !== 'resolved') refuse('only a resolved complaint can be reopened');
        if (!state.reopenBy || Date.now() >= Date.parse(state.reopenBy)) refuse('the follow-up window has closed');
      },
    },
  );

  setHandler(
    complaintUpdates.confirmResolution,
    () => {
      p.confirmResolution();
      return outcome();
    },
    {
      validator: (_: unknown) =>
        void (state.status !== 'resolved' && refuse('only a resolved complaint can be confirmed')),
    },
  );
}
