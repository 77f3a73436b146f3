import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';

export type PaymentDiscrepancyKind = 'missing_at_provider' | 'missing_at_platform' | 'amount_mismatch';

/**
 * A difference between the platform's payment records and the provider's settlement of
 * one day (T/QGCML 3125 §4.6 a named person reconciles; §7.1 timely reconciliation).
 */
export class PaymentDiscrepancy extends BaseEntity {
  constructor(
    /** The settlement day, Asia/Shanghai (YYYY-MM-DD). */
    public settlementDate: string,
    public kind: PaymentDiscrepancyKind,
    public providerTransactionId: string,
    /** Our reference (the order id) as either side records it. */
    public reference: string,
    public platformAmount: number | null,
    public providerAmount: number | null,
  ) {
    super();
  }
}

export const PaymentDiscrepancySchema = new EntitySchema<PaymentDiscrepancy, BaseEntity>({
  class: PaymentDiscrepancy,
  extends: BaseEntitySchema,
  tableName: 'payment_discrepancy',
  uniques: [{ properties: ['settlementDate', 'providerTransactionId'] }],
  properties: {
    settlementDate: { type: 'string', length: 10 },
    kind: { type: 'string', length: 32 },
    providerTransactionId: { type: 'string' },
    reference: { type: 'string' },
    platformAmount: { type: 'integer', nullable: true },
    providerAmount: { type: 'integer', nullable: true },
  },
});
