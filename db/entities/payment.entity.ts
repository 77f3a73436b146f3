import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';

export type PaymentOperation = 'authorize' | 'capture' | 'void' | 'refund' | 'payout';

/**
 * The platform's record of one call to the payment provider: what the consumer can query
 * and verify (T/QGCML 3125 §7.1), and what reconciliation compares with the provider's
 * settlements. One row per idempotency key, so a retried call leaves one record.
 */
export class Payment extends BaseEntity {
  providerTransactionId: string | null = null;
  declineCode: string | null = null;
  /** When the provider took the request (refunds; §7.1.2 a record the consumer can verify). */
  requestedAt: Date | null = null;
  /** The provider's settlement day, YYYY-MM-DD: from its answer, or confirmed by reconciliation. */
  settlementDate: string | null = null;

  constructor(
    /** The order, complaint or return the money belongs to. */
    public subjectType: 'order' | 'return' | 'complaint',
    public subjectId: string,
    public operation: PaymentOperation,
    public amount: number,
    public currency: string,
    public status: 'succeeded' | 'declined' | 'failed',
    public idempotencyKey: string,
  ) {
    super();
  }
}

export const PaymentSchema = new EntitySchema<Payment, BaseEntity>({
  class: Payment,
  extends: BaseEntitySchema,
  tableName: 'payment',
  indexes: [{ properties: ['subjectType', 'subjectId'] }],
  properties: {
    subjectType: { type: 'string', length: 16 },
    subjectId: { type: 'uuid' },
    operation: { type: 'string', length: 16 },
    amount: { type: 'integer' },
    currency: { type: 'string', length: 3 },
    status: { type: 'string', length: 16 },
    idempotencyKey: { type: 'string', unique: true },
    providerTransactionId: { type: 'string', nullable: true },
    declineCode: { type: 'string', nullable: true },
    requestedAt: { type: 'datetime', nullable: true },
    settlementDate: { type: 'string', length: 10, nullable: true },
  },
});
