import { allHandlersFinished, ApplicationFailure, condition, log, setHandler, startChild } from '@temporalio/workflow';
import type { ComplaintMailInput } from '../../activities/complaints/complaint-mail';
import {
  needsSecondApproval,
  partyResponseTerm,
  type ComplaintRemedy,
  type ComplaintStatus,
} from '../../domain/complaints';
import { registerComplaintDecisions, type ComplaintProcess } from './complaint-decisions';
import { followReturnRemedy, type AcceptedReturn } from './complaint-return-remedy';
import { local, money, recoveryClaimChildMetadata, showStatus } from './complaint-steps';
import {
  COMPLAINT_DECISION_REFUSED,
  complaintStateQuery,
  type ComplaintBreach,
  type ComplaintEscalationInput,
  type ComplaintEscalationResult,
  type ComplaintEscalationState,
  type ComplaintOutcome,
} from './complaint-escalation.definitions';
import {
  RECOVERY_CLAIM_TASK_QUEUE,
  RECOVERY_CLAIM_WORKFLOW,
  recoveryClaimWorkflowId,
} from './recovery-claim.definitions';
import { msUntil } from '../shared/time';

/**
 * Complaint escalation (T/QGCML 3125 §4.7, §4.8, §5.7, §6.1): the responsible party answers
 * by its deadline or the complaint escalates to staff with a breach; the platform's own
 * first response is a promise of its own; remedies are proposed, accepted or imposed; staff
 * may pay the consumer first and claim the money back from the party (a child workflow);
 * after resolution the consumer may reopen within the follow-up window.
 */
export async function complaintEscalationWorkflow(input: ComplaintEscalationInput): Promise<ComplaintEscalationResult> {
  const { complaintId } = input;
  const state: ComplaintEscalationState = {
    status: 'awaiting_response',
    party: input.party,
    partyResponded: false,
    firstResponded: false,
    warningsSent: [],
    breaches: [],
    recoveryClaimStarted: false,
    reopenCount: 0,
  };
  let payoutDue = false;
  /** False while a payout request's record is being written (it may retry through an outage). */
  let payoutRequestRecorded = true;
  let returnDue: AcceptedReturn | undefined;
  /** Returns being followed to their end; the complaint's process ends only after them. */
  const followedReturns: Promise<void>[] = [];
  let confirmedByConsumer = false;
  /** Set while a resolution is being recorded, so a second one is refused meanwhile. */
  let resolving = false;
  const isOpen = () => state.status !== 'resolved' && !resolving;
  const outcome = (): ComplaintOutcome => ({
    status: state.status,
    ...(state.compensation ? { compensation: { ...state.compensation } } : {}),
  });
  const refuse = (why: string): never => {
    throw ApplicationFailure.create({
      type: COMPLAINT_DECISION_REFUSED,
      message: `complaint ${complaintId} is ${state.status}: ${why}`,
      nonRetryable: true,
    });
  };
  /** Mail is best effort: a message that cannot be sent never blocks a complaint. */
  const notify = async (mail: ComplaintMailInput) => {
    try {
      await local.sendComplaintMail(mail);
    } catch (error) {
      log.warn('complaint mail not sent', { complaintId, purpose: mail.purpose, error: String(error) });
    }
  };
  const moveTo = async (status: ComplaintStatus, step: string, event: string, extra: object = {}) => {
    state.status = status;
    await local.recordComplaintStep({ complaintId, step, event, status, ...extra });
    showStatus(status);
  };
  const escalate = async (breach: ComplaintBreach) => {
    state.breaches.push(breach);
    await local.recordComplaintBreach({ complaintId, ...breach });
    // A silent party escalates even after staff answered the consumer; the platform's own
    // late first response escalates only a complaint nobody has answered yet.
    const from: ComplaintStatus[] =
      breach.obligation === 'complaint_response'
        ? ['awaiting_response', 'responded', 'reopened']
        : ['awaiting_response', 'reopened'];
    if (from.includes(state.status))
      await moveTo('escalated', `escalated:${breach.obligation}`, `escalated: ${breach.obligation} overdue`, {
        escalated: true,
      });
    await notify({ complaintId, purpose: 'complaint_overdue_staff', ...breach });
  };
  const resolve = async (remedy: ComplaintRemedy, summary: string, by: string) => {
    resolving = true;
    state.resolution = { remedy, by };
    const { reopenBy } = await local.planReopenWindow({
      resolvedAt: new Date().toISOString(),
      version: input.commitmentVersion,
    });
    state.reopenBy = reopenBy;
    await moveTo('resolved', `resolved:${state.reopenCount}`, `resolved with ${remedy}`, {
      resolution: { remedy, summary, by },
      reopenBy,
    });
    resolving = false;
    await notify({ complaintId, purpose: 'complaint_resolved_consumer', round: state.reopenCount });
  };
  const requestPayout = async (kind: 'advance' | 'agreed', amount: number, requestedBy: string, reason: string) => {
    const awaitingApproval = kind === 'advance' && needsSecondApproval(amount, input.approvalThreshold);
    state.compensation = { kind, amount, requestedBy, status: awaitingApproval ? 'awaiting_approval' : 'paying' };
    payoutRequestRecorded = false;
    await local.recordComplaintStep({
      complaintId,
      step: `compensation:${kind}`,
      event: `${kind} compensation requested`,
      compensation: { kind, amount, reason, requestedBy, approvedBy: null, status: state.compensation.status },
    });
    payoutRequestRecorded = true;
    if (awaitingApproval)
      await notify({ complaintId, purpose: 'complaint_attention_staff', reason: 'approval_needed' });
    else payoutDue = true;
  };

  setHandler(complaintStateQuery, () => state);
  const complaintProcess: ComplaintProcess = {
    input,
    state,
    isOpen,
    refuse,
    outcome,
    notify,
    moveTo,
    resolve,
    requestPayout,
    payoutRequestRecorded: () => condition(() => payoutRequestRecorded),
    payoutApproved: () => {
      payoutDue = true;
    },
    confirmResolution: () => {
      confirmedByConsumer = true;
    },
    returnAccepted: (accepted) => {
      returnDue = accepted;
    },
  };
  registerComplaintDecisions(complaintProcess);

  /** Pays the consumer (one key, retried until done), then claims the money back from the party. */
  const payOut = async () => {
    const compensation = state.compensation!;
    try {
      await money.payComplaintCompensation({ complaintId });
    } catch (error) {
      log.error('compensation payout refused', { complaintId, error: String(error) });
      state.compensation = { ...compensation, status: 'refused' };
      await local.openComplaintStaffTask({ complaintId, detail: 'the payment provider refused the payout' });
      await notify({ complaintId, purpose: 'complaint_attention_staff', reason: 'compensation_refused' });
      return;
    }
    state.compensation = { ...compensation, status: 'paid' };
    await moveTo('compensated', 'compensated', `${compensation.kind} compensation paid`);
    await notify({ complaintId, purpose: 'complaint_compensated_consumer' });
    const partyId = input.party === 'merchant' ? input.merchantId : input.party === 'carrier' ? input.carrierId : null;
    if (input.party !== 'platform' && partyId) {
      // §4.8: the claim outlives the complaint, which may be resolved long before it is settled.
      await startChild(RECOVERY_CLAIM_WORKFLOW, {
        workflowId: recoveryClaimWorkflowId(complaintId),
        taskQueue: RECOVERY_CLAIM_TASK_QUEUE,
        args: [
          {
            complaintId,
            party: input.party,
            partyId,
            amount: compensation.amount,
            reason: `${compensation.kind} compensation for complaint ${complaintId}`,
            claimedAt: new Date().toISOString(),
            commitmentVersion: input.commitmentVersion,
          },
        ],
        parentClosePolicy: 'ABANDON',
        ...recoveryClaimChildMetadata(input, partyId, compensation.amount),
      });
      state.recoveryClaimStarted = true;
      await moveTo('recovery_pending', 'recovery_pending', 'recovery claim started against the party');
    }
    if (compensation.kind === 'agreed')
      await resolve('compensation', 'compensation paid as agreed', compensation.requestedBy);
  };

  // The first activity: it also records that the process runs (the unstarted-process sweep).
  // complaintId is only an argument: the command is the one recorded histories hold.
  const plan = await local.planComplaintDeadlines({
    complaintId,
    filedAt: input.filedAt,
    version: input.commitmentVersion,
    ...(partyResponseTerm(input.party) ? { partyTerm: partyResponseTerm(input.party) } : {}),
    ...(input.carrierId ? { carrierId: input.carrierId } : {}),
  });
  state.partyRespondBy = plan.partyRespondBy;
  state.firstResponseBy = plan.firstResponseBy;
  await notify({ complaintId, purpose: 'complaint_filed_consumer' });
  if (input.party !== 'platform') await notify({ complaintId, purpose: 'complaint_filed_party' });

  /** §4.8, §6.1: the party answers by its deadline (warned first), or staff take over. */
  const partyClock = async () => {
    if (!plan.partyRespondBy || !plan.partyWarnAt) return;
    const answered = () => state.partyResponded || !isOpen();
    if (!(await condition(answered, msUntil(plan.partyWarnAt), { summary: 'party response warning' }))) {
      state.warningsSent.push('party');
      await notify({ complaintId, purpose: 'complaint_response_warning', to: 'party' });
    }
    const answeredInTime = await condition(answered, msUntil(plan.partyRespondBy), {
      summary: 'party response deadline (§4.8, §6.1): silence escalates to staff',
    });
    if (!answeredInTime)
      await escalate({ obligation: 'complaint_response', party: input.party, dueAt: plan.partyRespondBy });
  };
  /** §4.7: the consumer hears from someone within half a working day, or the platform is in breach. */
  const platformClock = async () => {
    const answered = () => state.firstResponded || !isOpen();
    if (
      !(await condition(answered, msUntil(plan.firstResponseWarnAt), {
        summary: 'platform first-response warning',
      }))
    ) {
      state.warningsSent.push('first_response');
      await notify({ complaintId, purpose: 'complaint_response_warning', to: 'staff' });
    }
    const firstResponseInTime = await condition(answered, msUntil(plan.firstResponseBy), {
      summary: 'platform first-response deadline (§4.7: half a working day)',
    });
    if (!firstResponseInTime)
      await escalate({ obligation: 'complaint_first_response', party: 'platform', dueAt: plan.firstResponseBy });
  };
  /** Payouts run here, not in the update that asked for them, so a slow provider never holds a caller. */
  const handling = async () => {
    for (;;) {
      await condition(() => payoutDue || returnDue !== undefined || state.status === 'resolved');
      if (returnDue) {
        // Followed beside this loop: a payout asked for meanwhile does not wait on the return.
        followedReturns.push(followReturnRemedy(complaintProcess, returnDue));
        returnDue = undefined;
        continue;
      }
      if (payoutDue) {
        payoutDue = false;
        await payOut();
        continue;
      }
      const stillResolved = () => state.status !== 'resolved' || confirmedByConsumer;
      await condition(stillResolved, msUntil(state.reopenBy ?? new Date().toISOString()), {
        summary: 'follow-up window: the consumer may reopen (§5.7)',
      });
      if (state.status === 'resolved') return;
    }
  };

  await Promise.all([partyClock(), platformClock(), handling()]);
  await Promise.all(followedReturns);
  await condition(allHandlersFinished);
  return { complaintId, status: state.status, ...(state.resolution ? { remedy: state.resolution.remedy } : {}) };
}
