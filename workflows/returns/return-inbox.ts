import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import type { LogisticsEventInput } from '../delivery/delivery-handover.definitions';
import {
  returnSignals,
  returnUpdates,
  RETURN_STEP_CLOSED,
  returnStateQuery,
  type ApproveReturnInput,
  type InspectReturnInput,
  type RejectReturnInput,
  type ReturnRefundState,
} from './return-refund.definitions';

export type ReturnDecision = ({ kind: 'approve' } & ApproveReturnInput) | ({ kind: 'reject' } & RejectReturnInput);

/**
 * What the return's parties have sent the process, and which steps are open to them. The
 * workflow opens and closes steps; updates wait until the workflow has acted on them
 * (`settled`) and answer with the status it led to.
 */
export interface ReturnInbox {
  decision?: ReturnDecision;
  inspection?: InspectReturnInput;
  approvalOpen: boolean;
  inspectionOpen: boolean;
  decisionSettled: boolean;
  inspectionSettled: boolean;
  /** A signature was added: re-read the return slip. */
  slipChanged: boolean;
  /** Carrier events of the return shipment not yet applied, duplicates dropped. */
  pending: LogisticsEventInput[];
}

/** Registers the query, the updates (validators refuse a closed step: the API's 409) and the signals. */
export function openReturnInbox(returnId: string, state: ReturnRefundState): ReturnInbox {
  const inbox: ReturnInbox = {
    approvalOpen: true,
    inspectionOpen: false,
    decisionSettled: false,
    inspectionSettled: false,
    slipChanged: true,
    pending: [],
  };
  const seen = new Set<string>();
  const closed = (step: string) =>
    ApplicationFailure.create({
      type: RETURN_STEP_CLOSED,
      message: `return ${returnId} is ${state.status}${state.decidedBy === 'platform' ? ' (approved by the platform)' : ''}; ${step} is closed`,
      nonRetryable: true,
    });
  const decide = async (decision: ReturnDecision) => {
    inbox.decision = decision;
    await condition(() => inbox.decisionSettled);
    return { status: state.status };
  };
  const decisionValidator = () => {
    if (inbox.decision || !inbox.approvalOpen) throw closed('the decision');
  };

  setHandler(returnStateQuery, () => state);
  setHandler(returnUpdates.approve, (body) => decide({ kind: 'approve', ...body }), {
    validator: (_: ApproveReturnInput) => decisionValidator(),
  });
  setHandler(returnUpdates.reject, (body) => decide({ kind: 'reject', ...body }), {
    validator: (_: RejectReturnInput) => decisionValidator(),
  });
  setHandler(
    returnUpdates.inspect,
    async (body) => {
      inbox.inspection = body;
      await condition(() => inbox.inspectionSettled);
      return { status: state.status };
    },
    {
      validator: (_: InspectReturnInput) => {
        if (inbox.inspection || !inbox.inspectionOpen) throw closed('the inspection');
      },
    },
  );
  setHandler(returnSignals.slipChanged, () => {
    inbox.slipChanged = true;
  });
  setHandler(returnSignals.shipmentEvent, (event) => {
    if (seen.has(event.eventId)) return;
    seen.add(event.eventId);
    inbox.pending.push(event);
  });
  return inbox;
}
