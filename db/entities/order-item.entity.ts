import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';
import type { Order } from './order.entity';

/** One line of an order, with the price facts as they were when the consumer committed (§5.4). */
@Entity({ tableName: 'order_item' })
@Unique({ properties: ['order', 'position'] })
export class OrderItem extends BaseEntity {
  @ManyToOne({ entity: 'Order', deleteRule: 'cascade' })
  order: Order;

  @Property({ type: 'integer' })
  position: number;

  @Property({ type: 'uuid' })
  productId: string;

  @Property({ type: 'string' })
  sku: string;

  @Property({ type: 'string' })
  name: string;

  @Property({ type: 'integer' })
  unitPrice: number;

  /** Counted per item; the quantity delivered must match it (T/QGCML 3125 §5.3). */
  @Property({ type: 'integer' })
  quantity: number;

  constructor(
    order: Order,
    position: number,
    productId: string,
    sku: string,
    name: string,
    unitPrice: number,
    quantity: number,
  ) {
    super();
    this.order = order;
    this.position = position;
    this.productId = productId;
    this.sku = sku;
    this.name = name;
    this.unitPrice = unitPrice;
    this.quantity = quantity;
  }

  lineAmount(): number {
    return this.unitPrice * this.quantity;
  }
}
