import { Entity, ManyToOne, Property, Unique } from '@mikro-orm/core';
import type { ItemCondition } from '../../domain/returns';
import { GoodsLine, type GoodsLineFields } from './goods-line';
import type { ReturnRequest } from './return-request.entity';

/**
 * One product of a return, with the price the consumer paid for it (what a refund gives
 * back) and, once the merchant inspected it, what came back and what was accepted
 * (T/QGCML 3125 §6.4 goods checked against the order, line by line; §5.3 counted per item).
 */
@Entity({ tableName: 'return_line' })
@Unique({ properties: ['returnRequest', 'position'] })
export class ReturnLine extends GoodsLine {
  @Property({ type: 'integer', nullable: true }) received: number | null = null;

  @Property({ type: 'integer', nullable: true }) accepted: number | null = null;

  @Property({ type: 'string', length: 16, nullable: true }) condition: ItemCondition | null = null;

  @Property({ type: 'text', nullable: true }) note: string | null = null;

  @ManyToOne({ entity: 'ReturnRequest', deleteRule: 'cascade' }) returnRequest!: ReturnRequest;

  /** Takes named fields: the goods of the line and its return. */
  constructor(fields: GoodsLineFields & Pick<ReturnLine, 'returnRequest'>) {
    super(fields);
    // Its own columns here, after super() has returned and its field declarations have run
    // (the base assigned only the base's: docs/architecture.md "Database").
    Object.assign(this, fields);
  }
}
