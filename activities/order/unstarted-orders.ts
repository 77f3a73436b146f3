import type { EntityManager } from '@mikro-orm/postgresql';
import { Order } from '../../db/entities/order.entity';
import { orderWorkflowId } from '../../workflows/order/order-confirmation.definitions';
import type { SweepWindow, UnstartedProcess } from '../shared/unstarted-process-sweep';
import { startOrderProcess } from './order-process-start';

/**
 * Orders awaiting confirmation whose process never ran (its first activity stamps
 * processStartedAt), for the unstarted-process sweep; started as `POST /orders` starts them.
 */
export async function findUnstartedOrders(
  em: EntityManager,
  window: SweepWindow,
  limit: number,
): Promise<UnstartedProcess[]> {
  const orders = await em.find(
    Order,
    {
      status: 'awaiting_confirmation',
      processStartedAt: null,
      createdAt: { $gte: window.from, $lte: window.until },
    },
    { orderBy: { createdAt: 'asc' }, limit },
  );
  return orders.map((order) => ({
    workflowId: orderWorkflowId(order.id),
    record: order,
    start: (client) => startOrderProcess(client, order),
  }));
}
