import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import type { Order } from './order.entity';

/**
 * One step of an order's timeline. `key` is unique per order, so an activity that records
 * a step twice (a retry) leaves one entry.
 */
export class OrderEvent extends BaseEntity {
  constructor(
    public order: Order,
    public key: string,
    public type: string,
    public occurredAt: Date,
    /** Facts for the timeline; never personal data. */
    public details: Record<string, unknown> = {},
  ) {
    super();
  }
}

export const OrderEventSchema = new EntitySchema<OrderEvent, BaseEntity>({
  class: OrderEvent,
  extends: BaseEntitySchema,
  tableName: 'order_event',
  uniques: [{ properties: ['order', 'key'] }],
  properties: {
    order: { kind: 'm:1', entity: 'Order', deleteRule: 'cascade' },
    key: { type: 'string' },
    type: { type: 'string', length: 64 },
    occurredAt: { type: 'datetime' },
    details: { type: 'json' },
  },
});
