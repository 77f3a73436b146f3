import { EntityRepository } from '@mikro-orm/postgresql';
import type { Order } from '../entities/order.entity';

/**
 * Which orders a caller may see (api/auth/ownership.ts scopeFor): a consumer its own, a
 * merchant its shop's, staff all. Orders have no carrier: a carrier scope sees none.
 */
export type OrderScope =
  { consumerId: string } | { merchantId: string } | { carrierId: string } | Record<string, never>;

const NOTHING = { id: { $in: [] as string[] } };

function filterOf(scope: OrderScope) {
  return 'carrierId' in scope ? NOTHING : scope;
}

export class OrderRepository extends EntityRepository<Order> {
  /** The order if it exists and lies in the caller's scope; otherwise null (a 404 either way). */
  findVisible(id: string, scope: OrderScope): Promise<Order | null> {
    return this.findOne({ id, ...filterOf(scope) }, { populate: ['items', 'events'] });
  }

  findByIdempotencyKey(consumerId: string, idempotencyKey: string): Promise<Order | null> {
    return this.findOne({ consumerId, idempotencyKey }, { populate: ['items'] });
  }

  /** Newest first, with the total for paging; each with its lines, which the order view shows. */
  listVisible(scope: OrderScope, page: { limit: number; offset: number }): Promise<[Order[], number]> {
    return this.findAndCount(filterOf(scope), {
      populate: ['items'],
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: page.limit,
      offset: page.offset,
    });
  }

  /** Loads an order for an activity, with its lines; a missing order cannot be retried into existence. */
  async loadForProcess(id: string): Promise<Order> {
    return this.findOneOrFail({ id }, { populate: ['items'] });
  }
}
