import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import type { Order } from './order.entity';

/** One line of an order, with the price facts as they were when the consumer committed (§5.4). */
export class OrderItem extends BaseEntity {
  constructor(
    public order: Order,
    public position: number,
    public productId: string,
    public sku: string,
    public name: string,
    public unitPrice: number,
    /** Counted per item; the quantity delivered must match it (T/QGCML 3125 §5.3). */
    public quantity: number,
  ) {
    super();
  }

  lineAmount(): number {
    return this.unitPrice * this.quantity;
  }
}

export const OrderItemSchema = new EntitySchema<OrderItem, BaseEntity>({
  class: OrderItem,
  extends: BaseEntitySchema,
  tableName: 'order_item',
  uniques: [{ properties: ['order', 'position'] }],
  properties: {
    order: { kind: 'm:1', entity: 'Order', deleteRule: 'cascade' },
    position: { type: 'integer' },
    productId: { type: 'uuid' },
    sku: { type: 'string' },
    name: { type: 'string' },
    unitPrice: { type: 'integer' },
    quantity: { type: 'integer' },
  },
});
