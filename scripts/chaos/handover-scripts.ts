// A confirmed order handed over and delivered, over HTTP as the parties do it (T/QGCML
// 3125 §6.2.1, §6.2.2, §6.1): the merchant drafts the slip, merchant and courier sign it,
// the handover process books the shipment, and the sandbox carrier's back office scans it
// picked up, in transit and delivered — each scan a signed webhook to the API (or the
// proxy) — until the order is `completed`.
import { carrierEvent, readUntil, redeliver, type ChaosParties } from './chaos-parties';
import type { Answer } from './retrying-client';
import type { ChaosOrder } from './order-scripts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/**
 * The order's slip, if a draft whose answer was lost went through. No route lists an
 * order's slips (the merchant keeps the answer of its draft), so this reads the run's
 * database, as the merchant would look in its own records.
 */
async function draftedSlip(parties: ChaosParties, order: ChaosOrder): Promise<Answer | undefined> {
  const { rows } = (await parties
    .orm()
    .em.getConnection()
    .getKnex()
    .raw('select id from handover_slip where order_id = ? and return_id is null', [order.orderId!])) as {
    rows: Array<{ id: string }>;
  };
  return rows[0] ? { status: 201, body: { id: rows[0].id } } : undefined;
}

export async function handOver(parties: ChaosParties, order: ChaosOrder): Promise<void> {
  const { api } = parties;
  const merchant = bearer(order.merchantToken);
  const draft = await api.call(
    'POST',
    `/orders/${order.orderId}/handover`,
    merchant,
    { carrierId: parties.carrierId, packages: [{ items: [{ productId: order.productId, quantity: 1 }] }] },
    () => draftedSlip(parties, order),
  );
  const slip = draft.status === 409 ? await draftedSlip(parties, order) : draft;
  if (slip?.status !== 201)
    throw new Error(`drafting the slip answered ${draft.status}: ${JSON.stringify(draft.body)}`);
  order.slipId = String(slip.body.id);

  // A 409 "already signed" is the answer to a retried signature whose first attempt went through.
  for (const [who, custodianName] of [
    [merchant, 'Zhang San'],
    [parties.courier, 'Li Si'],
  ] as const) {
    const signed = await api.call('POST', `/handovers/${order.slipId}/sign`, who, {
      custodianName,
      goodsAndPackagingConfirmed: true,
    });
    if (signed.status !== 200 && signed.status !== 409)
      throw new Error(`signing slip ${order.slipId} answered ${signed.status}: ${JSON.stringify(signed.body)}`);
  }
  const booked = await readUntil(
    () => api.call('GET', `/handovers/${order.slipId}`, parties.courier),
    (view) => typeof view.shipmentId === 'string',
    `shipment of slip ${order.slipId}`,
  );
  const shipmentId = String(booked.shipmentId);

  const events: string[] = [];
  for (const type of ['picked_up', 'in_transit', 'delivered'])
    events.push(await carrierEvent(parties, shipmentId, type));
  // The carrier retries a webhook for ~15 s; one that outlived that (the API or Temporal
  // down longer) is redelivered, as a carrier does for an event never acknowledged.
  await readUntil(
    () => api.call('GET', `/orders/${order.orderId}`, bearer(order.consumerToken)),
    (view) => view.status === 'completed',
    `order ${order.orderId} completed`,
    () => redeliver(parties, events),
  );
}
