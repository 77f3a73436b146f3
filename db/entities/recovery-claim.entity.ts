import { EntitySchema } from '@mikro-orm/core';
import type { RecoveryClaimStatus } from '../../domain/complaints';
import type { Currency } from '../../domain/money';
import { BaseEntity, BaseEntitySchema } from './base.entity';

/**
 * The platform's claim against the party at fault for an advance compensation it paid
 * (T/QGCML 3125 §4.8: pay first, then claim). Its money lives in recovery_ledger_entry,
 * never among order payments; the totals here are kept in step with that ledger.
 */
export class RecoveryClaim extends BaseEntity {
  status: RecoveryClaimStatus = 'open';
  recovered = 0;
  writtenOff = 0;
  dispute: { evidence: string; by: string; at: string; decision?: 'upheld' | 'withdrawn' } | null = null;
  closedAt: Date | null = null;

  constructor(
    public complaintId: string,
    public party: 'merchant' | 'carrier',
    /** Ownership columns, so a merchant or courier sees only its own claims (scopeFor). */
    public merchantId: string | null,
    public carrierId: string | null,
    public amount: number,
    public currency: Currency,
    public reason: string,
    public dueAt: Date,
  ) {
    super();
  }

  partyId(): string {
    return (this.party === 'merchant' ? this.merchantId : this.carrierId) as string;
  }

  outstanding(): number {
    return Math.max(0, this.amount - this.recovered - this.writtenOff);
  }
}

export const RecoveryClaimSchema = new EntitySchema<RecoveryClaim, BaseEntity>({
  class: RecoveryClaim,
  extends: BaseEntitySchema,
  tableName: 'recovery_claim',
  uniques: [{ properties: ['complaintId'] }],
  indexes: [{ properties: ['merchantId'] }, { properties: ['carrierId'] }, { properties: ['status'] }],
  properties: {
    complaintId: { type: 'uuid' },
    party: { type: 'string', length: 16 },
    merchantId: { type: 'uuid', nullable: true },
    carrierId: { type: 'uuid', nullable: true },
    amount: { type: 'integer' },
    currency: { type: 'string', length: 3 },
    reason: { type: 'text' },
    dueAt: { type: 'datetime' },
    status: { type: 'string', length: 16 },
    recovered: { type: 'integer' },
    writtenOff: { type: 'integer' },
    dispute: { type: 'json', nullable: true },
    closedAt: { type: 'datetime', nullable: true },
  },
});
