import { Check, Entity, Index, Property, Unique } from '@mikro-orm/core';
import type { RecoveryLedgerKind } from '../../domain/complaints';
import type { Currency } from '../../domain/money';
import { BaseEntity } from './base.entity';

/**
 * One movement of a recovery claim (§4.8): claimed, recovered (a payment or a deduction from
 * the party's settlement) or written off with a reason. Append-only; `key` (workflow id +
 * step) makes a retried write a no-op. Its own ledger: order payments never mix in.
 */
@Entity({ tableName: 'recovery_ledger_entry' })
@Check({ name: 'recovery_ledger_entry_amount_check', expression: 'amount > 0' })
@Unique({ properties: ['key'] })
@Index({ properties: ['claimId', 'createdAt'] })
@Index({ properties: ['party', 'partyId'] })
export class RecoveryLedgerEntry extends BaseEntity {
  @Property({ type: 'uuid' }) claimId!: string;

  @Property({ type: 'string', length: 16 }) party!: 'merchant' | 'carrier';

  @Property({ type: 'uuid' }) partyId!: string;

  @Property({ type: 'string', length: 16 }) kind!: RecoveryLedgerKind;

  @Property({ type: 'integer' }) amount!: number;

  @Property({ type: 'string', length: 3 }) currency!: Currency;

  @Property({ type: 'string' }) by!: string;

  @Property({ type: 'string' }) key!: string;

  @Property({ type: 'string', length: 32, nullable: true }) method: 'payment' | 'settlement_deduction' | null = null;

  @Property({ type: 'text', nullable: true }) note: string | null = null;

  /** Takes named fields: the columns without a default, and `method` and `note` when known. */
  constructor(
    fields: Pick<RecoveryLedgerEntry, 'claimId' | 'party' | 'partyId' | 'kind' | 'amount' | 'currency' | 'by' | 'key'> &
      Partial<Pick<RecoveryLedgerEntry, 'method' | 'note'>>,
  ) {
    super();
    Object.assign(this, fields);
  }
}
