// A delivered order returned and refunded over HTTP, as test/integration/returns does it
// (T/QGCML 3125 §6.4, §7.1.2): the consumer asks (damaged: the merchant's fault), the
// merchant approves, the return process books the return shipment, the carrier picks it
// up, courier and merchant sign the return slip, the merchant inspects (all accepted, as
// new: back in stock) and the process refunds goods and delivery fee, once.
import { carrierEvent, readUntil, redeliver, type ChaosParties } from './chaos-parties';
import type { Answer } from './retrying-client';
import type { ChaosOrder } from './order-scripts';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
/** An update the process already took (its answer lost to a kill) is refused as a 409: done either way. */
const done = (answer: Answer) => answer.status === 200 || answer.status === 409;

export async function returnAndRefund(parties: ChaosParties, order: ChaosOrder): Promise<void> {
  const { api } = parties;
  const consumer = bearer(order.consumerToken);
  const merchant = bearer(order.merchantToken);
  // The order's key with the step: a retry of a request whose answer was lost (the API
  // killed mid-request) answers with the return it made, never the 422 of a second one.
  const request = await api.call(
    'POST',
    `/orders/${order.orderId}/returns`,
    { ...consumer, 'idempotency-key': `${order.idempotencyKey}:return` },
    { type: 'return', reason: 'damaged', items: [{ productId: order.productId, quantity: 1 }] },
  );
  if (request.status !== 201)
    throw new Error(`asking to return answered ${request.status}: ${JSON.stringify(request.body)}`);
  order.returnId = String(request.body.id);
  const view = () => api.call('GET', `/returns/${order.returnId}`, consumer);
  const step = (what: string, answer: Answer) => {
    if (!done(answer)) throw new Error(`${what} of return ${order.returnId} answered ${answer.status}`);
  };

  step(
    'approving',
    await api.call('POST', `/returns/${order.returnId}/approve`, merchant, {
      returnAddress: 'Tea House, 1 Nanjing Rd, Shanghai',
    }),
  );
  const booked = await readUntil(
    view,
    (body) => typeof (body.shipment as { shipmentId?: unknown } | null)?.shipmentId === 'string',
    `return shipment of ${order.returnId}`,
  );
  const shipmentId = String((booked.shipment as { shipmentId: string }).shipmentId);
  const pickedUp = [await carrierEvent(parties, shipmentId, 'picked_up')];
  await readUntil(
    view,
    (body) => body.status === 'in_transit',
    `return ${order.returnId} in transit`,
    () => redeliver(parties, pickedUp),
  );

  for (const [who, custodianName] of [
    [parties.courier, 'Li Si'],
    [merchant, 'Zhang San'],
  ] as const)
    step('signing the slip', await api.call('POST', `/returns/${order.returnId}/slip/sign`, who, { custodianName }));
  await readUntil(view, (body) => body.status === 'received', `return ${order.returnId} received`);

  step(
    'inspecting',
    await api.call('POST', `/returns/${order.returnId}/inspection`, merchant, {
      lines: [{ productId: order.productId, received: 1, accepted: 1, condition: 'as_new' }],
    }),
  );
  await readUntil(view, (body) => body.status === 'refunded', `return ${order.returnId} refunded`);
}
