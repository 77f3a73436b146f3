import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { RecoveryClaimStatus } from '../../domain/complaints';
import type { Currency } from '../../domain/money';
import { BaseEntity } from './base.entity';

/**
 * The platform's claim against the party at fault for an advance compensation it paid
 * (T/QGCML 3125 §4.8: pay first, then claim). Its money lives in recovery_ledger_entry,
 * never among order payments; the totals here are kept in step with that ledger.
 */
@Entity({ tableName: 'recovery_claim' })
@Unique({ properties: ['complaintId'] })
@Index({ properties: ['merchantId'] })
@Index({ properties: ['carrierId'] })
@Index({ properties: ['status'] })
export class RecoveryClaim extends BaseEntity {
  @Property({ type: 'string', length: 16 }) status: RecoveryClaimStatus = 'open';

  @Property({ type: 'integer' }) recovered = 0;

  @Property({ type: 'integer' }) writtenOff = 0;

  @Property({ type: 'json', nullable: true })
  dispute: { evidence: string; by: string; at: string; decision?: 'upheld' | 'withdrawn' } | null = null;

  @Property({ type: 'datetime', nullable: true }) closedAt: Date | null = null;

  @Property({ type: 'uuid' }) complaintId!: string;

  @Property({ type: 'string', length: 16 }) party!: 'merchant' | 'carrier';

  /** Ownership columns, so a merchant or courier sees only its own claims (scopeFor). */
  @Property({ type: 'uuid', nullable: true }) merchantId!: string | null;

  @Property({ type: 'uuid', nullable: true }) carrierId!: string | null;

  @Property({ type: 'integer' }) amount!: number;

  @Property({ type: 'string', length: 3 }) currency!: Currency;

  @Property({ type: 'text' }) reason!: string;

  @Property({ type: 'datetime' }) dueAt!: Date;

  /** Takes named fields: the columns without a default. */
  constructor(
    fields: Pick<
      RecoveryClaim,
      'complaintId' | 'party' | 'merchantId' | 'carrierId' | 'amount' | 'currency' | 'reason' | 'dueAt'
    >,
  ) {
    super();
    Object.assign(this, fields);
  }

  partyId(): string {
    return (this.party === 'merchant' ? this.merchantId : this.carrierId) as string;
  }

  outstanding(): number {
    return Math.max(0, this.amount - this.recovered - this.writtenOff);
  }
}
