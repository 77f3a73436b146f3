import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyRequest } from 'fastify';
import { Carrier } from '../../db/entities/carrier.entity';
import { HandoverSlip, type SlipPackage } from '../../db/entities/handover-slip.entity';
import type { Order } from '../../db/entities/order.entity';
import type { FieldCipher } from '../../db/field-cipher';
import { ConflictError, InvalidInputError } from '../../domain/errors';
import { persistAudited } from '../shared/audit';
import type { DraftHandoverBody } from './schemas';

/**
 * Checks the slip against the order (T/QGCML 3125 §5.3: the items and counts handed over
 * are the ones ordered; a package may not hold what was not ordered or more than was) and
 * builds it. The delivery details are copied from the order's encrypted address and
 * re-encrypted for this slip (§7.2). Throws before anything is written.
 */
export async function draftSlip(
  em: EntityManager,
  cipher: FieldCipher,
  order: Order,
  body: DraftHandoverBody,
  provider: string,
): Promise<HandoverSlip> {
  if (order.status !== 'confirmed')
    throw new ConflictError(`order ${order.id} is ${order.status}; only a confirmed order is handed over`);
  if ((await em.count(HandoverSlip, { orderId: order.id, returnId: null })) > 0)
    throw new ConflictError(`order ${order.id} already has a handover slip`);
  return buildSlip(em, cipher, order, order.items.getItems(), body, provider);
}

/** What a slip may hold: one line per product with the price the consumer paid. */
export interface HandoverableLine {
  productId: string;
  name: string;
  unitPrice: number;
  quantity: number;
}

/**
 * Builds a slip for `lines` of the order, checked line by line (§5.3) and addressed to the
 * order's recipient: the order's own delivery, or with `returnId` the replacement of an
 * exchange (§6.4), which holds the accepted goods and carries no cash on delivery.
 */
export async function buildSlip(
  em: EntityManager,
  cipher: FieldCipher,
  order: Order,
  lines: readonly HandoverableLine[],
  body: DraftHandoverBody,
  provider: string,
  returnId: string | null = null,
): Promise<HandoverSlip> {
  if (!(await em.findOne(Carrier, { id: body.carrierId })))
    throw new InvalidInputError('carrierId', 'is not a carrier on the platform');
  if (returnId && body.cashOnDelivery)
    throw new InvalidInputError('cashOnDelivery', 'a replacement is already paid for; it carries no cash on delivery');

  const ordered = new Map<string, { name: string; unitPrice: number; quantity: number }>();
  for (const item of lines) {
    const line = ordered.get(item.productId);
    if (line) line.quantity += item.quantity;
    else ordered.set(item.productId, { name: item.name, unitPrice: item.unitPrice, quantity: item.quantity });
  }
  const counted = new Map<string, number>();
  let itemCount = 0;
  let goodsValue = 0;
  const packages: SlipPackage[] = body.packages.map((pkg, p) => ({
    weightGrams: pkg.weightGrams ?? null,
    items: pkg.items.map((item, i) => {
      const line = ordered.get(item.productId);
      if (!line)
        throw new InvalidInputError(
          `packages.${p}.items.${i}.productId`,
          `is not an item of this ${returnId ? 'exchange' : 'order'}`,
        );
      const total = (counted.get(item.productId) ?? 0) + item.quantity;
      if (total > line.quantity)
        throw new InvalidInputError(
          `packages.${p}.items.${i}.quantity`,
          `hands over ${total} in all, but ${line.quantity} were ${returnId ? 'accepted for exchange' : 'ordered'}`,
        );
      counted.set(item.productId, total);
      itemCount += item.quantity;
      goodsValue += item.quantity * line.unitPrice;
      return { productId: item.productId, name: line.name, unitPrice: line.unitPrice, quantity: item.quantity };
    }),
  }));
  const codAmount = body.cashOnDelivery?.amount ?? null;
  if (codAmount !== null && codAmount > order.totalAmount())
    throw new InvalidInputError('cashOnDelivery.amount', 'exceeds the order total');

  const address = cipher.decrypt(order.shippingAddressCiphertext, `order:${order.id}:shippingAddress`);
  const { name, phone, address: street } = JSON.parse(address) as { name: string; phone: string; address: string };
  const slip = new HandoverSlip({
    orderId: order.id,
    merchantId: order.merchantId,
    carrierId: body.carrierId,
    packages,
    itemCount,
    goodsValue,
    declaredValue: body.declaredValue ?? goodsValue,
    currency: order.currency,
    codAmount,
    recipientCiphertext: '',
    provider,
  });
  slip.returnId = returnId;
  slip.recipientCiphertext = cipher.encrypt(JSON.stringify({ name, phone, address: street }), slip.recipientContext());
  return slip;
}

/**
 * Stores a drafted slip (the order's or a replacement's) and audits the draft in the same
 * transaction (§6.2.1, §8.3.5).
 */
export async function saveDraftedSlip(request: FastifyRequest, em: EntityManager, slip: HandoverSlip): Promise<void> {
  const details = { orderId: slip.orderId, ...(slip.returnId ? { returnId: slip.returnId } : {}) };
  await persistAudited(request, em, slip, {
    action: 'handover.draft',
    entity: 'handover_slip',
    entityId: slip.id,
    details,
  });
}
