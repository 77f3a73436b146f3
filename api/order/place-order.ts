import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyRequest } from 'fastify';
import type { FieldCipher } from '../../db/field-cipher';
import { Order } from '../../db/entities/order.entity';
import { OrderEvent } from '../../db/entities/order-event.entity';
import { OrderItem } from '../../db/entities/order-item.entity';
import { Product } from '../../db/entities/product.entity';
import { ServiceCommitmentVersion } from '../../db/entities/service-commitment-version.entity';
import { InvalidInputError } from '../../domain/errors';
import type { Principal } from '../../domain/principal';
import { currentTerms } from '../../domain/terms';
import { queueAuditFromRequest } from '../shared/audit';
import { createOnce, type IdempotencyFingerprint, type MadeOnce } from '../shared/idempotency-key';
import type { PlaceOrderBody } from './schemas';

/**
 * Places an order in one transaction: checks every line against the catalog, takes the
 * stock (conditional updates: no oversell, §5.3), prices goods and delivery apart (§5.4),
 * fixes the confirmation deadline from the commitments in force (§4.7), stores the
 * shipping address encrypted (§7.2) and audits it. Either all of it is written or none.
 * The consumer's Idempotency-Key makes it once (api/shared/idempotency-key.ts).
 */
export async function placeOrder(
  request: FastifyRequest,
  deps: { cipher: FieldCipher },
  principal: Principal,
  idempotencyKey: string,
  body: PlaceOrderBody,
): Promise<MadeOnce<Order>> {
  return createOnce({
    what: 'order',
    key: idempotencyKey,
    request: body,
    find: (key) => request.em.fork().getRepository(Order).findByIdempotencyKey(principal.sub, key),
    create: (fingerprint) =>
      request.em.fork().transactional((em) => writeOrder(em, request, deps, principal, fingerprint, body)),
  });
}

async function writeOrder(
  em: EntityManager,
  request: FastifyRequest,
  deps: { cipher: FieldCipher },
  principal: Principal,
  fingerprint: IdempotencyFingerprint,
  body: PlaceOrderBody,
): Promise<Order> {
  const products = new Map(
    (await em.getRepository(Product).findForOrder(body.items.map((item) => item.productId))).map((p) => [p.id, p]),
  );
  const seen = new Set<string>();
  const lines = body.items.map((item, index) => {
    const product = products.get(item.productId);
    const field = `body.items[${index}].productId`;
    if (!product) throw new InvalidInputError(field, 'no such product');
    if (seen.has(product.id)) throw new InvalidInputError(field, 'is listed twice; give one line per product');
    seen.add(product.id);
    if (product.status !== 'on_sale') throw new InvalidInputError(field, 'is not on sale');
    if (!product.merchant.maySellAt(new Date()))
      throw new InvalidInputError(field, 'the merchant cannot sell at the moment');
    return { product, quantity: item.quantity };
  });
  const merchantId = lines[0]!.product.merchant.id;
  if (lines.some((line) => line.product.merchant.id !== merchantId)) {
    throw new InvalidInputError('body.items', 'all items of an order must come from one merchant');
  }

  // The deadline is read on this transaction's connection (never a second pooled one).
  const placedAt = new Date();
  const deadlines = await confirmationDeadline(em, placedAt);

  const goods = lines.reduce((sum, line) => sum + line.product.price * line.quantity, 0);
  // One parcel from one merchant: the delivery fee is the highest of the products' fees.
  const delivery = Math.max(...lines.map((line) => line.product.deliveryFee));
  const order = new Order({
    consumerId: principal.sub,
    merchantId,
    goodsAmount: goods,
    deliveryFee: delivery,
    currency: lines[0]!.product.currency,
    shippingAddressCiphertext: '',
    paymentMethod: body.payment.method,
    paymentToken: body.payment.token,
    idempotencyKey: fingerprint.idempotencyKey,
    requestHash: fingerprint.requestHash,
  });
  // The consumer confirms the terms in force by placing the order (§7.2.5).
  order.termsVersion = currentTerms.version;
  order.shippingAddressCiphertext = deps.cipher.encrypt(
    JSON.stringify(body.shippingAddress),
    `order:${order.id}:shippingAddress`,
  );
  lines.forEach((line, position) =>
    order.items.add(
      new OrderItem({
        order,
        position,
        productId: line.product.id,
        sku: line.product.sku,
        name: line.product.name,
        unitPrice: line.product.price,
        quantity: line.quantity,
      }),
    ),
  );
  order.createdAt = placedAt;
  order.confirmBy = new Date(deadlines.deadlines.orderConfirmation);
  order.commitmentVersion = deadlines.version;
  order.events.add(
    new OrderEvent({ order, key: 'placed', type: 'placed', occurredAt: placedAt, details: { items: lines.length } }),
  );
  em.persist(order);
  await em.flush();
  // Queued, not linked: no shop-wide audit lock inside the order's transaction (§8.3.5 still
  // holds: the event commits with the order, and joins the hash chain right after).
  await queueAuditFromRequest(
    request,
    { action: 'order.place', entity: 'order', entityId: order.id, details: { merchantId } },
    em,
  );

  // The stock last, just before the commit: a flash sale's orders queue on the product's
  // row lock, which each holds for one UPDATE and the commit only (§5.3: no oversell).
  // In product-id order, so two orders for the same products can never deadlock.
  const byProductId = [...lines.entries()].sort(([, a], [, b]) => a.product.id.localeCompare(b.product.id));
  for (const [index, line] of byProductId) {
    const taken = await em.getRepository(Product).reserveStock(line.product.id, line.quantity);
    if (!taken) throw new InvalidInputError(`body.items[${index}].quantity`, 'is more than the stock available');
  }
  return order;
}

/** §4.7: the confirmation deadline from the commitments and holiday years in force at placement. */
async function confirmationDeadline(em: EntityManager, placedAt: Date) {
  const resolved = await em.getRepository(ServiceCommitmentVersion).deadlinesFrom(placedAt, ['orderConfirmation']);
  if (!resolved) throw new Error(`no service commitments were in force at ${placedAt.toISOString()}`);
  return resolved;
}
