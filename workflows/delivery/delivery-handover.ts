import { condition, log, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { createDeliveryActivities } from '../../activities/delivery/delivery-activities';
import {
  deliveryHandoverStateQuery,
  handoverSlipChangedSignal,
  logisticsEventSignal,
  type DeliveryHandoverInput,
  type DeliveryHandoverResult,
  type DeliveryHandoverState,
  type LogisticsEventInput,
} from './delivery-handover.definitions';
import { CARRIER_ACTIVITY, QUICK_LOCAL_ACTIVITY } from '../shared/activity-options';
import { labelActivities, showBusinessAttributes } from '../shared/visibility';

type DeliveryActivities = ReturnType<typeof createDeliveryActivities>;

/** What each step does, as the Temporal UI's timeline shows it. */
const labels: { [K in keyof DeliveryActivities]?: string } = {
  planHandover: 'handover deadline from the commitments in force',
  handoverSlipStatus: 'read the handover slip and its signatures',
  bookShipment: 'book the shipment with the carrier',
  recordHandedOver: 'record the order handed over',
  planDelivery: 'delivery deadline from the carrier contract',
  planCodRemittance: 'cash-on-delivery remittance deadline',
  recordShipmentEvent: 'apply a carrier tracking event',
  recordDeliveryBreach: 'record an SLA breach',
  sendDeliveryMail: 'send a delivery mail',
  recordReturnedToMerchant: 'record the goods returned to the merchant',
  recordDeliveryCompleted: 'record the order completed',
};

/** Database and mail: quick, retried until they work. */
const local = labelActivities(proxyActivities<DeliveryActivities>(QUICK_LOCAL_ACTIVITY), labels);

/** The carrier's API: idempotent on the key, so retrying for a while is safe. */
const carrier = labelActivities(proxyActivities<DeliveryActivities>(CARRIER_ACTIVITY), labels);

/** A second failed delivery returns the goods to the merchant (one re-attempt, then return). */
const MAX_DELIVERY_ATTEMPTS = 2;

/**
 * Delivery handover (T/QGCML 3125 §6.2.1, §6.2.2, §6.1): waits for the handover slip and
 * both signatures until the handover deadline (a late party is charged a breach and the
 * merchant reminded) → books the shipment → order `handed_over` → carrier events move it
 * to `in_transit`, `delivered` (one failed delivery is re-attempted, a second returns the
 * goods) → delivery deadline → cash on delivery remitted by its deadline → `completed`.
 * Each missed deadline is a breach of the carrier, with staff notified.
 */
export async function deliveryHandoverWorkflow(input: DeliveryHandoverInput): Promise<DeliveryHandoverResult> {
  const { orderId } = input;
  // An exchange's replacement works on its own slip (§6.4); the order's own carries no returnId.
  const subject = { orderId, ...(input.returnId ? { returnId: input.returnId } : {}) };
  const state: DeliveryHandoverState = {
    phase: 'awaiting_handover',
    orderStatus: 'confirmed',
    merchantSigned: false,
    carrierSigned: false,
    codRemitted: 0,
    deliveryAttempts: 0,
    breaches: [],
    appliedEvents: [],
  };
  const pending: LogisticsEventInput[] = [];
  const seen = new Set<string>();
  let slipChanged = true;
  let returned = false;
  setHandler(deliveryHandoverStateQuery, () => state);
  setHandler(handoverSlipChangedSignal, () => {
    slipChanged = true;
  });
  // The webhook route already drops duplicates; this guards the workflow on its own.
  setHandler(logisticsEventSignal, (event) => {
    if (seen.has(event.eventId)) return;
    seen.add(event.eventId);
    pending.push(event);
  });

  /** Mail is best effort: a message that cannot be sent never blocks the delivery. */
  const notify = async (input: Parameters<DeliveryActivities['sendDeliveryMail']>[0]) => {
    try {
      await local.sendDeliveryMail({ ...input, ...subject });
    } catch (error) {
      log.warn('delivery mail not sent', { orderId, purpose: input.purpose, error: String(error) });
    }
  };
  const breach = async (
    obligation: 'handover' | 'delivery' | 'cod_remittance',
    party: 'merchant' | 'carrier',
    dueAt: string,
  ) => {
    state.breaches.push({ obligation, party, dueAt });
    await local.recordDeliveryBreach({ ...subject, obligation, party, dueAt });
    await notify({ orderId, purpose: 'sla_breach_staff', obligation, party, dueAt });
  };

  /** Applies queued carrier events until `done`; `deadline` missed once → `onMiss`, then waits on. */
  const waitFor = async (
    done: () => boolean,
    deadline: string | undefined,
    summary: string,
    onMiss: () => Promise<void>,
  ) => {
    let missed = deadline === undefined;
    while (!done()) {
      const next = pending.shift();
      if (next) {
        await apply(next);
        continue;
      }
      if (missed) {
        await condition(() => pending.length > 0);
        continue;
      }
      const remaining = Date.parse(deadline as string) - Date.now();
      if (remaining <= 0 || !(await condition(() => pending.length > 0, remaining, { summary }))) {
        missed = true;
        await onMiss();
      }
    }
  };

  const apply = async (event: LogisticsEventInput) => {
    state.appliedEvents.push(event.eventId);
    if (event.type === 'delivery_failed') state.deliveryAttempts += 1;
    const result = await local.recordShipmentEvent({ ...subject, event, attempt: state.deliveryAttempts });
    state.orderStatus = result.orderStatus;
    state.codRemitted = result.codRemitted;
    if (event.type === 'delivered') {
      state.deliveredAt = result.deliveredAt ?? event.occurredAt;
      await notify({ orderId, purpose: 'order_delivered_consumer' });
    }
    if (event.type === 'delivery_failed' && state.deliveryAttempts >= MAX_DELIVERY_ATTEMPTS) {
      state.phase = 'returned_to_merchant';
      returned = true;
      await local.recordReturnedToMerchant({ ...subject, attempts: state.deliveryAttempts });
      await notify({ orderId, purpose: 'delivery_returned_merchant' });
    }
  };

  // 1. The slip and both signatures, by the handover deadline (§6.2.2).
  const confirmedAt = input.confirmedAt ?? workflowInfo().startTime.toISOString();
  const plan = await local.planHandover({ orderId, confirmedAt });
  state.handoverBy = plan.handoverBy;
  showBusinessAttributes({ businessStatus: 'awaiting_handover', dueAt: plan.handoverBy });
  let handoverMissed = false;
  while (!(state.merchantSigned && state.carrierSigned)) {
    if (slipChanged) {
      slipChanged = false;
      const slip = await local.handoverSlipStatus(subject);
      Object.assign(state, slip.slipId ? { slipId: slip.slipId } : {}, {
        merchantSigned: slip.merchantSigned,
        carrierSigned: slip.carrierSigned,
      });
      // The carrier is known once the slip names it: staff then find the handover by CarrierId.
      if (slip.carrierId && slip.carrierId !== state.carrierId) {
        state.carrierId = slip.carrierId;
        showBusinessAttributes({ carrierId: slip.carrierId });
      }
      continue;
    }
    if (handoverMissed) {
      await condition(() => slipChanged);
      continue;
    }
    const remaining = Date.parse(plan.handoverBy) - Date.now();
    const slipSummary = 'handover deadline: slip signed by merchant and courier (§6.2.2)';
    if (remaining <= 0 || !(await condition(() => slipChanged, remaining, { summary: slipSummary }))) {
      handoverMissed = true;
      // The party that kept the goods from moving: no slip or no merchant signature is the
      // merchant's delay; a slip the merchant signed and no courier did is the carrier's.
      const late = state.slipId && state.merchantSigned ? 'carrier' : 'merchant';
      await breach('handover', late, plan.handoverBy);
      await notify({ orderId, purpose: 'handover_overdue_merchant' });
    }
  }

  // 2. Book the shipment (idempotent on workflow id + step), then the order is handed over.
  state.phase = 'booking';
  showBusinessAttributes({ businessStatus: 'booking' });
  const booking = await carrier.bookShipment({
    ...subject,
    idempotencyKey: `${workflowInfo().workflowId}:book-shipment`,
  });
  state.shipmentId = booking.shipmentId;
  const handedOver = await local.recordHandedOver(subject);
  state.handedOverAt = handedOver.handedOverAt;
  state.orderStatus = 'handed_over';
  const delivery = await local.planDelivery({ ...subject, handedOverAt: handedOver.handedOverAt });
  state.deliverBy = delivery.deliverBy;
  state.codAmount = delivery.codAmount ?? undefined;
  await notify({ orderId, purpose: 'order_handed_over_consumer', deliverBy: delivery.deliverBy });

  // 3. Delivered by the contracted time (§6.1), or returned after a second failed attempt.
  state.phase = 'in_delivery';
  showBusinessAttributes({ businessStatus: 'in_delivery', dueAt: delivery.deliverBy });
  await waitFor(
    () => state.deliveredAt !== undefined || returned,
    delivery.deliverBy,
    'delivery deadline of the carrier contract (§6.1)',
    () => breach('delivery', 'carrier', delivery.deliverBy),
  );
  if (returned) {
    showBusinessAttributes({ businessStatus: 'returned_to_merchant' });
    return { orderId, outcome: 'returned_to_merchant' };
  }

  // 4. Cash on delivery remitted by the contracted time (§6.1).
  if (delivery.codAmount) {
    state.phase = 'awaiting_cod_remittance';
    const cod = await local.planCodRemittance({ ...subject, deliveredAt: state.deliveredAt as string });
    state.codRemitBy = cod.remitBy;
    showBusinessAttributes({ businessStatus: 'awaiting_cod_remittance', dueAt: cod.remitBy });
    await waitFor(
      () => state.codRemitted >= (delivery.codAmount ?? 0),
      cod.remitBy,
      'cash-on-delivery remittance deadline (§6.1)',
      () => breach('cod_remittance', 'carrier', cod.remitBy),
    );
  }

  await local.recordDeliveryCompleted(subject);
  state.orderStatus = 'completed';
  state.phase = 'completed';
  showBusinessAttributes({ businessStatus: 'completed' });
  return { orderId, outcome: 'completed' };
}
