import { Entity, Index, Property } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';

export type PaymentOperation = 'authorize' | 'capture' | 'void' | 'refund' | 'payout';

/**
 * The platform's record of one call to the payment provider: what the consumer can query
 * and verify (T/QGCML 3125 §7.1), and what reconciliation compares with the provider's
 * settlements. One row per idempotency key, so a retried call leaves one record.
 */
@Entity({ tableName: 'payment' })
@Index({ properties: ['subjectType', 'subjectId'] })
export class Payment extends BaseEntity {
  @Property({ type: 'string', nullable: true }) providerTransactionId: string | null = null;

  @Property({ type: 'string', nullable: true }) declineCode: string | null = null;

  /** When the provider took the request (refunds; §7.1.2 a record the consumer can verify). */
  @Property({ type: 'datetime', nullable: true }) requestedAt: Date | null = null;

  /** The provider's settlement day, YYYY-MM-DD: from its answer, or confirmed by reconciliation. */
  @Property({ type: 'string', length: 10, nullable: true }) settlementDate: string | null = null;

  /** The order, complaint or return the money belongs to. */
  @Property({ type: 'string', length: 16 }) subjectType!: 'order' | 'return' | 'complaint';

  @Property({ type: 'uuid' }) subjectId!: string;

  @Property({ type: 'string', length: 16 }) operation!: PaymentOperation;

  @Property({ type: 'integer' }) amount!: number;

  @Property({ type: 'string', length: 3 }) currency!: string;

  @Property({ type: 'string', length: 16 }) status!: 'succeeded' | 'declined' | 'failed';

  @Property({ type: 'string', unique: true }) idempotencyKey!: string;

  /** Takes named fields: the columns without a default. */
  constructor(
    fields: Pick<
      Payment,
      'subjectType' | 'subjectId' | 'operation' | 'amount' | 'currency' | 'status' | 'idempotencyKey'
    >,
  ) {
    super();
    Object.assign(this, fields);
  }
}
