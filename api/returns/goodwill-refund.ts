import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { Order } from '../../db/entities/order.entity';
import { OrderEvent } from '../../db/entities/order-event.entity';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import { ServiceCommitmentVersion } from '../../db/entities/service-commitment-version.entity';
import { ConflictError, InvalidInputError, NotFoundError } from '../../domain/errors';

/**
 * A goodwill refund (T/QGCML 3125 §4.8; the issue: "a refund must not require a return"):
 * staff refund an amount on a delivered order, with a reason, without any goods coming back.
 * It is a return of kind `goodwill`, already approved by the staff member, with its amount
 * fixed, so the returnRefund process pays it like any refund: one idempotency key, retried
 * until through, recorded in the order's payments. Never more than captured minus refunded.
 */
export async function grantGoodwillRefund(
  em: EntityManager,
  grant: { orderId: string; amount: number; reason: string; by: string },
  now = new Date(),
): Promise<ReturnRequest> {
  const order = await em.findOne(Order, { id: grant.orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!order) throw new NotFoundError('order', grant.orderId);
  if (!['delivered', 'completed'].includes(order.status))
    throw new ConflictError(`order ${order.id} is ${order.status}; goodwill refunds are for delivered orders`);
  const room = await em.getRepository(ReturnRequest).refundRoom(order.id);
  const left = Math.max(0, room.captured - room.alreadyRefunded);
  if (grant.amount > left)
    throw new InvalidInputError('amount', `is more than the ${left} left to refund on this order`);
  const inForce = await em.getRepository(ServiceCommitmentVersion).inForceAt(now);

  const request = new ReturnRequest({
    orderId: order.id,
    consumerId: order.consumerId,
    merchantId: order.merchantId,
    kind: 'goodwill',
    reason: 'no_reason',
    currency: order.currency,
  });
  Object.assign(request, {
    status: 'approved',
    createdAt: now,
    approveBy: now,
    commitmentVersion: inForce?.version ?? null,
    decidedBy: grant.by,
    decidedAt: now,
    decisionNote: grant.reason,
    refundGoodsAmount: grant.amount,
    refundDeliveryFee: 0,
    refundAmount: grant.amount,
  });
  em.persist(request);
  em.persist(
    new OrderEvent({
      order,
      key: `goodwill_refund_granted:${request.id}`,
      type: 'goodwill_refund_granted',
      occurredAt: now,
      details: {
        returnId: request.id,
        amount: grant.amount,
        by: grant.by,
      },
    }),
  );
  await em.flush();
  return request;
}
