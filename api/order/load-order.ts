import type { FastifyRequest } from 'fastify';
import { Order } from '../../db/entities/order.entity';
import { NotFoundError } from '../../domain/errors';
import { scopeFor } from '../auth/ownership';
import { principalOf } from '../plugins/auth';

/**
 * The order with its lines and timeline if the caller may see it; otherwise the same 404
 * whether it is missing or someone else's (T/QGCML 3125 §8.3.2).
 */
export async function loadVisibleOrder(request: FastifyRequest, id: string): Promise<Order> {
  const order = await request.em.getRepository(Order).findVisible(id, scopeFor(principalOf(request)));
  if (!order) throw new NotFoundError('order', id);
  return order;
}
