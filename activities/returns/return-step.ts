import { LockMode, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { Order } from '../../db/entities/order.entity';
import { OrderEvent } from '../../db/entities/order-event.entity';
import { ReturnRequest } from '../../db/entities/return-request.entity';

/**
 * One step of a return, recorded once: `<type>:<returnId>` on the order's timeline is the
 * step's key, so a retried activity changes nothing twice. The change to the return (and
 * whatever `apply` does in the same transaction, e.g. restocking) commits with the entry.
 */
export async function returnStep(
  orm: MikroORM,
  returnId: string,
  type: string,
  details: Record<string, unknown>,
  apply: (request: ReturnRequest, em: EntityManager, order: Order) => Promise<void> | void,
): Promise<ReturnRequest> {
  return orm.em.fork().transactional(async (em) => {
    const request = await em.findOneOrFail(
      ReturnRequest,
      { id: returnId },
      { populate: ['lines'], lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const order = await em.findOneOrFail(Order, { id: request.orderId });
    const key = `${type}:${returnId}`;
    if ((await em.count(OrderEvent, { order, key })) === 0) {
      await apply(request, em, order);
      em.persist(new OrderEvent({ order, key, type, occurredAt: new Date(), details: { returnId, ...details } }));
    }
    return request;
  });
}
