import { Entity, Property } from '@mikro-orm/core';
import { assignOwnColumns, BaseEntity } from './base.entity';

const goodsLineColumns = ['position', 'productId', 'name', 'unitPrice', 'quantity'] as const;

/** What a line's constructor takes for the columns of this base: the goods, none with a default. */
export type GoodsLineFields = Pick<GoodsLine, (typeof goodsLineColumns)[number]>;

/**
 * One product on a line of an order or of a return, with the price the consumer paid
 * (T/QGCML 3125 §5.4 price facts as committed; §6.4 a refund gives back what was paid).
 * A return line copies its order line's facts, so one list of columns serves both
 * tables. An abstract entity: its columns are in both tables alike.
 */
@Entity({ abstract: true })
export abstract class GoodsLine extends BaseEntity {
  @Property({ type: 'integer' }) position!: number;

  @Property({ type: 'uuid' }) productId!: string;

  @Property({ type: 'string' }) name!: string;

  /** Minor units, per piece. */
  @Property({ type: 'integer' }) unitPrice!: number;

  /** Counted per item; what is delivered or returned must match it (T/QGCML 3125 §5.3). */
  @Property({ type: 'integer' }) quantity!: number;

  constructor(fields: GoodsLineFields) {
    super();
    assignOwnColumns(this, fields, goodsLineColumns);
  }

  lineAmount(): number {
    return this.unitPrice * this.quantity;
  }
}
