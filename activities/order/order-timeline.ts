import { LockMode, type MikroORM } from '@mikro-orm/postgresql';
import { Order } from '../../db/entities/order.entity';
import { OrderEvent } from '../../db/entities/order-event.entity';

/** Records one timeline step once: the key makes a retried activity a no-op. */
export async function recordOrderEvent(
  orm: MikroORM,
  orderId: string,
  key: string,
  details: Record<string, unknown> = {},
  apply?: (order: Order) => void,
): Promise<void> {
  await orm.em.fork().transactional(async (em) => {
    const order = await em.findOneOrFail(Order, { id: orderId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const existing = await em.count(OrderEvent, { order, key });
    if (existing > 0) return;
    apply?.(order);
    em.persist(new OrderEvent({ order, key, type: key.split(':')[0] ?? key, occurredAt: new Date(), details }));
  });
}
