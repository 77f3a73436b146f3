// What each order of a chaos run is told to become, and the HTTP calls that drive it there:
// placed with a card the sandbox approves (authorised), then confirmed by the merchant
// (captured), cancelled by the consumer or rejected by the merchant (voided); then a share
// of the confirmed ones is handed over and delivered, and of those some are returned and
// refunded or complained about and compensated (handover-, return-, complaint-scripts.ts).
import { randomUUID } from 'node:crypto';
import type { BenchShop } from '../bench/bench-data';
import type { RetryingClient } from './retrying-client';

export type Script = 'confirm' | 'cancel' | 'reject';
/** What happens to a confirmed order after: nothing (its handover waits), or handed over and … */
export type FollowUp = 'deliver' | 'return' | 'complain';

export interface ChaosOrder {
  index: number;
  script: Script;
  idempotencyKey: string;
  productId: string;
  consumerToken: string;
  merchantToken: string;
  followUp?: FollowUp;
  orderId?: string;
  slipId?: string;
  returnId?: string;
  complaintId?: string;
  /** A call that never got an answer retrying could accept: named in the report. */
  failure?: string;
}

/** Six in ten confirmed, two cancelled by the consumer, two rejected by the merchant. */
const MIX: Script[] = [
  'confirm',
  'cancel',
  'confirm',
  'reject',
  'confirm',
  'confirm',
  'cancel',
  'confirm',
  'reject',
  'confirm',
];
/**
 * Of each ten orders' six confirmed ones: three stay confirmed (their handover waits for
 * the slip), one is delivered, one is returned and refunded, one gets a compensated complaint.
 */
const FOLLOW_UPS: Array<FollowUp | undefined> = [
  undefined,
  undefined,
  'deliver',
  undefined,
  'return',
  'complain',
  undefined,
  undefined,
  undefined,
  undefined,
];
/** A handful of products, so orders meet on the same stock rows as in a sale. */
const PRODUCTS_USED = 10;
/** Long enough for a Temporal restart and the unstarted-order sweep (every minute). */
const DECIDED_WITHIN_MS = 5 * 60_000;
const shippingAddress = { name: '李四', phone: '13800138000', address: '上海市黄浦区南京东路1号' };

export function planOrders(count: number, shop: BenchShop): ChaosOrder[] {
  return Array.from({ length: count }, (_, index) => ({
    index,
    script: MIX[index % MIX.length]!,
    followUp: FOLLOW_UPS[index % FOLLOW_UPS.length],
    idempotencyKey: `chaos-${randomUUID()}`,
    productId: shop.productIds[index % PRODUCTS_USED]!,
    consumerToken: shop.consumerTokens[index % shop.consumerTokens.length]!,
    merchantToken: shop.merchantTokens[index % shop.merchantTokens.length]!,
  }));
}

export async function placeOrder(client: RetryingClient, order: ChaosOrder): Promise<void> {
  const answer = await client.call(
    'POST',
    '/orders',
    { authorization: `Bearer ${order.consumerToken}`, 'idempotency-key': order.idempotencyKey },
    {
      items: [{ productId: order.productId, quantity: 1 }],
      shippingAddress,
      payment: { method: 'card', token: 'tok_ok' },
    },
  );
  if (answer.status !== 201 && answer.status !== 200)
    throw new Error(`placing order ${order.index} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  order.orderId = String(answer.body.id);
}

/**
 * The script's decision. A 409 is an answer too: a retried decision whose first attempt
 * went through (its answer lost with the killed process) finds the order decided — but
 * the first one may still be capturing or voiding, so the client waits until the order
 * reads decided. One still undecided after that (the process had not started: the sweep
 * starts it within a minute) is decided again. The final check reads which way.
 */
export async function decideOrder(client: RetryingClient, order: ChaosOrder): Promise<void> {
  const byMerchant = order.script !== 'cancel';
  const giveUpAt = Date.now() + DECIDED_WITHIN_MS;
  while (Date.now() < giveUpAt) {
    const answer = await client.call(
      'POST',
      `/orders/${order.orderId}/${order.script}`,
      { authorization: `Bearer ${byMerchant ? order.merchantToken : order.consumerToken}` },
      order.script === 'reject' ? { reason: 'out of this harvest (chaos run)' } : undefined,
    );
    if (answer.status === 200) return;
    if (answer.status !== 409)
      throw new Error(
        `${order.script} of order ${order.index} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    for (const waitUntil = Date.now() + 30_000; Date.now() < waitUntil;) {
      const read = await client.call('GET', `/orders/${order.orderId}`, {
        authorization: `Bearer ${order.consumerToken}`,
      });
      if (read.status === 200 && read.body.status !== 'awaiting_confirmation') return;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error(`order ${order.index} still awaiting confirmation after ${DECIDED_WITHIN_MS / 60_000} min`);
}

/** Runs `work` over `items`, `concurrency` at a time; failures are kept on the order, not thrown. */
export async function inParallel(
  items: ChaosOrder[],
  concurrency: number,
  work: (order: ChaosOrder) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const order = items[next++]!;
      if (order.failure) continue;
      await work(order).catch((error: unknown) => {
        order.failure = error instanceof Error ? error.message : String(error);
      });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}
