import { allHandlersFinished, condition, log, patched } from '@temporalio/workflow';
import type { ReturnMailInput } from '../../activities/returns/return-mail';
import { attentionAt, needsReturnShipment, type ReturnStatus } from '../../domain/returns';
import type { LogisticsEventInput } from '../delivery/delivery-handover.definitions';
import { msUntil } from '../shared/time';
import { showBusinessAttributes } from '../shared/visibility';
import { RETURN_EXCHANGE_PATCH, shipReplacement } from './exchange-replacement';
import { refundUntilDone } from './refund-until-done';
import { openReturnInbox } from './return-inbox';
import { carrier, local, money, showStatus } from './return-steps';
import {
  returnWorkflowId,
  type ReturnObligation,
  type ReturnParty,
  type ReturnRefundInput,
  type ReturnRefundResult,
  type ReturnRefundState,
} from './return-refund.definitions';

/** Executions that shipped goods back before these consumer mails existed replay without them. */
const RETURN_SHIPMENT_MAILS_PATCH = 'return-shipment-mails';

/**
 * Returns, exchanges and refunds (T/QGCML 3125 §6.4, §7.1.2; §4.8 the platform steps in):
 * the merchant decides by approveBy (silence: the platform approves, the merchant is
 * charged a breach) → for goods sent back, a return shipment with the order's carrier and a
 * return slip signed by courier and merchant (late: carrier breach) → inspection line by
 * line by its deadline (late: what the slip says is accepted, merchant breach) → refund of
 * the accepted value (+ delivery fee for the merchant's fault) with one idempotency key,
 * retried until through (a staff task when it lags, a platform breach when late). An
 * exchange ships a replacement through a new delivery handover instead, and is refunded
 * when the product is out of stock or the replacement comes back undelivered.
 */
export async function returnRefundWorkflow(input: ReturnRefundInput): Promise<ReturnRefundResult> {
  const { returnId } = input;
  const state: ReturnRefundState = {
    status: 'requested',
    merchantSigned: false,
    carrierSigned: false,
    refundAttempts: 0,
    breaches: [],
  };
  const inbox = openReturnInbox(returnId, state);

  /** Mail is best effort: a message that cannot be sent never blocks a return or a refund. */
  const notify = async (mail: ReturnMailInput) => {
    try {
      await local.sendReturnMail(mail);
    } catch (error) {
      log.warn('return mail not sent', { returnId, purpose: mail.purpose, error: String(error) });
    }
  };
  const breach = async (obligation: ReturnObligation, party: ReturnParty, dueAt: string) => {
    state.breaches.push({ obligation, party, dueAt });
    await local.recordReturnBreach({ returnId, obligation, party, dueAt });
    await notify({ returnId, purpose: 'return_breach_staff', obligation, party, dueAt });
  };
  const moveTo = (status: ReturnStatus) => {
    state.status = status;
    showStatus(status);
  };
  const finish = async (status: ReturnRefundResult['status']): Promise<ReturnRefundResult> => {
    inbox.decisionSettled = true;
    inbox.inspectionSettled = true;
    await condition(allHandlersFinished);
    return { returnId, status, ...(state.refundAmount !== undefined ? { refundAmount: state.refundAmount } : {}) };
  };

  /** 1. The merchant decides by approveBy; silence is consent, given by the platform (§4.8). */
  const awaitDecision = async (approveBy: string): Promise<'approved' | 'rejected'> => {
    await notify({ returnId, purpose: 'return_requested_merchant' });
    const decided = () => inbox.decision !== undefined;
    if (
      !(await condition(decided, msUntil(attentionAt(input.requestedAt, approveBy)), {
        summary: 'merchant decision reminder (before approveBy)',
      }))
    )
      await notify({ returnId, purpose: 'return_deadline_reminder_merchant', step: 'approval', dueAt: approveBy });
    const decidedInTime = await condition(decided, msUntil(approveBy), {
      summary: 'merchant decision deadline (§6.4; silence: the platform approves, §4.8)',
    });
    inbox.approvalOpen = false;
    const by = decidedInTime && inbox.decision ? inbox.decision.by : 'platform';
    if (inbox.decision?.kind === 'reject') {
      await local.recordReturnDecision({ returnId, approved: false, by, reason: inbox.decision.reason });
      moveTo('rejected');
      await notify({ returnId, purpose: 'return_decided_consumer' });
      return 'rejected';
    }
    const approval = inbox.decision?.kind === 'approve' ? inbox.decision : undefined;
    await local.recordReturnDecision({
      returnId,
      approved: true,
      by,
      ...(approval?.note ? { note: approval.note } : {}),
      ...(approval?.returnAddress ? { returnAddress: approval.returnAddress } : {}),
    });
    state.decidedBy = by;
    moveTo('approved');
    inbox.decisionSettled = true;
    if (!decidedInTime) await breach('return_approval', 'merchant', approveBy);
    await notify({ returnId, purpose: 'return_decided_consumer' });
    return 'approved';
  };

  const plan = await local.planReturn({ returnId });
  Object.assign(state, { kind: plan.kind, approveBy: plan.approveBy, commitmentVersion: plan.commitmentVersion });
  const version = plan.commitmentVersion;
  if (plan.preApprovedBy) {
    // A goodwill refund: staff granted it with its amount; there is nothing to decide.
    inbox.approvalOpen = false;
    inbox.decisionSettled = true;
    state.decidedBy = plan.preApprovedBy;
    moveTo('approved');
  } else if ((await awaitDecision(plan.approveBy)) === 'rejected') {
    return finish('rejected');
  }

  // 2. Goods sent back: shipment, carrier events, the return slip signed by both (§6.4).
  if (needsReturnShipment(plan.kind)) {
    // The merchant may inspect as soon as the goods are back (the API checks both signed),
    // even before this process has read the second signature.
    inbox.inspectionOpen = true;
    const idempotencyKey = `${returnWorkflowId(returnId)}:book-shipment`;
    const booked = await carrier.bookReturnShipment({ returnId, idempotencyKey });
    state.shipmentId = booked.shipmentId;
    const shipment = await local.returnDeadline({
      returnId,
      term: 'returnShipment',
      from: new Date().toISOString(),
      version,
    });
    state.deliverBackBy = shipment.dueAt;
    showBusinessAttributes({ dueAt: shipment.dueAt });
    const applyEvent = async (event: LogisticsEventInput) => {
      await local.recordReturnShipmentEvent({ returnId, event });
      if ((event.type === 'picked_up' || event.type === 'in_transit') && state.status === 'approved') {
        moveTo('in_transit');
        if (patched(RETURN_SHIPMENT_MAILS_PATCH)) await notify({ returnId, purpose: 'return_in_transit_consumer' });
      }
    };
    let shipmentMissed = false;
    while (!(state.merchantSigned && state.carrierSigned)) {
      if (inbox.slipChanged) {
        inbox.slipChanged = false;
        Object.assign(state, await local.returnSlipStatus({ returnId }));
        continue;
      }
      const event = inbox.pending.shift();
      if (event) {
        await applyEvent(event);
      } else if (shipmentMissed) {
        await condition(() => inbox.slipChanged || inbox.pending.length > 0);
      } else if (
        !(await condition(() => inbox.slipChanged || inbox.pending.length > 0, msUntil(shipment.dueAt), {
          summary: 'return shipment deadline: slip signed by courier and merchant (§6.4)',
        }))
      ) {
        shipmentMissed = true;
        await breach('return_shipment', 'carrier', shipment.dueAt);
      }
    }
    // Events that came with the last signature still belong on the timeline, in order.
    for (let event = inbox.pending.shift(); event; event = inbox.pending.shift()) await applyEvent(event);
    const { receivedAt } = await local.recordReturnReceived({ returnId });
    moveTo('received');
    if (patched(RETURN_SHIPMENT_MAILS_PATCH)) await notify({ returnId, purpose: 'return_received_consumer' });

    // 3. Inspection, line by line, by its deadline; else what the slip says is accepted.
    const inspectBy = (await local.returnDeadline({ returnId, term: 'returnInspection', from: receivedAt, version }))
      .dueAt;
    state.inspectBy = inspectBy;
    showBusinessAttributes({ dueAt: inspectBy });
    const inspected = () => inbox.inspection !== undefined;
    if (
      !(await condition(inspected, msUntil(attentionAt(receivedAt, inspectBy)), {
        summary: 'merchant inspection reminder (before the deadline)',
      }))
    )
      await notify({ returnId, purpose: 'return_deadline_reminder_merchant', step: 'inspection', dueAt: inspectBy });
    const inspectedInTime = await condition(inspected, msUntil(inspectBy), {
      summary: 'merchant inspection deadline (§6.4: goods checked against the order)',
    });
    inbox.inspectionOpen = false;
    const result = await local.recordInspection({
      returnId,
      by: inspectedInTime && inbox.inspection ? inbox.inspection.by : 'platform',
      lines: inspectedInTime && inbox.inspection ? inbox.inspection.lines : 'as_handed_over',
    });
    moveTo(result.status);
    inbox.inspectionSettled = true;
    if (!inspectedInTime) await breach('return_inspection', 'merchant', inspectBy);
    if (result.accepted === 0) {
      await notify({ returnId, purpose: 'return_inspection_failed_consumer' });
      return finish('inspection_failed');
    }
    // An exchange ships a replacement instead; out of stock or undelivered, it is refunded.
    if (plan.kind === 'exchange' && patched(RETURN_EXCHANGE_PATCH)) {
      if (await shipReplacement(input, state, { local, notify })) {
        moveTo('exchanged');
        return finish('exchanged');
      }
    }
  }

  // 4. The refund, within the refund term from acceptance (§6.4, §7.1.2).
  const acceptedAt = new Date().toISOString();
  const refundBy = (await local.returnDeadline({ returnId, term: 'refund', from: acceptedAt, version })).dueAt;
  state.refundBy = refundBy;
  showBusinessAttributes({ dueAt: refundBy });
  const fixed = await local.fixReturnRefund({ returnId, refundBy });
  state.refundAmount = fixed.amount;
  if (fixed.amount > 0) {
    await refundUntilDone(acceptedAt, refundBy, {
      pay: async () => {
        state.refundAttempts += 1;
        await money.refundReturn({ returnId });
      },
      flag: async (reason) => {
        state.refundPendingReason = reason;
        await local.markRefundPending({ returnId, reason });
        moveTo('refund_pending');
        await notify({ returnId, purpose: 'refund_pending_staff' });
        await notify({ returnId, purpose: 'return_refund_pending_consumer' });
      },
      late: () => breach('refund', 'platform', refundBy),
    });
  } else {
    await local.recordReturnStatus({ returnId, status: 'refunded' });
  }
  state.refundPendingReason = undefined;
  moveTo('refunded');
  await notify({ returnId, purpose: 'return_refunded_consumer' });
  await notify({ returnId, purpose: 'refund_notice_finance' });
  return finish('refunded');
}
