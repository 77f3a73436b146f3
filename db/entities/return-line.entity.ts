import { EntitySchema } from '@mikro-orm/core';
import type { ItemCondition } from '../../domain/returns';
import { BaseEntity, BaseEntitySchema } from './base.entity';
import type { ReturnRequest } from './return-request.entity';

/**
 * One product of a return, with the price the consumer paid for it (what a refund gives
 * back) and, once the merchant inspected it, what came back and what was accepted
 * (T/QGCML 3125 §6.4 goods checked against the order, line by line; §5.3 counted per item).
 */
export class ReturnLine extends BaseEntity {
  received: number | null = null;
  accepted: number | null = null;
  condition: ItemCondition | null = null;
  note: string | null = null;

  constructor(
    public returnRequest: ReturnRequest,
    public position: number,
    public productId: string,
    public name: string,
    public unitPrice: number,
    public quantity: number,
  ) {
    super();
  }
}

export const ReturnLineSchema = new EntitySchema<ReturnLine, BaseEntity>({
  class: ReturnLine,
  extends: BaseEntitySchema,
  tableName: 'return_line',
  uniques: [{ properties: ['returnRequest', 'position'] }],
  properties: {
    returnRequest: { kind: 'm:1', entity: 'ReturnRequest', deleteRule: 'cascade' },
    position: { type: 'integer' },
    productId: { type: 'uuid' },
    name: { type: 'string' },
    unitPrice: { type: 'integer' },
    quantity: { type: 'integer' },
    received: { type: 'integer', nullable: true },
    accepted: { type: 'integer', nullable: true },
    condition: { type: 'string', length: 16, nullable: true },
    note: { type: 'text', nullable: true },
  },
});
