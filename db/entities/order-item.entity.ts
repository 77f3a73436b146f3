import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { GoodsLine } from './goods-line';
import type { Order } from './order.entity';

/** One line of an order, with the price facts as they were when the consumer committed (§5.4). */
@Entity({ tableName: 'order_item' })
@Unique({ properties: ['order', 'position'] })
export class OrderItem extends GoodsLine {
  @ManyToOne({ entity: 'Order', deleteRule: 'cascade' }) order: Order;

  @Property({ type: 'string' }) sku: string;

  constructor(
    order: Order,
    position: number,
    productId: string,
    sku: string,
    name: string,
    unitPrice: number,
    quantity: number,
  ) {
    super(position, productId, name, unitPrice, quantity);
    this.order = order;
    this.sku = sku;
  }
}
