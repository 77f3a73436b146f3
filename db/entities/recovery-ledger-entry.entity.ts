import { EntitySchema } from '@mikro-orm/core';
import type { RecoveryLedgerKind } from '../../domain/complaints';
import type { Currency } from '../../domain/money';
import { BaseEntity, BaseEntitySchema } from './base.entity';

/**
 * One movement of a recovery claim (§4.8): claimed, recovered (a payment or a deduction from
 * the party's settlement) or written off with a reason. Append-only; `key` (workflow id +
 * step) makes a retried write a no-op. Its own ledger: order payments never mix in.
 */
export class RecoveryLedgerEntry extends BaseEntity {
  constructor(
    public claimId: string,
    public party: 'merchant' | 'carrier',
    public partyId: string,
    public kind: RecoveryLedgerKind,
    public amount: number,
    public currency: Currency,
    public by: string,
    public key: string,
    public method: 'payment' | 'settlement_deduction' | null = null,
    public note: string | null = null,
  ) {
    super();
  }
}

export const RecoveryLedgerEntrySchema = new EntitySchema<RecoveryLedgerEntry, BaseEntity>({
  class: RecoveryLedgerEntry,
  extends: BaseEntitySchema,
  tableName: 'recovery_ledger_entry',
  uniques: [{ properties: ['key'] }],
  indexes: [{ properties: ['claimId', 'createdAt'] }, { properties: ['party', 'partyId'] }],
  properties: {
    claimId: { type: 'uuid' },
    party: { type: 'string', length: 16 },
    partyId: { type: 'uuid' },
    kind: { type: 'string', length: 16 },
    amount: { type: 'integer' },
    currency: { type: 'string', length: 3 },
    by: { type: 'string' },
    key: { type: 'string' },
    method: { type: 'string', length: 32, nullable: true },
    note: { type: 'text', nullable: true },
  },
});
