import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { HandoverSlip } from '../../db/entities/handover-slip.entity';
import { HolidayYearVersion } from '../../db/entities/holiday-year-version.entity';
import { Order } from '../../db/entities/order.entity';
import { OrderEvent } from '../../db/entities/order-event.entity';
import { ReturnLine } from '../../db/entities/return-line.entity';
import { ReturnRequest } from '../../db/entities/return-request.entity';
import { ServiceCommitmentVersion } from '../../db/entities/service-commitment-version.entity';
import { NotFoundError, UnavailableError } from '../../domain/errors';
import {
  assertEligible,
  assertQuantitiesAvailable,
  quantitiesLeft,
  returnWindowTerm,
  type RequestedReturnKind,
  type ReturnReason,
} from '../../domain/returns';
import { serviceDeadlines } from '../../domain/service-deadlines';

export interface ReturnAsked {
  orderId: string;
  /** The consumer the order must belong to (someone else's order is "not found"). */
  consumerId: string;
  type: RequestedReturnKind;
  reason: ReturnReason;
  items: ReadonlyArray<{ productId: string; quantity: number }>;
  description?: string;
  evidence?: string[];
  /** The complaint whose accepted remedy this return is (§4.8, §5.7): one return per complaint. */
  complaintId?: string;
  /** The consumer's Idempotency-Key and the hash of their request (POST /orders/:id/returns). */
  idempotency?: { idempotencyKey: string; requestHash: string } | null;
}

/**
 * §5.3: what of each product can still be asked back: delivered minus what the order's
 * other returns hold (their accepted count once inspected, else what they asked).
 */
export async function quantitiesStillReturnable(em: EntityManager, order: Order): Promise<Map<string, number>> {
  const others = await em.getRepository(ReturnRequest).holdingGoods(order.id);
  const held = others.flatMap((other) =>
    other.lines.getItems().map((line) => ({ productId: line.productId, quantity: line.accepted ?? line.quantity })),
  );
  return quantitiesLeft(order.items.getItems(), held);
}

/**
 * Creates a return request (T/QGCML 3125 §6.4; §4.8, §5.7 as a complaint remedy): the one
 * function the API and the complaints process both call, inside the caller's transaction
 * (it lives with the activities so both may import it: api/ → activities/ → db/, domain/).
 * Checks, before anything is written: the order is the consumer's, delivered (or past its
 * delivery deadline for missing goods), within the return window of the commitments in
 * force now, and each item asks no more than delivered minus what other returns hold
 * (§5.3). The order row is locked, so two concurrent requests cannot both take the last
 * item. Sets approveBy (returnApproval, on the service calendar) and a timeline entry.
 * Start the process afterwards with `startReturnProcess` (or startChild from a workflow).
 */
export async function requestReturn(em: EntityManager, asked: ReturnAsked, now = new Date()): Promise<ReturnRequest> {
  const order = await em.findOne(
    Order,
    { id: asked.orderId, consumerId: asked.consumerId },
    { populate: ['items'], lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  if (!order) throw new NotFoundError('order', asked.orderId);
  const versions = em.getRepository(ServiceCommitmentVersion);
  const inForce = await versions.inForceAt(now);
  if (!inForce) throw new UnavailableError('no service commitments are in force');
  const commitments = { version: inForce.version, terms: inForce.parsedCommitments() };
  const holidays = await em.getRepository(HolidayYearVersion).calendarInForceAt(now);

  const slip = await em.findOne(HandoverSlip, { orderId: order.id, returnId: null });
  const deliveredAt = slip?.deliveredAt ?? null;
  const window = deliveredAt && serviceDeadlines(commitments, deliveredAt, [returnWindowTerm(asked.reason)], holidays);
  const deliverBy = slip?.handedOverAt && serviceDeadlines(commitments, slip.handedOverAt, ['delivery'], holidays);
  assertEligible({
    kind: asked.type,
    reason: asked.reason,
    orderStatus: order.status,
    deliveredAt,
    deliverBy: deliverBy ? new Date(deliverBy.deadlines.delivery) : null,
    windowEndsAt: window ? new Date(Object.values(window.deadlines)[0] as string) : null,
    now,
  });

  const ordered = order.items.getItems();
  assertQuantitiesAvailable(asked.items, await quantitiesStillReturnable(em, order));

  const request = new ReturnRequest({
    orderId: order.id,
    consumerId: order.consumerId,
    merchantId: order.merchantId,
    kind: asked.type,
    reason: asked.reason,
    currency: order.currency,
  });
  request.description = asked.description ?? null;
  request.evidence = asked.evidence ?? [];
  request.complaintId = asked.complaintId ?? null;
  request.idempotencyKey = asked.idempotency?.idempotencyKey ?? null;
  request.requestHash = asked.idempotency?.requestHash ?? null;
  request.carrierId = slip?.carrierId ?? null;
  request.provider = slip?.provider ?? null;
  request.createdAt = now;
  const approval = serviceDeadlines(commitments, now, ['returnApproval'], holidays);
  request.approveBy = new Date(approval.deadlines.returnApproval);
  request.commitmentVersion = commitments.version;
  // One line per product, at the price the consumer paid for it (§5.4).
  const byProduct = new Map<string, number>();
  for (const item of asked.items) byProduct.set(item.productId, (byProduct.get(item.productId) ?? 0) + item.quantity);
  [...byProduct].forEach(([productId, quantity], position) => {
    const line = ordered.find((item) => item.productId === productId)!;
    request.lines.add(
      new ReturnLine({
        returnRequest: request,
        position,
        productId,
        name: line.name,
        unitPrice: line.unitPrice,
        quantity,
      }),
    );
  });
  em.persist(request);
  em.persist(
    new OrderEvent({
      order,
      key: `return_requested:${request.id}`,
      type: 'return_requested',
      occurredAt: now,
      details: {
        returnId: request.id,
        type: asked.type,
        reason: asked.reason,
        items: [...byProduct].map(([productId, quantity]) => ({ productId, quantity })),
      },
    }),
  );
  await em.flush();
  return request;
}
