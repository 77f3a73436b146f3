import { Entity, Property } from '@mikro-orm/core';
import { assignOwnColumns, BaseEntity } from './base.entity';

const orderPartiesColumns = ['orderId', 'consumerId', 'merchantId', 'carrierId'] as const;

/** What a case's constructor takes for the columns of this base: the parties, none with a default. */
export type OrderPartiesFields = Pick<OrderParties, (typeof orderPartiesColumns)[number]>;

/**
 * An after-sales case about one order (a return request, a complaint): the order and its
 * parties, the consumer who raised it, the merchant who sold and the carrier who shipped
 * (T/QGCML 3125 §4.8, §6.1, §6.4). One list of columns for both tables, so each case is
 * listed, filtered and made visible to its parties by the same keys. An abstract entity:
 * its columns are in both tables alike.
 */
@Entity({ abstract: true })
export abstract class OrderParties extends BaseEntity {
  @Property({ type: 'uuid' }) orderId!: string;

  @Property({ type: 'string' }) consumerId!: string;

  @Property({ type: 'uuid' }) merchantId!: string;

  /** The order's carrier (its handover slip), when it has one; it carries a return too. */
  @Property({ type: 'uuid', nullable: true }) carrierId!: string | null;

  /**
   * The consumer's Idempotency-Key when they filed it with one (api/shared/idempotency-key.ts),
   * unique per consumer in each table, and a hash of the request it came with (never the body).
   */
  @Property({ type: 'string', nullable: true }) idempotencyKey: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true }) requestHash: string | null = null;

  constructor(fields: OrderPartiesFields) {
    super();
    assignOwnColumns(this, fields, orderPartiesColumns);
  }
}
