import { Entity, Index, Property, Unique } from '@mikro-orm/core';
import { BaseEntity } from './base.entity';

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
@Entity({ tableName: 'reconciliation_discrepancy' })
@Unique({ properties: ['kind', 'orderId'] })
@Index({ properties: ['lastSeenAt'] })
export class ReconciliationDiscrepancy extends BaseEntity {
  @Property({ type: 'string', length: 32 }) kind!: DiscrepancyKind;

  @Property({ type: 'uuid' }) orderId!: string;

  @Property({ type: 'uuid' }) merchantId!: string;

  @Property({ type: 'uuid', nullable: true }) carrierId!: string | null;

  @Property({ type: 'uuid', nullable: true }) slipId!: string | null;

  /** Counts and amounts on each side; never personal data. */
  @Property({ type: 'json' }) details!: Record<string, unknown>;

  @Property({ type: 'datetime' }) firstSeenAt!: Date;

  @Property({ type: 'datetime' }) lastSeenAt!: Date;

  /** Takes named fields: the columns without a default. */
  constructor(
    fields: Pick<
      ReconciliationDiscrepancy,
      'kind' | 'orderId' | 'merchantId' | 'carrierId' | 'slipId' | 'details' | 'firstSeenAt' | 'lastSeenAt'
    >,
  ) {
    super();
    Object.assign(this, fields);
  }
}
