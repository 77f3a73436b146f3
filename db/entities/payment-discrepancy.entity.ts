import { Entity, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';

export type PaymentDiscrepancyKind = 'missing_at_provider' | 'missing_at_platform' | 'amount_mismatch';

/**
 * A difference between the platform's payment records and the provider's settlement of
 * one day (T/QGCML 3125 §4.6 a named person reconciles; §7.1 timely reconciliation).
 */
@Entity({ tableName: 'payment_discrepancy' })
@Unique({ properties: ['settlementDate', 'providerTransactionId'] })
export class PaymentDiscrepancy extends BaseEntity {
  /** The settlement day, Asia/Shanghai (YYYY-MM-DD). */
  @Property({ type: 'string', length: 10 }) settlementDate!: string;

  @Property({ type: 'string', length: 32 }) kind!: PaymentDiscrepancyKind;

  @Property({ type: 'string' }) providerTransactionId!: string;

  /** Our reference (the order id) as either side records it. */
  @Property({ type: 'string' }) reference!: string;

  @Property({ type: 'integer', nullable: true }) platformAmount!: number | null;

  @Property({ type: 'integer', nullable: true }) providerAmount!: number | null;

  /** Takes named fields: the columns without a default. */
  constructor(
    fields: Pick<
      PaymentDiscrepancy,
      'settlementDate' | 'kind' | 'providerTransactionId' | 'reference' | 'platformAmount' | 'providerAmount'
    >,
  ) {
    super();
    Object.assign(this, fields);
  }
}
