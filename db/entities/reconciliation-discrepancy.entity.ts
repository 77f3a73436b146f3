import { EntitySchema } from '@mikro-orm/core';
import { BaseEntity, BaseEntitySchema } from './base.entity';

export const discrepancyKinds = [
  'missing_slip',
  'count_mismatch',
  'value_mismatch',
  'carrier_count_mismatch',
  'carrier_value_mismatch',
  'missing_shipment',
  'unremitted_cod',
] as const;
export type DiscrepancyKind = (typeof discrepancyKinds)[number];

/**
 * What a reconciliation run found (T/QGCML 3125 §6.1, §6.2.2): slips against the merchant's
 * records (the order) and against the carrier's shipments and remittances. One row per
 * kind and order; a later run that finds it again only updates `lastSeenAt`.
 */
export class ReconciliationDiscrepancy extends BaseEntity {
  constructor(
    public kind: DiscrepancyKind,
    public orderId: string,
    public merchantId: string,
    public carrierId: string | null,
    public slipId: string | null,
    /** Counts and amounts on each side; never personal data. */
    public details: Record<string, unknown>,
    public firstSeenAt: Date,
    public lastSeenAt: Date,
  ) {
    super();
  }
}

export const ReconciliationDiscrepancySchema = new EntitySchema<ReconciliationDiscrepancy, BaseEntity>({
  class: ReconciliationDiscrepancy,
  extends: BaseEntitySchema,
  tableName: 'reconciliation_discrepancy',
  uniques: [{ properties: ['kind', 'orderId'] }],
  indexes: [{ properties: ['lastSeenAt'] }],
  properties: {
    kind: { type: 'string', length: 32 },
    orderId: { type: 'uuid' },
    merchantId: { type: 'uuid' },
    carrierId: { type: 'uuid', nullable: true },
    slipId: { type: 'uuid', nullable: true },
    details: { type: 'json' },
    firstSeenAt: { type: 'datetime' },
    lastSeenAt: { type: 'datetime' },
  },
});
