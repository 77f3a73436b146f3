import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';
import type { Order } from './order.entity';

/**
 * One step of an order's timeline. `key` is unique per order, so an activity that records
 * a step twice (a retry) leaves one entry.
 */
@Entity({ tableName: 'order_event' })
@Unique({ properties: ['order', 'key'] })
export class OrderEvent extends BaseEntity {
  @ManyToOne({ entity: 'Order', deleteRule: 'cascade' }) order!: Order;

  @Property({ type: 'string' }) key!: string;

  @Property({ type: 'string', length: 64 }) type!: string;

  @Property({ type: 'datetime' }) occurredAt!: Date;

  /** Facts for the timeline; never personal data. */
  @Property({ type: 'json' }) details: Record<string, unknown> = {};

  /** Takes named fields: the columns without a default, and `details` when the step has facts to show. */
  constructor(
    fields: Pick<OrderEvent, 'order' | 'key' | 'type' | 'occurredAt'> & Partial<Pick<OrderEvent, 'details'>>,
  ) {
    super();
    Object.assign(this, fields);
  }
}
