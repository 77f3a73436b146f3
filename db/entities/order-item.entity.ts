import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import { GoodsLine, type GoodsLineFields } from './goods-line';
import type { Order } from './order.entity';

/** One line of an order, with the price facts as they were when the consumer committed (§5.4). */
@Entity({ tableName: 'order_item' })
@Unique({ properties: ['order', 'position'] })
export class OrderItem extends GoodsLine {
  @ManyToOne({ entity: 'Order', deleteRule: 'cascade' }) order!: Order;

  @Property({ type: 'string' }) sku!: string;

  /** Takes named fields: the goods of the line, its order and the product's sku. */
  constructor(fields: GoodsLineFields & Pick<OrderItem, 'order' | 'sku'>) {
    super(fields);
    // Its own columns here, after super() has returned and its field declarations have run
    // (the base assigned only the base's: docs/architecture.md "Database").
    Object.assign(this, fields);
  }
}
